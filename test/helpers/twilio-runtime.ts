/**
 * A test runtime whose Twilio REST calls go to a local fake (test/helpers/twilio-fake), started
 * before each test and closed after it.
 */
import { afterEach, beforeEach } from 'vitest'
import { makeRuntime, type TestRuntime } from './runtime.js'
import { startFakeTwilio, twilioEnv, type FakeTwilio } from './twilio-fake.js'

/**
 * Register the hooks; `set` receives the fresh fake and runtime before each test (assign them to
 * the test file's variables there).
 */
export function withFakeTwilio(
  set: (twilio: FakeTwilio, rt: TestRuntime) => void | Promise<void>,
  opts: { remoteAddress?: string } = {},
): void {
  let twilio: FakeTwilio | undefined
  let rt: TestRuntime | undefined
  beforeEach(async () => {
    twilio = await startFakeTwilio()
    rt = await makeRuntime({ env: twilioEnv(twilio), ...opts })
    await set(twilio, rt)
  })
  afterEach(async () => {
    rt?.close()
    await twilio?.close()
  })
}
