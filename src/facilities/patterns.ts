/**
 * @module facilities/patterns
 * Patterns a facility page flags, from each case's rights and commitments (catalog/) and its
 * redacted text: several reports of retaliation, or of a contract vote, within 90 days.
 *
 * - **Retaliation**: union rights (`freedom_of_association`) together with a dismissal (the
 *   `dismissal` facet of catalog/facets.json in the redacted text) or with violence and threats
 *   (the `violence` right, USMCA Art. 23.7) — the pattern of the RRM cases (reference §5.2).
 * - **Contract vote**: a commitment about a vote on the collective contract: Annex 23-A
 *   para. 2(d) (which union holds it), 2(e) (first contract), 2(f) (changes), or the legitimation
 *   of existing contracts.
 */
import { getCatalog } from '../catalog/index.js'
import { DAY_MS } from '../clock.js'
import type { Lang } from '../i18n/index.js'
import { detectFacets } from '../routing/facets.js'

export const PATTERN_WINDOW_DAYS = 90
/** Reports of one kind within the window that raise the flag. */
export const PATTERN_MIN_REPORTS = 2
export const CONTRACT_VOTE_COMMITMENTS = ['usmca.23a.2.d', 'usmca.23a.2.e', 'usmca.23a.2.f', 'usmca.23a.legit'] as const
export const PATTERNS = ['retaliation', 'contract_vote'] as const
export type Pattern = (typeof PATTERNS)[number]

export interface PatternCase {
  createdAt: number
  rights: string[]
  commitments: string[]
  text: string
  language: Lang
}

/** The patterns one case shows. */
export function casePatterns(c: PatternCase): Pattern[] {
  const out: Pattern[] = []
  if (c.rights.includes('freedom_of_association')) {
    if (c.rights.includes('violence') || detectFacets(getCatalog(), c.text, c.language).has('dismissal')) out.push('retaliation')
  }
  if (c.commitments.some((x) => (CONTRACT_VOTE_COMMITMENTS as readonly string[]).includes(x))) out.push('contract_vote')
  return out
}

export interface PatternFlag {
  pattern: Pattern
  /** The most reports of this kind within any 90-day window, and that window's first and last day. */
  count: number
  from: number
  to: number
  /** Indices, in the input, of the cases in that window. */
  members: number[]
}

/**
 * The flags: for each pattern, the 90-day window with the most such reports, when it has at
 * least PATTERN_MIN_REPORTS.
 */
export function patternFlags(cases: PatternCase[]): PatternFlag[] {
  const flags: PatternFlag[] = []
  const tagged = cases.map((c, i) => ({ i, at: c.createdAt, patterns: casePatterns(c) }))
  for (const pattern of PATTERNS) {
    const hits = tagged.filter((c) => c.patterns.includes(pattern)).sort((a, b) => a.at - b.at)
    let best: PatternFlag | undefined
    let start = 0
    for (let end = 0; end < hits.length; end++) {
      while (hits[end]!.at - hits[start]!.at > PATTERN_WINDOW_DAYS * DAY_MS) start++
      const count = end - start + 1
      if (!best || count > best.count)
        best = { pattern, count, from: hits[start]!.at, to: hits[end]!.at, members: hits.slice(start, end + 1).map((h) => h.i) }
    }
    if (best && best.count >= PATTERN_MIN_REPORTS) flags.push(best)
  }
  return flags
}
