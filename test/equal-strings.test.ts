/** `equalStrings`, the synchronous constant-time comparison of form tokens and Twilio signatures. */
import { describe, expect, it } from 'vitest'
import { equalStrings } from '../src/privacy/crypto.js'

describe('equalStrings', () => {
  it('is true only for the same characters', () => {
    expect(equalStrings('', '')).toBe(true)
    expect(equalStrings('abc123', 'abc123')).toBe(true)
    expect(equalStrings('abc123', 'abc124')).toBe(false)
    expect(equalStrings('xbc123', 'abc123')).toBe(false)
    expect(equalStrings('abc', 'abcd')).toBe(false)
    expect(equalStrings('abcd', 'abc')).toBe(false)
    expect(equalStrings('é', 'e')).toBe(false)
    // Characters whose code units differ only in a high bit still differ.
    expect(equalStrings('\u0100', '\u0000')).toBe(false)
    expect(equalStrings('Zm9v+/==', 'Zm9v+/==')).toBe(true)
  })
})
