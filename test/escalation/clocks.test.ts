/**
 * Every forum clock, computed from fixed dates, against the source it cites
 * (catalog/forums.json; /work/shared/domain/reference.md §0.6, §2.2, §2.5), and the forums file's
 * schema.
 */
import { describe, expect, it } from 'vitest'
import forumsFile from '../../catalog/forums.json' with { type: 'json' }
import { addMonths, engineClocks, lftClock, nextDue, trackClocks, type Track } from '../../src/escalation/clocks.js'
import { getForums, KINDS, STAGES } from '../../src/escalation/forums.js'
import { dismissalDay } from '../../src/escalation/urgent.js'

const d = (s: string) => Date.parse(`${s}T00:00:00Z`)
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const track = (kind: Track['kind'], stages: [string, string][]): Track => ({
  id: 'e1',
  kind,
  stages: stages.map(([stage, on]) => ({ stage: stage as Track['stages'][number]['stage'], on: d(on) })),
})
const due = (kind: Track['kind'], stages: [string, string][], now = '2026-03-03') =>
  Object.fromEntries(trackClocks({ now: d(now) }, track(kind, stages)).map((c) => [c.id, ymd(c.dueAt)]))

describe('catalog/forums.json', () => {
  it('validates, has every package kind, and every clock cites a source with a verification tag', () => {
    const f = getForums()
    expect(Object.keys(f.forums).sort()).toEqual([...KINDS].sort())
    for (const forum of Object.values(f.forums)) {
      expect(forum.source).toMatch(/^https?:\/\//)
      for (const c of forum.clocks) {
        expect(c.cite.length, c.id).toBeGreaterThan(5)
        expect(['V', 'S', 'U']).toContain(c.verified)
        expect(STAGES).toContain(c.starts)
      }
    }
    expect(f.lft).toMatchObject({ months: 2, suspensionCapDays: 45 })
  })

  it('a broken file is refused with the field named', () => {
    const broken = structuredClone(forumsFile) as { forums: Record<string, { clocks: { days?: number }[] }> }
    broken.forums['usmca-rrm']!.clocks[0]!.days = -30
    expect(() => getForums(broken)).toThrow(/days/)
    const unknownKey = { ...structuredClone(forumsFile), extra: 1 }
    expect(() => getForums(unknownKey)).toThrow(/extra/)
  })
})

describe('forum clocks from fixed dates', () => {
  it('ILC: 30 days from the petition\u2019s receipt by DOL OTLA (19 U.S.C. §4646(b)) [V]', () => {
    expect(due('usmca-rrm', [['drafted', '2026-02-20'], ['filed', '2026-03-02']])).toEqual({ ilc_review: '2026-04-01' })
    const [ilc] = trackClocks({ now: d('2026-03-02') }, track('usmca-rrm', [['filed', '2026-03-02']]))
    expect(ilc).toMatchObject({ state: 'open', daysLeft: 30, verified: 'V' })
    expect(ilc!.cite).toContain('4646(b)')
    // Answered: the ILC's decision stops it.
    const done = trackClocks({ now: d('2026-05-01') }, track('usmca-rrm', [['filed', '2026-03-02'], ['accepted', '2026-03-25']]))
    expect(done.find((c) => c.id === 'ilc_review')!.state).toBe('done')
  })

  it('USTR: 60 days after an affirmative ILC finding (19 U.S.C. §4646(b)) [V]', () => {
    expect(due('usmca-rrm', [['filed', '2026-03-02'], ['accepted', '2026-03-25']])).toMatchObject({ ustr_panel_decision: '2026-05-24' })
  })

  it('RRM: 10 days to agree to a review, 45 days to complete it, from the request (Art. 31-A.4) [S]', () => {
    expect(due('usmca-rrm', [['filed', '2026-03-02'], ['accepted', '2026-03-25'], ['review_requested', '2026-04-01']])).toEqual({
      ilc_review: '2026-04-01',
      ustr_panel_decision: '2026-05-24',
      review_decision: '2026-04-11',
      review_report: '2026-05-16',
    })
  })

  it('Canada NAO: 30 days (Annex 31-B guidelines) [V]', () => {
    expect(due('canada-31b', [['filed', '2026-06-10']])).toEqual({ nao_decision: '2026-07-10' })
  })

  it('EU SEP: feedback at 3 months, end of month kept [U: Whistleblowing Directive practice]', () => {
    expect(due('eu-sep', [['filed', '2026-01-15']])).toEqual({ sep_feedback: '2026-04-15' })
    expect(due('eu-sep', [['filed', '2025-11-30']])).toEqual({ sep_feedback: '2026-02-28' })
    expect(getForums().forums['eu-sep'].clocks[0]!.verified).toBe('U')
  })

  it('forums without a time limit in the sources run no clock', () => {
    for (const k of ['dol-hotline', 'mx-cfcrl', 'cbp-307', 'cafta-16'] as const) expect(due(k, [['filed', '2026-03-02']])).toEqual({})
  })

  it('LFT Art. 518: 2 months from the dismissal; conciliation suspends it, at most 45 days [S]', () => {
    const now = d('2026-03-20')
    expect(ymd(lftClock({ now }, { on: d('2026-03-15') }).dueAt)).toBe('2026-05-15')
    expect(ymd(addMonths(d('2026-12-31'), 2))).toBe('2027-02-28')
    // 19 days of conciliation push it 19 days.
    const c = lftClock({ now: d('2026-05-01') }, { on: d('2026-03-15'), conciliations: [{ from: d('2026-04-01'), to: d('2026-04-20') }] })
    expect(ymd(c.dueAt)).toBe('2026-06-03')
    // Never more than 45 days, even if conciliation drags on.
    const long = lftClock({ now: d('2026-07-01') }, { on: d('2026-03-15'), conciliations: [{ from: d('2026-04-01'), to: d('2026-06-30') }] })
    expect(ymd(long.dueAt)).toBe('2026-06-29')
    // While conciliation runs (under the cap), the clock is paused.
    const running = lftClock({ now: d('2026-04-11') }, { on: d('2026-03-15'), conciliations: [{ from: d('2026-04-01'), to: null }] })
    expect(running).toMatchObject({ state: 'paused' })
    expect(ymd(running.dueAt)).toBe('2026-05-25')
    expect(lftClock({ now: d('2026-05-16') }, { on: d('2026-03-15') })).toMatchObject({ state: 'overdue', daysLeft: -1 })
  })

  it('the dismissal day: the reporter\u2019s day, else an earlier estimate', () => {
    const filed = d('2026-03-20')
    expect(dismissalDay('2026-03-10', filed)).toEqual({ on: d('2026-03-10'), estimated: false })
    expect(dismissalDay('2026-02', filed)).toEqual({ on: d('2026-02-01'), estimated: true })
    expect(dismissalDay('this_week', filed)).toEqual({ on: d('2026-03-13'), estimated: true })
    expect(dismissalDay(null, filed)).toEqual({ on: d('2026-02-17'), estimated: true })
  })

  it('the queue key is the earliest running clock', () => {
    const clocks = engineClocks({
      now: d('2026-04-05'),
      dismissal: { on: d('2026-03-15') },
      tracks: [track('usmca-rrm', [['filed', '2026-03-02']])],
    })
    expect(clocks.map((c) => [c.id, c.state])).toEqual([
      ['lft_518', 'open'],
      ['ilc_review', 'overdue'],
    ])
    expect(ymd(nextDue(clocks)!)).toBe('2026-04-01')
  })
})
