/**
 * @module cli/caseload
 * A realistic caseload written through the store, fast: `seed bench --cases N`, and the tests and
 * benchmarks that need many cases. The mix: ten countries with their sectors and languages, one
 * to three rights, statuses that follow a case's age, ages spread over three years (UTC days, as
 * intake stores them), threads of questions and answers, and every status change as an event.
 *
 * What makes it fast (docs/operations.md has the figures):
 * - cases are written oldest first, as they arrive in real life, in large transactions;
 * - keys grow with each row (random-looking, in the same alphabets as the real ones), so every
 *   index insert lands at the end of its index instead of on a random page;
 * - libsodium's random numbers cost ~90 µs per token here: ids and receipt hashes come from
 *   node:crypto in bulk. Receipt hashes are random 32-byte values (keyed hashes of receipts nobody
 *   holds: they open nothing); identities and originals come from a small pool of real sealed and
 *   encrypted blobs. The last (newest) `realReceipts` cases are filed for real: their receipts, identities
 *   and originals open.
 */
import { randomBytes } from 'node:crypto'
import { getCatalog } from '../catalog/index.js'
import { DAY_MS, dayOf } from '../clock.js'
import type { Deps } from '../deps.js'
import type { Lang } from '../i18n/index.js'
import { ACK_DUE_MS } from '../intake/file-report.js'
import { formatReceipt } from '../privacy/crypto.js'
import { nextTurn } from '../next-turn.js'
import { priorityFor } from '../routing/assign.js'
import { rankedCodes } from '../routing/rank.js'
import { employerHash } from '../routing/employer-key.js'
import * as caseload from '../store/caseload.js'
import { CASELOAD_LANGS, COUNTRIES, FAKE_IDENTITIES, RIGHT_WEIGHTS, textsOf, type Right } from './caseload-text.js'

type Status = 'new' | 'triaging' | 'investigating' | 'escalated' | 'resolved' | 'closed'
const OPEN_PATH: Status[] = ['new', 'triaging', 'investigating', 'escalated']
const OUTCOMES = ['remedied', 'no_violation', 'referred', 'duplicate', 'withdrawn', 'insufficient', 'other']
const YEARS = 3
/** Cases per transaction. */
export const SEED_CHUNK = 25_000

export interface CaseloadOptions {
  cases: number
  /** Cases per `sql.batch` (one transaction). */
  chunk?: number
  /** Cases filed with a real receipt (returned), identity and original. */
  realReceipts?: number
  /** Called after each chunk with the number of cases written so far. */
  progress?: (written: number) => void
  /** Where the rows go (default: statements through `deps.sql`; `seed bench` passes the bulk sink). */
  sink?: caseload.CaseloadSink
}

export interface Caseload {
  cases: number
  messages: number
  events: number
  /** Receipts of the real cases, for trying follow-up on a big database. */
  receipts: string[]
}

/** A weighted choice, with the cumulative weights worked out once. */
function weighted<T>(items: readonly [T, number][]): () => T {
  const values = items.map(([v]) => v)
  const cumulative: number[] = []
  let total = 0
  for (const [, w] of items) cumulative.push((total += w))
  return () => {
    const x = Math.random() * total
    let i = 0
    while (cumulative[i]! <= x) i++
    return values[i]!
  }
}
const one = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!
const chance = (p: number) => Math.random() < p

/** Status by age: young cases are mostly open, old ones mostly resolved or closed. */
const STATUS_BY_AGE = {
  young: weighted<Status>([['new', 50], ['triaging', 30], ['investigating', 15], ['escalated', 2], ['resolved', 2], ['closed', 1]]),
  middle: weighted<Status>([['new', 10], ['triaging', 15], ['investigating', 30], ['escalated', 8], ['resolved', 17], ['closed', 20]]),
  old: weighted<Status>([['new', 5], ['triaging', 5], ['investigating', 10], ['escalated', 5], ['resolved', 30], ['closed', 45]]),
}
const statusFor = (ageDays: number) =>
  (ageDays < 30 ? STATUS_BY_AGE.young : ageDays < 180 ? STATUS_BY_AGE.middle : STATUS_BY_AGE.old)()

/** The statuses a case went through to reach `status`. */
function pathTo(status: Status): Status[] {
  if (status === 'resolved' || status === 'closed') {
    return [...OPEN_PATH.slice(0, 1 + Math.floor(Math.random() * OPEN_PATH.length)), status]
  }
  return OPEN_PATH.slice(0, OPEN_PATH.indexOf(status) + 1)
}

const RIGHT_COUNT = weighted([[1, 55], [2, 35], [3, 10]])
const rightPickers = new Map<string, () => Right>()
function rightsFor(country: string, sector: string): Right[] {
  const key = `${country}|${sector}`
  let pick = rightPickers.get(key)
  if (!pick) {
    const weights = RIGHT_WEIGHTS.map(([r, w]): [Right, number] => {
      if (r === 'child_labor' && sector === 'cocoa') return [r, 40]
      if (r === 'freedom_of_association' && country === 'MX') return [r, 25]
      if (r === 'migrant_workers' && (country === 'US' || country === 'CA') && sector === 'agriculture') return [r, 20]
      return [r, w]
    })
    rightPickers.set(key, (pick = weighted(weights)))
  }
  const n = RIGHT_COUNT()
  const out = new Set<Right>()
  while (out.size < n) out.add(pick())
  return [...out]
}

function describe(lang: Lang, rights: Right[]): string {
  const { frame, sentences } = textsOf(lang)
  const parts = [one(frame.open), ...rights.map((r) => one(sentences[r])), one(frame.close)]
  const text = parts.filter(Boolean).join(' ')
  // One case in twenty is a long account.
  return chance(0.05) ? Array.from({ length: 2 + Math.floor(Math.random() * 6) }, () => text).join(' ') : text
}

/** The original words a redacted description stands for (to size the encrypted pool). */
const unredact = (text: string) => text.replace(/\[NAME-1\]/g, 'Zacarías Benítez').replace(/\[PHONE-1\]/g, '868 555 0199')

function occurredOn(created: number): string | null {
  const r = Math.random()
  if (r < 0.3) return null
  if (r < 0.6) return one(['this_week', 'this_month', 'earlier'])
  const iso = new Date(created - Math.floor(Math.random() * 120) * DAY_MS).toISOString()
  return r < 0.8 ? iso.slice(0, 7) : iso.slice(0, 10)
}

/** A day `share` of the way through a case's `lived` days. */
const dayBetween = (created: number, lived: number, share: number) => created + Math.floor(lived * share) * DAY_MS

const statusEvents = new Map<string, string>()
/** A status event's data, as staff actions write it (a few dozen distinct strings, built once). */
function statusData(from: Status, to: Status, outcome: string | null): string {
  const key = `${from}>${to}>${outcome}`
  let data = statusEvents.get(key)
  if (!data) statusEvents.set(key, (data = JSON.stringify({ from, to, ...(outcome ? { outcome } : {}) })))
  return data
}

/** Random bytes drawn from node:crypto a megabyte at a time. */
function byteSource() {
  let pool = Buffer.alloc(0)
  let at = 0
  return (n: number): Buffer => {
    if (at + n > pool.length) {
      pool = randomBytes(1 << 20)
      at = 0
    }
    at += n
    return pool.subarray(at - n, at)
  }
}

// The base64url characters in byte order: ids written with them sort as they are generated.
const SORTED_B64 = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz'
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** `digits` characters of `n` in `alphabet`, most significant first. */
function encode(n: number, digits: number, alphabet: string): string {
  let s = ''
  for (let k = 0; k < digits; k++) {
    s = alphabet[n % alphabet.length] + s
    n = Math.floor(n / alphabet.length)
  }
  return s
}

/** Write `opts.cases` cases through `deps.sql`, in chunks of one transaction each. */
export async function writeCaseload(deps: Deps, opts: CaseloadOptions): Promise<Caseload> {
  const { crypto, sql } = deps
  const catalog = getCatalog()
  const n = opts.cases
  const chunk = opts.chunk ?? SEED_CHUNK
  const today = dayOf(deps.clock.now())
  const random = byteSource()
  const out: Caseload = { cases: 0, messages: 0, events: 0, receipts: [] }

  // Ids: 7 characters counting up from a random start, then 15 random ones (22, as randomToken(16)).
  let idCounter = Math.floor(Math.random() * 64 ** 6)
  const newId = () => encode(idCounter++, 7, SORTED_B64) + random(12).toString('base64url').slice(0, 15)
  // References and receipt hashes: one random value inside each case's own slice of the space,
  // so they grow case after case and never repeat. References already in the database are skipped.
  const taken = new Set(await caseload.references(sql))
  const REF_SLOT = 32 ** 8 / n
  const reference = (i: number) => {
    for (;;) {
      const s = encode(Math.floor((i + Math.random()) * REF_SLOT), 8, CROCKFORD)
      const ref = `HL-${s.slice(0, 4)}-${s.slice(4)}`
      if (!taken.has(ref)) return ref
    }
  }
  const HASH_SLOT = 2 ** 48 / n
  const receiptHash = (i: number) =>
    Math.floor((i + Math.random()) * HASH_SLOT).toString(16).padStart(12, '0') + random(26).toString('hex')

  // Pools of real blobs (as Buffers, so the store binds them without a copy).
  const sealedPool = FAKE_IDENTITIES.map((i) => Buffer.from(crypto.sealIdentity(i)))
  const encryptedPool = new Map<Lang, Buffer[]>()
  for (const lang of CASELOAD_LANGS) {
    const pick = weighted(RIGHT_WEIGHTS)
    encryptedPool.set(lang, Array.from({ length: 12 }, (_, i) => Buffer.from(crypto.encrypt(unredact(describe(lang, [pick()])), `case:pool-${i}`))))
  }
  const answerPool = Array.from({ length: 8 }, (_, i) => Buffer.from(crypto.encrypt('Sí, tengo fotos de los recibos.', `message:pool-${i}`)))

  const employerKeys = new Map<string, string>()
  const employerKey = (name: string) => {
    let k = employerKeys.get(name)
    if (!k) employerKeys.set(name, (k = employerHash(crypto, name)))
    return k
  }
  const routes = new Map<string, { rights: string; commitments: string; priority: string }>()
  const route = (country: string, sector: string, rights: Right[]) => {
    const key = `${country}|${sector}|${rights.join(',')}`
    let r = routes.get(key)
    if (!r) {
      const commitments = rankedCodes(catalog, { country, sector, rights })
      r = { rights: JSON.stringify(rights), commitments: JSON.stringify(commitments), priority: priorityFor(catalog, rights) }
      routes.set(key, r)
    }
    return r
  }
  const country = weighted(Object.entries(COUNTRIES).map(([code, p]): [string, number] => [code, p.weight]))
  const languageOf = new Map(Object.entries(COUNTRIES).map(([code, p]) => [code, weighted(p.languages)]))
  const sectorOf = new Map(Object.entries(COUNTRIES).map(([code, p]) => [code, weighted(p.sectors)]))
  const channelOf = weighted([['web', 40], ['sms', 33], ['voice', 20], ['api', 7]])
  const createdData = new Map(['web', 'sms', 'voice', 'api'].map((c) => [c, JSON.stringify({ channel: c, assignedTo: null, routed: false })]))
  const answerData = new Map(['web', 'sms', 'voice', 'api'].map((c) => [c, JSON.stringify({ channel: c })]))
  const span = YEARS * 365
  const sink = opts.sink ?? caseload.portSink(sql)

  for (let start = 0; start < n; start += chunk) {
    const end = Math.min(n, start + chunk)
    for (let i = start; i < end; i++) {
      const real = i >= n - (opts.realReceipts ?? 0) // the newest
      const code = country()
      const profile = COUNTRIES[code]!
      const lang = languageOf.get(code)!()
      const sector = sectorOf.get(code)!()
      const rights = rightsFor(code, sector)
      const channel = channelOf()
      // Oldest first: case i of n arrived (i + u)/n of the way through the three years.
      const ageDays = real ? 0 : span - 1 - Math.floor(((i + Math.random()) / n) * span)
      const created = today - ageDays * DAY_MS
      const status = real ? 'new' : statusFor(ageDays)
      const path = pathTo(status)
      const final = status === 'resolved' || status === 'closed'
      // The last change: within 200 days for cases that ended, anywhere in the life of open ones.
      const lived = status === 'new' ? 0 : Math.floor(Math.random() * (Math.min(ageDays, final ? 200 : ageDays) + 1))
      const updated = created + lived * DAY_MS
      const id = newId()
      const description = describe(lang, rights)
      const hasIdentity = channel === 'sms' || channel === 'voice' || chance(0.3)
      const receipt = real ? formatReceipt(crypto.newReceipt()) : undefined
      if (receipt) out.receipts.push(receipt)
      const employer = one(profile.employers)
      const routed = route(code, sector, rights)
      const outcome = final ? one(OUTCOMES) : null
      const sealed = real
        ? Buffer.from(crypto.sealIdentity(one(FAKE_IDENTITIES)))
        : hasIdentity
          ? one(sealedPool)
          : null

      sink.insertCase({
        id,
        reference: reference(i),
        receiptHash: receipt ? crypto.hashReceipt(receipt) : receiptHash(i),
        channel,
        language: lang,
        country: code,
        sector,
        employer,
        facility: chance(0.5) ? `Planta ${1 + Math.floor(Math.random() * 6)}` : null,
        location: chance(0.6) ? one(profile.places) : null,
        descriptionRedacted: description,
        originalEnc: real ? Buffer.from(crypto.encrypt(unredact(description), `case:${id}`)) : one(encryptedPool.get(lang)!),
        identitySealed: sealed,
        rights: routed.rights,
        rightsChosen: channel === 'web' || channel === 'api' ? (chance(0.6) ? routed.rights : '[]') : '[]',
        commitments: routed.commitments,
        occurredOn: occurredOn(created),
        workersAffected: chance(0.6) ? 1 + Math.floor(Math.random() ** 3 * 300) : null,
        retaliationFeared: chance(0.7) ? (chance(0.6) ? 1 : 0) : null,
        authoritiesNotified: chance(0.5) ? (chance(0.3) ? 1 : 0) : null,
        consentToContact: sealed && chance(0.6) ? 1 : 0,
        status,
        outcome,
        priority: routed.priority,
        createdAt: created,
        updatedAt: updated,
        ackDueAt: created + ACK_DUE_MS,
        employerHash: employerKey(employer),
      })
      sink.event(newId(), id, created, 'created', createdData.get(channel)!)
      out.events++
      // A thread in one case in four that got past 'new': questions, then answers.
      if (status !== 'new' && chance(0.25)) {
        const count = 1 + Math.floor(Math.random() * 4)
        for (let m = 0; m < count; m++) {
          const at = dayBetween(created, lived, (m + 1) / (count + 2))
          const fromReporter = m % 2 === 1
          sink.message(
            fromReporter
              ? { id: newId(), caseId: id, fromReporter, channel, bodyRedacted: one(textsOf(lang).thread.answer), bodyEnc: one(answerPool), at }
              : { id: newId(), caseId: id, fromReporter, channel: 'console', bodyRedacted: one(textsOf(lang).thread.ask), bodyEnc: null, at },
          )
          sink.event(newId(), id, at, fromReporter ? 'reporter_message' : 'question', fromReporter ? answerData.get(channel)! : '{}')
          out.messages++
          out.events++
        }
      }
      for (let s = 1; s < path.length; s++) {
        const last = s === path.length - 1
        const data = statusData(path[s - 1]!, path[s]!, last ? outcome : null)
        const at = last ? updated : dayBetween(created, lived, s / path.length)
        sink.event(newId(), id, at, 'status', data)
        out.events++
      }
    }
    await sink.flush()
    out.cases = end
    opts.progress?.(end)
    await nextTurn()
  }
  return out
}
