/**
 * @module escalation/service
 * Escalation packages: drafting one from cases or a facility, reading it, masking spans by hand,
 * the human read that export requires, exporting it, and tracking its stages with their dates.
 * Who may touch a package: the organisation that drafted it (its NGO staff), the staff member
 * who drafted it, admins, and monitors who may see every one of its cases. Every change writes
 * its audit row in the same batch, and each case gets an `escalation` timeline event.
 * Disclosure: a case's original words go into an export only when the custodian approved
 * opening them (an approved, unexpired access request, used once for this package) AND a consent
 * the worker gave covers the forum (disclose `original`, recipient = the forum's). The identity
 * never passes through the server: with an approval and consent, the export says the custodian
 * releases it separately. A worker's withdrawn consent takes their case out of every package
 * not yet filed.
 */
import { withAudit } from '../audit/log.js'
import { getCatalog } from '../catalog/index.js'
import { usableApproval, useApproval } from '../cases/access.js'
import { canSee, type Actor } from '../cases/scope.js'
import { dayOf, DAY_MS } from '../clock.js'
import type { Deps } from '../deps.js'
import { AppError, type FieldError } from '../errors.js'
import { tFor, type Lang } from '../i18n/index.js'
import { listOrganisations, organisationOf, type Organisation } from '../partners/organisations.js'
import { redact } from '../privacy/redact.js'
import * as cases from '../store/cases.js'
import * as consents from '../store/consents.js'
import * as escalations from '../store/escalations.js'
import * as events from '../store/events.js'
import * as organisations from '../store/organisations.js'
import type { Statement } from '../store/port.js'
import { caseEngineInput, conciliations as conciliationsOf, deadlineStatements, tracksOf } from './case-clocks.js'
import { engineClocks, lftClock, trackClocks, type EngineClock } from './clocks.js'
import { caseRefsOfFacility } from './facility-cases.js'
import { getFacility } from '../facilities/registry.js'
import { forumApplies, forumsFor, mayFile, type ForumOption } from './forum-list.js'
import { getForums, isKind, isStage, STAGES, type EscalationKind, type Stage } from './forums.js'
import { buildPackage, ymd, type Package, type PackageMember } from './package.js'

const invalid = (field: string, key: string, params?: FieldError['params']) =>
  new AppError('validation', { [field]: { key: `console:escalation.errors.${key}`, ...(params ? { params } : {}) } })

/** What the drafter may add (free text, redacted before it is stored). */
export const DETAIL_KEYS = ['remedy', 'evidence', 'goods', 'supplyChain', 'actionsTaken', 'attachments'] as const
const DETAIL_MAX = 5_000
/** Outcomes a closed escalation can record. */
export const OUTCOMES = ['remediated', 'partly_remediated', 'not_remediated', 'dismissed', 'withdrawn'] as const
export const MASK_KINDS = ['name', 'phone', 'email', 'id', 'address', 'other'] as const
const MAX_CASES = 200

interface Visible {
  id: string
  reference: string
}

/** Resolve references (or ids) the actor may see; any other is a field error naming it. */
async function visibleCases(deps: Deps, actor: Actor, refs: readonly string[]): Promise<Visible[]> {
  const out: Visible[] = []
  for (const raw of refs) {
    const ref = raw.trim()
    const row = ref ? await cases.byReferenceOrId(deps.sql, ref.toUpperCase(), ref) : undefined
    if (!row || !(await canSee(deps, actor, row.id))) throw invalid('caseRefs', 'caseRef', { ref: ref.slice(0, 40) })
    if (!out.some((c) => c.id === row.id)) out.push({ id: row.id, reference: (await cases.referenceOf(deps.sql, row.id)) ?? ref })
  }
  return out
}

/** The worker withdrew consent and gave none since. */
const withdrew = (rows: readonly consents.ConsentRow[]) =>
  rows.some((c) => c.status === 'withdrawn') && !rows.some((c) => c.status === 'given')

/** A consent the worker gave covers this disclosure to this recipient today. */
export function consentCovers(rows: readonly consents.ConsentRow[], what: 'original' | 'identity', recipient: string, now: number): boolean {
  const today = ymd(dayOf(now))
  return rows.some(
    (c) =>
      c.status === 'given' &&
      (JSON.parse(c.disclose) as string[]).includes(what) &&
      (JSON.parse(c.recipients) as string[]).includes(recipient) &&
      (c.until_day === null || c.until_day >= today),
  )
}

/** The forums these cases can go to, and which organisations may file each. */
export async function forumOptions(deps: Deps, actor: Actor, refs: readonly string[]): Promise<ForumOption[]> {
  const found = await visibleCases(deps, actor, refs)
  const rows = await Promise.all(found.map((c) => escalations.caseFacts(deps.sql, c.id)))
  const facts = rows.filter((r) => r !== undefined).map((r) => ({ country: r.country, sector: r.sector, rights: JSON.parse(r.rights) as string[] }))
  return forumsFor(getCatalog(), facts, await listOrganisations(deps))
}

/** The row, if the actor may work on this escalation; otherwise not found. */
async function requireEscalation(deps: Deps, actor: Actor, id: string): Promise<escalations.EscalationRow> {
  const row = id ? await escalations.byId(deps.sql, id) : undefined
  if (!row) throw new AppError('not_found')
  if (actor.role === 'admin' || row.created_by === actor.id) return row
  if (actor.role === 'ngo') {
    const org = await organisationOf(deps, actor.id)
    if (org && row.org_id === org.id) return row
    throw new AppError('not_found')
  }
  if (actor.role === 'monitor') {
    const ids = (await escalations.members(deps.sql, id)).map((m) => m.id)
    for (const c of ids) if (!(await canSee(deps, actor, c))) throw new AppError('not_found')
    return row
  }
  throw new AppError('not_found')
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined)

/**
 * Draft a package: `{kind, caseRefs: [...]}` or `{kind, facilityId}`, optionally `org` (the
 * filing organisation's name; an NGO files as its own) and `details` (remedy, evidence, goods,
 * supplyChain, actionsTaken, attachments). Every case must be visible to the actor and fit the
 * forum; a forum only some may use needs such an organisation. Returns the new id.
 */
export async function createEscalation(deps: Deps, actor: Actor, body: Record<string, unknown>): Promise<string> {
  const kind = body.kind
  if (!isKind(kind)) throw invalid('kind', 'kind')
  const facilityId = str(body.facilityId)?.trim() || null
  let refs: string[]
  if (facilityId !== null) {
    if (body.caseRefs !== undefined) throw invalid('caseRefs', 'oneSource')
    refs = await caseRefsOfFacility(deps, facilityId)
    if (refs.length === 0) throw invalid('facilityId', 'facility')
  } else {
    if (!Array.isArray(body.caseRefs) || body.caseRefs.length === 0 || body.caseRefs.some((r) => typeof r !== 'string')) {
      throw invalid('caseRefs', 'caseRefs')
    }
    refs = body.caseRefs as string[]
  }
  if (refs.length > MAX_CASES) throw invalid('caseRefs', 'tooMany', { max: MAX_CASES })
  const found = await visibleCases(deps, actor, refs)
  const catalog = getCatalog()
  const forum = getForums().forums[kind]
  for (const c of found) {
    const f = (await escalations.caseFacts(deps.sql, c.id))!
    if (!forumApplies(catalog, forum, { country: f.country, sector: f.sector, rights: JSON.parse(f.rights) as string[] })) {
      throw invalid('kind', 'notOffered', { ref: c.reference })
    }
    if (withdrew(await consents.forCase(deps.sql, c.id))) throw invalid('caseRefs', 'withdrawn', { ref: c.reference })
  }
  // Who files: an NGO as its organisation; staff may name one.
  let org: Organisation | undefined
  if (actor.role === 'ngo') org = await organisationOf(deps, actor.id)
  else if (str(body.org)?.trim()) {
    const r = await organisations.byName(deps.sql, str(body.org)!.trim())
    if (!r) throw invalid('org', 'org')
    org = (await listOrganisations(deps)).find((o) => o.id === r.id)
  }
  if (!mayFile(forum, org)) throw invalid('org', `filers.${forum.filers}`)
  const details = cleanDetails(body.details)
  const id = deps.crypto.randomToken(12)
  const now = deps.clock.now()
  const today = dayOf(now)
  const statements: Statement[] = [
    escalations.insert({ id, kind, orgId: org?.id ?? null, facilityId, details, createdBy: actor.id, at: today }),
    ...found.map((c) => escalations.addCase(id, c.id)),
    escalations.insertStage({ id: deps.crypto.randomToken(12), escalationId: id, stage: 'drafted', onDay: today, outcome: null, recordedBy: actor.id, at: now }),
    ...found.map((c) => caseEvent(deps, c.id, actor, { escalationId: id, kind, stage: 'drafted', on: ymd(today) })),
  ]
  await withAudit(deps, { actorId: actor.id, action: 'escalation_create', data: { id, kind, cases: found.length, facilityId } }, statements)
  return id
}

function cleanDetails(v: unknown): Record<string, string> {
  if (v === undefined || v === null) return {}
  if (typeof v !== 'object' || Array.isArray(v)) throw invalid('details', 'details')
  const out: Record<string, string> = {}
  for (const [k, raw] of Object.entries(v as Record<string, unknown>)) {
    if (!(DETAIL_KEYS as readonly string[]).includes(k) || typeof raw !== 'string') throw invalid(`details.${k}`, 'details')
    const s = raw.trim()
    if (s.length > DETAIL_MAX) throw invalid(`details.${k}`, 'tooLong', { max: DETAIL_MAX })
    // Staff text may still name a worker: redacted like a reporter's (the languages' rules all run).
    if (s) out[k] = redact(redact(redact(s, 'es').text, 'fr').text, 'en').text
  }
  return out
}

function caseEvent(deps: Deps, caseId: string, actor: Actor | null, data: Record<string, unknown>) {
  return events.append({ id: deps.crypto.randomToken(16), caseId, at: deps.clock.now(), kind: 'escalation', actorId: actor?.id ?? null, data })
}

interface Loaded {
  row: escalations.EscalationRow
  kind: EscalationKind
  members: escalations.MemberRow[]
  removed: { reference: string; reason: string }[]
  stages: escalations.StageRow[]
  consentsByCase: Map<string, consents.ConsentRow[]>
}

async function load(deps: Deps, actor: Actor, id: string): Promise<Loaded> {
  const row = await requireEscalation(deps, actor, id)
  const stages = await escalations.stages(deps.sql, id)
  const filed = stages.some((s) => s.stage !== 'drafted')
  const all = await escalations.members(deps.sql, id)
  const members: escalations.MemberRow[] = []
  const removed: { reference: string; reason: string }[] = []
  const consentsByCase = new Map<string, consents.ConsentRow[]>()
  for (const m of all) {
    const rows = await consents.forCase(deps.sql, m.id)
    consentsByCase.set(m.id, rows)
    if (!filed && withdrew(rows)) removed.push({ reference: m.reference, reason: 'consent_withdrawn' })
    else members.push(m)
  }
  return { row, kind: row.kind as EscalationKind, members, removed, stages, consentsByCase }
}

async function decryptMasks(deps: Deps, id: string): Promise<string[]> {
  return (await escalations.masks(deps.sql, id)).map((m) => deps.crypto.decryptText(m.span_enc, `mask:${m.id}`))
}

/**
 * The registry's facility the package is about: the one it was drafted from, or the one every
 * case is grouped under (confirmed links, mirrored in cases.facility_id); else none.
 */
async function registryFacility(deps: Deps, l: Loaded) {
  const ids = new Set(l.members.map((m) => m.facility_id))
  const id = l.row.facility_id ?? (ids.size === 1 ? [...ids][0] : null)
  return id ? ((await getFacility(deps, id)) ?? null) : null
}

/** The escalation's own clocks (from its stages), for the package. */
function ownClocks(deps: Deps, l: Loaded): EngineClock[] {
  const [track] = tracksOf(l.stages)
  return track ? trackClocks({ now: deps.clock.now() }, track) : []
}

async function lftOf(deps: Deps, m: escalations.MemberRow): Promise<EngineClock | null> {
  const input = await caseEngineInput(deps, { id: m.id, status: m.status, commitments: JSON.parse(m.commitments) as string[] })
  return input.dismissal ? lftClock(input, input.dismissal) : null
}

async function assemble(
  deps: Deps,
  l: Loaded,
  lang: Lang,
  disclose: (m: escalations.MemberRow) => Promise<{ original: string | null; identityApproval: string | null }>,
): Promise<Package> {
  const members: PackageMember[] = []
  for (const m of l.members) members.push({ row: m, ...(await disclose(m)), lft: await lftOf(deps, m) })
  const org = l.row.org_id ? await organisations.byId(deps.sql, l.row.org_id) : undefined
  const registry = await registryFacility(deps, l)
  return buildPackage(
    getCatalog(),
    getForums(),
    {
      id: l.row.id,
      kind: l.kind,
      stage: l.row.stage,
      outcome: l.row.outcome,
      reviewedOn: l.row.reviewed_at === null ? null : ymd(l.row.reviewed_at),
      org: org ? { name: org.name, euBased: org.eu_based === 1, caBased: org.ca_based === 1 } : null,
      facilityId: l.row.facility_id,
      registry,
      details: JSON.parse(l.row.details) as Record<string, string>,
      members,
      removed: l.removed,
      stages: l.stages.map((s) => ({ stage: s.stage, on: s.on_day, outcome: s.outcome })),
      clocks: ownClocks(deps, l),
      masks: await decryptMasks(deps, l.row.id),
    },
    lang,
    tFor(lang),
  )
}

/** The package as staff read it (no original words: those go only into an export). */
export async function readPackage(deps: Deps, actor: Actor, id: string, lang: Lang): Promise<Package> {
  const l = await load(deps, actor, id)
  return assemble(deps, l, lang, async () => ({ original: null, identityApproval: null }))
}

/** Escalations the actor may open (an NGO: its organisation's; staff: their own; admin: all). */
export async function listEscalations(deps: Deps, actor: Actor): Promise<escalations.EscalationRow[]> {
  if (actor.role === 'admin') return escalations.list(deps.sql, null)
  if (actor.role === 'ngo') {
    const org = await organisationOf(deps, actor.id)
    return org ? escalations.list(deps.sql, { orgId: org.id }) : escalations.list(deps.sql, { createdBy: actor.id })
  }
  return escalations.list(deps.sql, { createdBy: actor.id })
}

/** Every text of the package a mask can apply to. */
function maskableTexts(l: Loaded): string[] {
  return [
    ...l.members.flatMap((m) => [m.description_redacted, m.employer, m.facility ?? '', m.location ?? '']),
    ...Object.values(JSON.parse(l.row.details) as Record<string, string>),
  ]
}

/**
 * Mask a span by hand: `text` must appear in the package's text. The span is kept encrypted;
 * a redaction-miss item (the redacted text it was found in, the span as the expected identifier)
 * is stored for the eval; the package must be read again before export. Only before filing.
 */
export async function addMask(deps: Deps, actor: Actor, id: string, body: Record<string, unknown>): Promise<void> {
  const l = await load(deps, actor, id)
  if (l.stages.some((s) => s.stage !== 'drafted')) throw invalid('text', 'filed')
  const span = (str(body.text) ?? '').trim()
  const kind = str(body.kind) ?? 'other'
  if (!(MASK_KINDS as readonly string[]).includes(kind)) throw invalid('kind', 'maskKind')
  if (span.length < 2 || span.length > 200) throw invalid('text', 'maskLength')
  const where = l.members.find((m) => [m.description_redacted, m.employer, m.facility ?? '', m.location ?? ''].some((s) => s.includes(span)))
  if (!where && !maskableTexts(l).some((s) => s.includes(span))) throw invalid('text', 'maskNotFound')
  const spanHash = deps.crypto.blindIndex('token', `mask:${id}:${span}`)
  if (await escalations.hasMask(deps.sql, id, spanHash)) throw invalid('text', 'maskRepeat')
  const maskId = deps.crypto.randomToken(12)
  const now = deps.clock.now()
  const host = where ? [where.description_redacted, where.employer, where.facility ?? '', where.location ?? ''].find((s) => s.includes(span))! : span
  const lang = (where?.language ?? 'es') as Lang
  const missId = deps.crypto.randomToken(12)
  const item = { id: `miss-${missId}`, lang, text: host, identifiers: [{ kind, value: span }], rights: where ? (JSON.parse(where.rights) as string[]) : ['other'] }
  const [insert] = await withAudit(
    deps,
    { actorId: actor.id, action: 'escalation_mask', data: { id, maskId, kind } },
    [
      escalations.insertMask({
        id: maskId,
        escalationId: id,
        spanEnc: deps.crypto.encrypt(span, `mask:${maskId}`),
        spanHash,
        kind,
        by: actor.id,
        at: dayOf(now),
      }),
      escalations.insertMiss({ id: missId, lang, kind, itemEnc: deps.crypto.encrypt(JSON.stringify(item), `miss:${missId}`), at: dayOf(now) }),
      escalations.clearReview(id),
    ],
  )
  if (insert?.changes === 0) throw invalid('text', 'maskRepeat')
}

/** The redaction misses reviewers found, decrypted, as eval items (cli: redaction misses). */
export async function redactionMisses(deps: Deps): Promise<unknown[]> {
  return (await escalations.misses(deps.sql)).map((m) => JSON.parse(deps.crypto.decryptText(m.item_enc, `miss:${m.id}`)) as unknown)
}

/** A person read the package as it stands: export is allowed until it changes. */
export async function markReviewed(deps: Deps, actor: Actor, id: string): Promise<void> {
  await load(deps, actor, id)
  await withAudit(deps, { actorId: actor.id, action: 'escalation_review', data: { id } }, [
    escalations.setReviewed(id, actor.id, dayOf(deps.clock.now())),
  ])
}

/**
 * Record a stage with the day it happened (`on`, YYYY-MM-DD; `filed`: the day the forum
 * received it). `filed` once, after the human read; later stages only after it; `closed` needs
 * an outcome. Every member case gets the event and its recomputed deadlines in the same batch.
 */
export async function recordStage(deps: Deps, actor: Actor, id: string, body: Record<string, unknown>): Promise<void> {
  const l = await load(deps, actor, id)
  const stage = body.stage
  if (!isStage(stage) || stage === 'drafted') throw invalid('stage', 'stage')
  const on = str(body.on)?.trim() ?? ''
  const day = /^\d{4}-\d{2}-\d{2}$/.test(on) ? Date.parse(`${on}T00:00:00Z`) : NaN
  if (!Number.isFinite(day) || ymd(day) !== on) throw invalid('on', 'on')
  const now = deps.clock.now()
  if (day > dayOf(now) + DAY_MS) throw invalid('on', 'future')
  const drafted = l.stages.find((s) => s.stage === 'drafted')
  if (drafted && day < drafted.on_day) throw invalid('on', 'beforeDraft')
  const filed = l.stages.find((s) => s.stage === 'filed')
  if (stage === 'filed') {
    if (filed) throw invalid('stage', 'filedTwice')
    if (l.row.reviewed_at === null) throw invalid('stage', 'notReviewed')
    if (l.members.length === 0) throw invalid('stage', 'empty')
  } else {
    if (!filed) throw invalid('stage', 'notFiled')
    if (day < filed.on_day) throw invalid('on', 'beforeFiled')
  }
  const outcome = str(body.outcome) ?? null
  if (stage === 'closed' ? !(OUTCOMES as readonly (string | null)[]).includes(outcome) : outcome !== null) throw invalid('outcome', 'outcome')
  const stageId = deps.crypto.randomToken(12)
  const statements: Statement[] = [
    escalations.insertStage({ id: stageId, escalationId: id, stage, onDay: day, outcome, recordedBy: actor.id, at: now }),
    escalations.setStage(id, stage, outcome),
  ]
  // The members' clocks with this stage included, computed before the batch so it commits with it.
  const pending = { escalation_id: id, kind: l.kind, stage, on_day: day, outcome }
  for (const m of l.members) {
    const input = await caseEngineInput(deps, { id: m.id, status: m.status, commitments: JSON.parse(m.commitments) as string[] })
    const rows = [...(await escalations.stagesForCase(deps.sql, m.id)), pending]
    const tracks = tracksOf(rows)
    const caseTrack = input.tracks?.find((t) => t.id === 'case')
    const clocks = engineClocks({
      ...input,
      tracks: caseTrack ? [...tracks, caseTrack] : tracks,
      ...(input.dismissal ? { dismissal: { ...input.dismissal, conciliations: conciliationsOf(tracks) } } : {}),
    })
    statements.push(caseEvent(deps, m.id, actor, { escalationId: id, kind: l.kind, stage, on, ...(outcome ? { outcome } : {}) }))
    statements.push(...deadlineStatements(m.id, clocks))
  }
  await withAudit(deps, { actorId: actor.id, action: 'escalation_stage', data: { id, stage, on, outcome } }, statements)
}

/**
 * Export the package (`md`, `json` or `html`) in `lang`. Refused until a person has read it as
 * it stands (markReviewed). Original words and the identity note go in only as the module
 * comment says; an approval used for the original is marked used (audited) and remembered for
 * this package.
 */
export async function exportPackage(deps: Deps, actor: Actor, id: string, lang: Lang): Promise<Package> {
  const l = await load(deps, actor, id)
  if (l.row.reviewed_at === null) throw new AppError('conflict', { review: { key: 'console:escalation.errors.notReviewed' } })
  const recipient = getForums().forums[l.kind].recipient
  const now = deps.clock.now()
  let originals = 0
  const pkg = await assemble(deps, l, lang, async (m) => {
    const rows = l.consentsByCase.get(m.id) ?? []
    let original: string | null = null
    if (consentCovers(rows, 'original', recipient, now)) {
      let approval = m.original_approval
      if (!approval) {
        const usable = await usableApproval(deps, m.id, 'original')
        if ('id' in usable && (await useApproval(deps, actor.id, m.id, 'original', usable.id))) {
          approval = usable.id
          await deps.sql.batch([escalations.setOriginalApproval(id, m.id, usable.id)])
        }
      }
      const enc = approval ? await escalations.originalOf(deps.sql, m.id) : null
      if (enc) {
        original = deps.crypto.decryptText(enc, `case:${m.id}`)
        originals++
      }
    }
    let identityApproval: string | null = null
    if (consentCovers(rows, 'identity', recipient, now)) {
      const usable = await usableApproval(deps, m.id, 'identity')
      if ('id' in usable) identityApproval = usable.id
    }
    return { original, identityApproval }
  })
  await withAudit(deps, { actorId: actor.id, action: 'escalation_export', data: { id, originals, removed: l.removed.length } })
  return pkg
}

export { STAGES }
export type { Stage }
