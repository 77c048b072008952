/**
 * @module escalation/package
 * The package a forum receives, built from the cases' redacted columns, the catalog and what the
 * drafter added: pure (no I/O), so every format (JSON, Markdown, HTML) shows the same content.
 * - Every field the forum asks for (catalog/forums.json `fields`) is present; one the hotline
 *   cannot fill says so (`missing: true`) instead of being left out.
 * - Spans a reviewer masked are replaced everywhere by `[MASKED-n]`.
 * - A case's original words appear only when the caller passes them (escalation/service.ts
 *   decides: the custodian approved it AND the worker's consent covers this forum); an identity
 *   never passes through the server: the package says the custodian releases it separately.
 */
import { articleLabel, type Catalog } from '../catalog/index.js'
import type { TFunction } from '../i18n/index.js'
import type { Lang } from '../i18n/index.js'
import { fold } from '../privacy/fold.js'
import type { MemberRow } from '../store/escalations.js'
import type { EngineClock } from './clocks.js'
import type { EscalationKind, ForumsFile } from './forums.js'

export interface PackageMember {
  row: MemberRow
  /** The original words, only when approval and consent both hold. */
  original: string | null
  /** The custodian's approval that releases the identity (with consent), or null. */
  identityApproval: string | null
  /** The dismissal clock (Mexico), if any. */
  lft: EngineClock | null
}

export interface PackageInput {
  id: string
  kind: EscalationKind
  stage: string
  outcome: string | null
  reviewedOn: string | null
  org: { name: string; euBased: boolean; caBased: boolean } | null
  facilityId: string | null
  /**
   * The registry's facility when every case is grouped under one (admin data, not a reporter's
   * words): the facility and covered / priority-sector fields then come from it.
   */
  registry?: RegistryFacility | null
  details: Record<string, string>
  members: readonly PackageMember[]
  removed: readonly { reference: string; reason: string }[]
  stages: readonly { stage: string; on: number; outcome: string | null }[]
  clocks: readonly EngineClock[]
  /** The spans a reviewer masked (decrypted), in the order they were added. */
  masks: readonly string[]
}

/** What a package reads from the facility registry (facilities/registry.ts `Facility`). */
export interface RegistryFacility {
  name: string
  employer: string | null
  country: string
  state: string | null
  location: string | null
  sector: string | null
  covered: boolean
  prioritySector: boolean
}

export interface PackageField {
  key: string
  label: string
  value: string
  /** Where it comes from: the cases, the catalog, the drafter; or nobody yet. */
  from: 'cases' | 'catalog' | 'drafter' | 'standard'
  missing?: true
}

export interface PackageCase {
  reference: string
  country: string
  sector: string | null
  employer: string
  facility: string | null
  location: string | null
  occurredOn: string | null
  workersAffected: number | null
  rights: string[]
  commitments: { code: string; article: string; title: string }[]
  description: string
  original?: string
  identity: string
}

export interface Package {
  id: string
  kind: EscalationKind
  forum: { name: string; recipient: string; filers: string; source: string; verified: string }
  language: Lang
  stage: string
  outcome: string | null
  reviewed: boolean
  reviewedOn: string | null
  filer: string | null
  facilityId: string | null
  fields: PackageField[]
  cases: PackageCase[]
  removed: { reference: string; reason: string }[]
  stages: { stage: string; on: string; outcome: string | null }[]
  clocks: { id: string; rule: string; cite: string; verified: string; startedOn: string; dueOn: string; state: string; daysLeft: number | null }[]
  masked: number
}

export const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** Replace every masked span with its placeholder (longest spans first, so parts do not split them). */
export function applyMasks(text: string, masks: readonly string[]): string {
  const order = masks.map((m, i) => ({ m, n: i + 1 })).sort((a, b) => b.m.length - a.m.length)
  let out = text
  for (const { m, n } of order) if (m) out = out.split(m).join(`[MASKED-${n}]`)
  return out
}

/** The ILO forced-labour indicators the texts show (folded keyword patterns from forums.json). */
export function forcedLabourIndicators(forums: ForumsFile, texts: readonly { text: string; lang: Lang }[]): string[] {
  const found: string[] = []
  for (const [code, byLang] of Object.entries(forums.indicators)) {
    const hit = texts.some(({ text, lang }) => {
      const folded = fold(text)
      return [...byLang[lang], ...(lang === 'en' ? [] : byLang.en)].some((p) => new RegExp(p).test(folded))
    })
    if (hit) found.push(code)
  }
  return found
}

const uniq = (xs: readonly (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))]

/** Build the package in `lang`. */
export function buildPackage(
  catalog: Catalog,
  forums: ForumsFile,
  p: PackageInput,
  lang: Lang,
  t: TFunction,
): Package {
  const forum = forums.forums[p.kind]
  const m = (s: string) => applyMasks(s, p.masks)
  const rows = p.members.map((x) => x.row)
  const rights = uniq(rows.flatMap((r) => JSON.parse(r.rights) as string[]))
  const codes = uniq(rows.flatMap((r) => JSON.parse(r.commitments) as string[]))
  const commitment = (code: string) => {
    const c = catalog.byCode.get(code)
    return { code, article: c ? articleLabel(catalog, c, lang) : code, title: c?.title[lang] ?? code }
  }
  const law = (prefixes: readonly string[]) =>
    codes.filter((c) => prefixes.some((x) => c.startsWith(x))).map(commitment).map((c) => `${c.article}: ${c.title}`)
  const sectorTitle = (s: string | null) => (s ? (catalog.sectors[s]?.title[lang] ?? s) : t('console:escalation.text.unknown'))
  const countryName = (c: string) => catalog.countries[c]?.name[lang] ?? c
  const rightTitle = (r: string) => catalog.rights[r as keyof typeof catalog.rights]?.title[lang] ?? r
  const workers = rows.reduce((n, r) => n + (r.workers_affected ?? 0), 0)
  const lft = p.members.map((x) => x.lft).filter((c): c is EngineClock => c !== null)
  const facts = rows.map((r) => `${r.occurred_on ? `${r.occurred_on}: ` : ''}${m(r.description_redacted)}`).join('\n\n')
  // The registry's facility: its name, employer or parent company, place and sector.
  const registryFacility = (f: RegistryFacility) =>
    t('console:registryFacts.facility', {
      name: f.name,
      employer: f.employer ?? t('console:escalation.text.unknown'),
      place: [f.state, countryName(f.country)].filter(Boolean).join(', '),
      sector: sectorTitle(f.sector),
    })
  const detail = (k: string) => (p.details[k] ? m(p.details[k]!) : '')

  const value = (key: string): Omit<PackageField, 'key' | 'label'> => {
    const fromCases = (v: string) => (v ? { value: v, from: 'cases' as const } : missing())
    const fromDrafter = (k: string, fallback = '') =>
      detail(k) ? { value: detail(k), from: 'drafter' as const } : fallback ? { value: fallback, from: 'cases' as const } : missing()
    const missing = () => ({ value: t('console:escalation.text.missing'), from: 'drafter' as const, missing: true as const })
    switch (key) {
      case 'facility':
        if (p.registry) return { value: registryFacility(p.registry), from: 'catalog' }
        return fromCases(
          uniq(rows.map((r) => `${m(r.facility ?? r.employer)} (${m(r.employer)}; ${countryName(r.country)}, ${sectorTitle(r.sector)})`)).join('; '),
        )
      case 'coveredStatus': {
        if (p.registry) {
          const f = p.registry
          const key = f.covered ? (f.prioritySector ? 'coveredPriority' : 'coveredOnly') : f.prioritySector ? 'priorityOnly' : 'neither'
          return { value: t(`console:registryFacts.${key}`, { sector: sectorTitle(f.sector) }), from: 'catalog' }
        }
        const sectors = uniq(rows.map((r) => r.sector))
        const priority = sectors.length > 0 && sectors.every((s) => catalog.sectors[s]?.priority)
        return {
          value: t(priority ? 'console:escalation.text.priority' : 'console:escalation.text.notPriority', {
            sectors: sectors.map(sectorTitle).join(', ') || t('console:escalation.text.unknown'),
          }),
          from: 'catalog',
        }
      }
      case 'facts':
      case 'what':
        return fromCases(facts)
      case 'denialOfRights':
        return {
          value: [t('console:escalation.text.denial'), ...law(['usmca.31a', 'usmca.31b', 'usmca.23a', 'usmca.23.3.1.a'])].join('\n'),
          from: 'catalog',
        }
      case 'law':
        return fromCases(law(['usmca.23a', 'mx.lft', 'usmca.23.3', 'ilo.']).join('\n'))
      case 'legalBasis':
        return fromCases(law(p.kind === 'cafta-16' ? ['cafta.'] : ['eu.']).join('\n') || law(['ilo.']).join('\n'))
      case 'workersAffected':
        return {
          value: t('console:escalation.text.workers', { reports: rows.length, workers: workers || t('console:escalation.text.unknown') }),
          from: 'cases',
        }
      case 'evidence':
        return fromDrafter('evidence', t('console:escalation.text.reports', { refs: rows.map((r) => r.reference).join(', ') }))
      case 'remedy':
        return fromDrafter('remedy')
      case 'confidentiality':
        return { value: t('console:escalation.text.confidentiality'), from: 'standard' }
      case 'location':
        if (p.registry) return { value: [p.registry.location, p.registry.state, countryName(p.registry.country)].filter(Boolean).join(', '), from: 'catalog' }
        return fromCases(uniq(rows.map((r) => [r.location && m(r.location), m(r.facility ?? r.employer), countryName(r.country)].filter(Boolean).join(', '))).join('; '))
      case 'who':
        return fromCases(uniq(rows.map((r) => m(r.employer))).join('; '))
      case 'when':
        return fromCases(uniq(rows.map((r) => r.occurred_on)).join(', ') || uniq(rows.map((r) => ymd(r.created_at))).join(', '))
      case 'why':
        return fromCases([...rights.map(rightTitle), ...law(['usmca.23', 'usmca.31'])].join('\n'))
      case 'attachments':
        return fromDrafter('attachments', t('console:escalation.text.noAttachments'))
      case 'authoritiesNotified': {
        const any = rows.some((r) => r.authorities_notified === 1)
        const none = rows.every((r) => r.authorities_notified === 0)
        return { value: t(any ? 'console:escalation.text.yes' : none ? 'console:escalation.text.no' : 'console:escalation.text.unknown'), from: 'cases' }
      }
      case 'filerEligibility':
        return p.org
          ? { value: t(`console:escalation.text.filer.${forum.filers}`, { org: p.org.name }), from: 'standard' }
          : missing()
      case 'agreement': {
        const agreements = uniq(rows.flatMap((r) => catalog.countries[r.country]?.agreements ?? []))
          .filter((a) => forum.applies.agreements?.includes(a))
          .map((a) => catalog.agreements[a]?.name[lang] ?? a)
        return fromCases(agreements.join('; '))
      }
      case 'actionsTaken':
        return fromDrafter('actionsTaken', rows.some((r) => r.authorities_notified === 1) ? t('console:escalation.text.authoritiesTold') : '')
      case 'impact':
        return {
          value: [t('console:escalation.text.workers', { reports: rows.length, workers: workers || t('console:escalation.text.unknown') }), rights.map(rightTitle).join(', ')].join('\n'),
          from: 'cases',
        }
      case 'jurisdiction': {
        const j = uniq(rows.map((r) => (r.sector ? (catalog.sectors[r.sector]?.mx ?? null) : null)))
        return { value: j.map((x) => t(`console:escalation.text.jurisdiction.${x}`)).join('; ') || t('console:escalation.text.unknown'), from: 'catalog' }
      }
      case 'route':
        return {
          value: t(rights.some((r) => r === 'discrimination' || r === 'violence') ? 'console:escalation.text.routeCourt' : 'console:escalation.text.routeConciliation'),
          from: 'catalog',
        }
      case 'dismissalDate':
        return lft.length ? { value: lft.map((c) => ymd(c.startedAt)).join(', '), from: 'cases' } : missing()
      case 'actBefore':
        return lft.length ? { value: lft.map((c) => ymd(c.dueAt)).join(', '), from: 'catalog' } : missing()
      case 'goods':
        return fromDrafter('goods', uniq(rows.map((r) => (r.sector ? sectorTitle(r.sector) : null))).join(', '))
      case 'supplyChain':
        return fromDrafter('supplyChain')
      case 'forcedLabourIndicators': {
        const found = forcedLabourIndicators(forums, rows.map((r) => ({ text: r.description_redacted, lang: r.language as Lang })))
        return found.length
          ? { value: found.map((i) => t(`console:escalation.indicator.${i}`)).join('\n'), from: 'cases' }
          : missing()
      }
      case 'country':
        return fromCases(uniq(rows.map((r) => countryName(r.country))).join(', '))
      default:
        return missing()
    }
  }

  return {
    id: p.id,
    kind: p.kind,
    forum: { name: forum.name[lang], recipient: forum.recipient, filers: forum.filers, source: forum.source, verified: forum.verified },
    language: lang,
    stage: p.stage,
    outcome: p.outcome,
    reviewed: p.reviewedOn !== null,
    reviewedOn: p.reviewedOn,
    filer: p.org?.name ?? null,
    facilityId: p.facilityId,
    fields: forum.fields.map((key) => ({ key, label: t(`console:escalation.field.${key}`), ...value(key) })),
    cases: p.members.map(({ row: r, original, identityApproval }) => ({
      reference: r.reference,
      country: r.country,
      sector: r.sector,
      employer: m(r.employer),
      facility: r.facility === null ? null : m(r.facility),
      location: r.location === null ? null : m(r.location),
      occurredOn: r.occurred_on,
      workersAffected: r.workers_affected,
      rights: JSON.parse(r.rights) as string[],
      commitments: (JSON.parse(r.commitments) as string[]).map(commitment),
      description: m(r.description_redacted),
      ...(original !== null ? { original: m(original) } : {}),
      identity: identityApproval
        ? t('console:escalation.text.identityReleased', { id: identityApproval })
        : t('console:escalation.text.identityWithheld'),
    })),
    removed: [...p.removed],
    stages: p.stages.map((s) => ({ stage: s.stage, on: ymd(s.on), outcome: s.outcome })),
    clocks: p.clocks.map((c) => ({
      id: c.id,
      rule: c.rule[lang],
      cite: c.cite,
      verified: c.verified,
      startedOn: ymd(c.startedAt),
      dueOn: ymd(c.dueAt),
      state: c.state,
      daysLeft: c.daysLeft,
    })),
    masked: p.masks.length,
  }
}
