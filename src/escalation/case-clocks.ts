/**
 * @module escalation/case-clocks
 * A case's forum clocks, from the events recorded for it: the dismissal noted at intake
 * (`lft_clock` event), the stages of every escalation the case is in (`escalation_stages`), and
 * the Art. 31-A.4 review-request date staff can record on the case itself (`review_request`).
 * The running deadlines are also kept in `case_deadlines`, recomputed after every change, so
 * the queue can sort and filter by what is due soonest (store/queue.ts).
 */
import { RRM_COMMITMENT } from '../cases/clocks.js'
import type { Deps } from '../deps.js'
import * as escalations from '../store/escalations.js'
import * as events from '../store/events.js'
import type { Statement } from '../store/port.js'
import { engineClocks, type Dismissal, type EngineClock, type EngineInput, type StageFact, type Track } from './clocks.js'
import { isKind, isStage } from './forums.js'

/** Group stage rows into tracks. */
export function tracksOf(rows: readonly escalations.StageRow[]): Track[] {
  const byId = new Map<string, Track & { stages: StageFact[] }>()
  for (const r of rows) {
    if (!isKind(r.kind) || !isStage(r.stage)) continue
    const t = byId.get(r.escalation_id) ?? { id: r.escalation_id, kind: r.kind, stages: [] }
    t.stages.push({ stage: r.stage, on: r.on_day })
    byId.set(r.escalation_id, t)
  }
  return [...byId.values()]
}

/** Conciliation periods: an mx-cfcrl referral filed (requested) until it is closed. */
export function conciliations(tracks: readonly Track[]): { from: number; to: number | null }[] {
  return tracks
    .filter((t) => t.kind === 'mx-cfcrl')
    .flatMap((t) => {
      const from = t.stages.find((s) => s.stage === 'filed')
      if (!from) return []
      const to = t.stages.find((s) => s.stage === 'closed' && s.on >= from.on)
      return [{ from: from.on, to: to?.on ?? null }]
    })
}

/** What the engine needs for one case, read from its events and escalations. */
export async function caseEngineInput(
  deps: Deps,
  kase: { id: string; status: string; commitments: readonly string[] },
): Promise<EngineInput> {
  const evs = await events.forCase(deps.sql, kase.id)
  const tracks = tracksOf(await escalations.stagesForCase(deps.sql, kase.id))
  let dismissal: Dismissal | null = null
  const reviews: number[] = []
  for (const e of evs) {
    const data = JSON.parse(e.data) as { on?: number; at?: number; estimated?: boolean }
    if (e.kind === 'lft_clock' && typeof data.on === 'number') dismissal = { on: data.on, estimated: data.estimated === true }
    if (e.kind === 'review_request' && typeof data.at === 'number') reviews.push(data.at)
  }
  if (dismissal) dismissal.conciliations = conciliations(tracks)
  // The request date recorded on an Annex 31-A case itself (console action) runs the same clocks.
  const latest = reviews.at(-1)
  if (latest !== undefined && kase.commitments.includes(RRM_COMMITMENT)) {
    tracks.push({ id: 'case', kind: 'usmca-rrm', stages: [{ stage: 'review_requested', on: latest }] })
  }
  return { now: deps.clock.now(), status: kase.status, tracks, dismissal }
}

export async function clocksOfCase(
  deps: Deps,
  kase: { id: string; status: string; commitments: readonly string[] },
): Promise<EngineClock[]> {
  return engineClocks(await caseEngineInput(deps, kase))
}

/** Statements that store the running deadlines of these clocks for the case. */
export function deadlineStatements(caseId: string, clocks: readonly EngineClock[]): Statement[] {
  const running = clocks.filter((c) => c.state === 'open' || c.state === 'overdue' || c.state === 'paused')
  return escalations.replaceDeadlines(
    caseId,
    running.map((c) => ({ track: c.track, clock: c.id, dueAt: c.dueAt })),
  )
}

/** Recompute and store a case's running deadlines (idempotent: a derived table). */
export async function refreshDeadlines(deps: Deps, caseIds: readonly string[]): Promise<void> {
  for (const id of caseIds) {
    const row = await escalations.caseState(deps.sql, id)
    if (!row) continue
    const clocks = await clocksOfCase(deps, { id, status: row.status, commitments: JSON.parse(row.commitments) as string[] })
    await deps.sql.batch(deadlineStatements(id, clocks))
  }
}
