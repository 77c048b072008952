/**
 * @module cli/audit
 * `audit verify [--checkpoint LINE]` and `audit checkpoint`: check the audit log's chain and head,
 * and print or check a keyed checkpoint line that an administrator keeps off the server.
 */
import { parseArgs } from 'node:util'
import { checkCheckpoint, checkpointLine, type CheckpointProblem } from '../audit/checkpoint.js'
import { verify, type AuditProblem, type VerifyResult } from '../audit/verify.js'
import { withRuntime } from './runtime.js'

const PROBLEM: Record<AuditProblem, string> = {
  hash: 'was edited',
  prev_hash: 'does not follow the entry before it',
  missing: 'is missing',
  truncated: 'is missing, with every entry after it (the newest entries were deleted)',
  head: 'does not match the head the log keeps (the head was removed or moved)',
}

const CHECKPOINT: Record<CheckpointProblem, string> = {
  malformed: 'checkpoint refused: not a checkpoint line (seq:hash:mac, from `audit checkpoint`)',
  forged: 'checkpoint refused: its MAC is wrong (the line was altered, or made with another DATA_KEY)',
  missing: 'the log holds fewer entries than the checkpoint proves',
  rewritten: 'the log was rewritten since the checkpoint',
}

function brokenLine(r: VerifyResult): string {
  const head = r.storedHead ? `; its head says #${r.storedHead.seq}` : '; it has no head'
  return (
    `audit log BROKEN at entry #${r.brokenSeq}: it ${PROBLEM[r.problem!]} ` +
    `(${r.count} entries before it verified${head})`
  )
}

export async function auditVerify(args: string[]) {
  const { values } = parseArgs({ args, options: { checkpoint: { type: 'string' } } })
  await withRuntime(async (rt) => {
    const r = await verify(rt.deps)
    const cp = values.checkpoint === undefined ? undefined : await checkCheckpoint(rt.deps, values.checkpoint)
    if (r.ok) {
      console.log(`audit log intact: ${r.count} entries; head ${r.head ? `#${r.head.seq} ${r.head.hash}` : '(empty)'}`)
    } else {
      console.error(brokenLine(r))
      process.exitCode = 1
    }
    if (!cp) return
    if (cp.ok) {
      console.log(`checkpoint #${cp.point.seq} matches`)
      return
    }
    const at = cp.point ? ` (entry #${cp.point.seq})` : ''
    console.error(`${CHECKPOINT[cp.problem]}${at}`)
    process.exitCode = 1
  })
}

export async function auditCheckpoint() {
  await withRuntime(async (rt) => {
    const r = await verify(rt.deps)
    if (!r.ok) {
      console.error(`${brokenLine(r)}: no checkpoint made`)
      process.exitCode = 1
      return
    }
    if (!r.head) throw new Error('the audit log is empty: nothing to checkpoint yet')
    console.log(checkpointLine(rt.deps, r.head))
    console.error(
      `\nKeep this line off the server (on paper, or mailed to the custodian). Later,\n` +
        `\`npm run hotline -- audit verify --checkpoint LINE\` fails if the log holds less than it.`,
    )
  })
}
