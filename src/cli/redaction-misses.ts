/**
 * @module cli/redaction-misses
 * `redaction misses --out FILE`: write the spans reviewers masked by hand in escalation packages
 * (each a redaction miss: the redacted text it was found in, the span as the identifier the
 * redaction should have caught, the case's rights) as a JSON corpus, 0600, for
 * `npm run eval:redaction -- --corpus FILE`. The file holds what redaction missed: keep it off
 * shared disks and delete it after the eval (docs/escalation.md).
 */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { redactionMisses } from '../escalation/service.js'
import { withRuntime } from './runtime.js'

export async function redactionMissesCommand(args: string[]) {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } })
  if (!values.out) throw new Error('redaction misses needs --out FILE')
  await withRuntime(async ({ deps }) => {
    const items = await redactionMisses(deps)
    writeFileSync(values.out!, `${JSON.stringify(items, null, 2)}\n`, { mode: 0o600 })
    console.log(`wrote ${items.length} item${items.length === 1 ? '' : 's'} to ${values.out}`)
  })
}
