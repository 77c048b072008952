/**
 * @module audit/checkpoint
 * A checkpoint is one line, `seq:hash:mac`, that an administrator keeps off the server: the seq
 * and hash of the newest audit row, with a MAC under a key derived from DATA_KEY (purpose
 * `checkpoint`). Later, the log must still hold that row with that hash. The head stored in the
 * database shows rows deleted at the end, but whoever can write the database can move the head
 * back with them; they cannot move back a line kept elsewhere, nor forge one without DATA_KEY.
 */
import type { Deps } from '../deps.js'
import * as auditStore from '../store/audit.js'
import type { ChainPoint } from './log.js'

const LINE = /^(\d{1,15}):([0-9a-f]{64}):([0-9a-f]{64})$/

function mac(deps: Deps, p: ChainPoint): string {
  return deps.crypto.blindIndex('checkpoint', `audit\u0000${p.seq}\u0000${p.hash}`)
}

/** The checkpoint line for a row of the log. */
export function checkpointLine(deps: Deps, p: ChainPoint): string {
  return `${p.seq}:${p.hash}:${mac(deps, p)}`
}

/** Why a checkpoint line is refused, or what the log lacks compared with it. */
export type CheckpointProblem =
  /** Not `seq:hash:mac`. */
  | 'malformed'
  /** The MAC does not match: the line was altered, or made with another DATA_KEY. */
  | 'forged'
  /** The log has no row at the checkpoint's seq: it holds fewer rows than the checkpoint proves. */
  | 'missing'
  /** The row at the checkpoint's seq has another hash: the log was rewritten since. */
  | 'rewritten'

export type CheckpointCheck =
  | { ok: true; point: ChainPoint }
  | { ok: false; problem: CheckpointProblem; point: ChainPoint | null }

/** Read a checkpoint line and check its MAC (constant time); nothing is read from the log. */
export function parseCheckpoint(
  deps: Deps,
  line: string,
): { ok: true; point: ChainPoint } | { ok: false; problem: 'malformed' | 'forged' } {
  const m = LINE.exec(line.trim())
  if (!m) return { ok: false, problem: 'malformed' }
  const point = { seq: Number(m[1]), hash: m[2]! }
  if (point.seq < 1) return { ok: false, problem: 'malformed' }
  if (!deps.crypto.equalHex(m[3]!, mac(deps, point))) {
    return { ok: false, problem: 'forged' }
  }
  return { ok: true, point }
}

/** Does the log still hold the row the checkpoint line proves? */
export async function checkCheckpoint(deps: Deps, line: string): Promise<CheckpointCheck> {
  const parsed = parseCheckpoint(deps, line)
  if (!parsed.ok) return { ...parsed, point: null }
  const { point } = parsed
  const hash = await auditStore.hashAt(deps.sql, point.seq)
  if (hash === undefined) return { ok: false, problem: 'missing', point }
  if (hash !== point.hash) return { ok: false, problem: 'rewritten', point }
  return { ok: true, point }
}
