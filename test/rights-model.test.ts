/**
 * @module test/rights-model
 * The rights model (`catalog/rights-model.json`) must be the one `npm run train:rights` builds
 * from the current corpus and settings: the stored corpus hash must match the fixtures, and
 * re-training in memory must give the same bytes (this also catches changes to the features,
 * the folding or the redaction the model reads). Also pins the model module's basic shape.
 * Accuracy is measured by `npm run train:rights -- --cv` and `npm run eval:redaction`.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildModelFile, corpus, corpusHash, MODEL_PATH } from '../scripts/train-rights.js'
import { classify, RIGHTS } from '../src/routing/classify.js'
import { features, MODEL, probabilities } from '../src/routing/rights-model.js'

const stale = 'catalog/rights-model.json is stale: run `npm run train:rights` and commit it'

describe('rights model file', () => {
  const stored = readFileSync(MODEL_PATH, 'utf8')

  it('was trained on the current corpus', () => {
    const header = JSON.parse(stored) as { corpus: { sha256: string; messages: number } }
    const items = corpus()
    expect(header.corpus.sha256, stale).toBe(corpusHash(items))
    expect(header.corpus.messages, stale).toBe(items.length)
  })

  it('is byte-identical to a fresh training run', () => {
    expect(buildModelFile() === stored, stale).toBe(true)
  })

  it('stays small', () => {
    // 6,000 features: about 360 KB, 120 KB gzipped in the Workers bundle (limit 3 MiB).
    expect(stored.length).toBeLessThan(450_000)
  })
})

describe('rights model', () => {
  it('knows every canonical right, in order', () => {
    expect(MODEL.rights).toEqual([...RIGHTS])
  })

  it('gives probabilities that sum to 1, or null when no feature is known', () => {
    const p = probabilities(MODEL, 'nos pagan menos que el minimo')
    expect(p).not.toBeNull()
    expect(p!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9)
    expect(probabilities(MODEL, '')).toBeNull()
  })

  it('extracts distinct unigram, bigram and padded character features, skipping long numbers', () => {
    const f = features('no pagan 1500', { unigrams: true, bigrams: true, chars: 4 })
    expect(f).toContain('w:no')
    expect(f).toContain('b:no pagan')
    expect(f).toContain('c:_no_')
    expect(f).toContain('c:_pag')
    expect(f.some((x) => x.includes('1500'))).toBe(false)
    expect(new Set(f).size).toBe(f.length)
  })

  it('is deterministic', () => {
    const text = 'el patrón nos retiene los papeles y dice que debemos el pasaje'
    expect(classify(text, 'es')).toEqual(classify(text, 'es'))
  })
})
