/**
 * What an outside review found, each reproduced: identifiers typed into `occurredOn`, `employer`,
 * `facility` and `location`; and timestamps precise enough to match a case to a phone in carrier
 * or Twilio logs. After web, API, SMS and voice reports carrying the same identifiers, a scan of
 * every file the server wrote finds none of them, in any format, and every stored time is coarse.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DAY_MS, MINUTE_MS } from '../src/clock.js'
import { tFor } from '../src/i18n/index.js'
import { jobHandlers } from '../src/jobs/handlers.js'
import { runDueJobs } from '../src/jobs/runner.js'
import { purgeExpired } from '../src/privacy/retention.js'
import { getForm, postForm, textOf, unescape, VALID_REPORT } from './helpers/forms.js'
import { makeRuntime, postJson, type TestRuntime } from './helpers/runtime.js'
import { Phone, receiptIn } from './sms/phone.js'
import { Caller, reportByPhone } from './voice/call.js'

const NAME = 'Zacarías Benítez Oyola'
const PHONE = '+528685550198'
const CURP = 'BEOZ850412HTSNYC09'
/** Every form the identifiers could be written in. */
const NEEDLES = [
  NAME,
  'Zacarias Benitez Oyola',
  'Zacarías',
  'Benítez',
  'Oyola',
  PHONE,
  PHONE.slice(1),
  '8685550198',
  '868 555 0198',
  '868-555-0198',
  CURP,
]

const api = {
  language: 'es',
  country: 'MX',
  sector: 'auto_parts',
  employer: 'Autopartes del Norte',
  description: 'Nos obligan a trabajar doce horas sin pagar las extras.',
}

function scan(rt: TestRuntime, needles = NEEDLES) {
  const written = rt.writtenBytes()
  const text = written.toString('utf8') + written.toString('latin1')
  return needles.filter((n) => text.includes(n))
}

describe('occurredOn is structure, never free text', () => {
  let rt: TestRuntime
  beforeEach(async () => {
    rt = await makeRuntime()
  })
  afterEach(() => rt.close())

  it('refuses the reviewer\'s free text with a translated field error, and stores nothing', async () => {
    const res = await postJson(rt, '/api/v1/reports', {
      ...api,
      occurredOn: `15 marzo, ${NAME} ${PHONE} ${CURP}`,
    })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { fields: Record<string, string> } }
    expect(body.error.fields.occurredOn).toBe(tFor('es')('intake:field.occurredOn'))
    const n = await rt.deps.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM cases')
    expect(n!.n).toBe(0)
    expect(scan(rt)).toEqual([])
  })

  it('takes a day, a month or a coarse choice; refuses impossible and future dates', async () => {
    for (const ok of ['2026-03-15', '2026-03', 'this_week', 'this_month', 'earlier']) {
      expect((await postJson(rt, '/api/v1/reports', { ...api, occurredOn: ok })).status, ok).toBe(201)
    }
    const stored = await rt.deps.sql.all<{ occurred_on: string }>('SELECT occurred_on FROM cases ORDER BY rowid')
    expect(stored.map((r) => r.occurred_on)).toEqual(['2026-03-15', '2026-03', 'this_week', 'this_month', 'earlier'])
    for (const bad of ['2026-02-30', '2026-13', '15/03/2026', 'marzo 2026', '1850-01-01', '']) {
      const res = await postJson(rt, '/api/v1/reports', { ...api, occurredOn: bad })
      expect(res.status, bad).toBe(bad === '' ? 201 : 400)
    }
    const future = await postJson(rt, '/api/v1/reports', { ...api, occurredOn: '2027-06-01' })
    expect(future.status).toBe(400)
    expect(((await future.json()) as { error: { fields: Record<string, string> } }).error.fields.occurredOn).toBe(
      tFor('es')('intake:field.occurredFuture'),
    )
  })

  it('the web form offers choices and a date; a typed date that is not one comes back with an error', async () => {
    const { html, token } = await getForm(rt, '/fr/report')
    expect(html).toMatch(/<select[^>]*id="occurredOn"/)
    expect(html).toMatch(/<input type="date" id="occurredDate"/)
    const res = await postForm(rt, '/fr/report', { ...VALID_REPORT, token, occurredDate: `le 15, ${NAME}` })
    expect(res.status).toBe(400)
    expect(unescape(textOf(await res.text(), 'occurredDate-error')!)).toBe(tFor('fr')('intake:field.occurredOn'))
    expect(scan(rt)).toEqual([])
    const ok = await postForm(rt, '/fr/report', { ...VALID_REPORT, token, occurredDate: '', occurredOn: 'this_month' })
    expect(ok.status).toBe(200)
    const row = await rt.deps.sql.get<{ occurred_on: string }>('SELECT occurred_on FROM cases')
    expect(row!.occurred_on).toBe('this_month')
  })
})

describe('every field the reporter types is redacted', () => {
  let rt: TestRuntime
  beforeEach(async () => {
    rt = await makeRuntime()
  })
  afterEach(() => rt.close())

  it('names and numbers in employer, facility and location; one numbering with the description', async () => {
    const res = await postJson(rt, '/api/v1/reports', {
      ...api,
      sector: 'domestic_work',
      employer: `Casa de ${NAME}`,
      facility: `Planta de ${NAME} ${PHONE}`,
      location: `Matamoros, casa de ${NAME}`,
      description: `Trabajo en la casa de ${NAME}. No me paga desde enero. Su cel es ${PHONE}.`,
    })
    expect(res.status).toBe(201)
    const row = await rt.deps.sql.get<{
      employer: string
      facility: string
      location: string
      description_redacted: string
      fields_enc: Uint8Array
      id: string
    }>('SELECT id, employer, facility, location, description_redacted, fields_enc FROM cases')
    expect(row!.employer).toBe('Casa de [NAME-1]')
    expect(row!.facility).toBe('Planta de [NAME-1] [PHONE-1]')
    expect(row!.location).toBe('Matamoros, casa de [NAME-1]')
    expect(row!.description_redacted).toContain('[NAME-1]')
    expect(row!.description_redacted).toContain('[PHONE-1]')
    // The typed values are kept, encrypted, for custodian-approved access.
    const typed = JSON.parse(rt.deps.crypto.decryptText(row!.fields_enc, `case-fields:${row!.id}`))
    expect(typed).toEqual({
      employer: `Casa de ${NAME}`,
      facility: `Planta de ${NAME} ${PHONE}`,
      location: `Matamoros, casa de ${NAME}`,
    })
    expect(scan(rt)).toEqual([])
  })

  it('leaves business and place names as they are', async () => {
    await postJson(rt, '/api/v1/reports', { ...api, employer: 'Autopartes del Bajío S.A. de C.V.', facility: 'Planta 2', location: 'Silao' })
    const row = await rt.deps.sql.get<{ employer: string; facility: string; location: string; fields_enc: Uint8Array | null }>(
      'SELECT employer, facility, location, fields_enc FROM cases',
    )
    expect(row).toEqual({ employer: 'Autopartes del Bajío S.A. de C.V.', facility: 'Planta 2', location: 'Silao', fields_enc: null })
  })
})

describe('after web, API, SMS and voice reports', () => {
  let rt: TestRuntime
  beforeEach(async () => {
    rt = await makeRuntime()
    // Not on a minute: a stored time that keeps the seconds shows up.
    rt.clock.t = Date.UTC(2026, 10, 25, 12, 34, 56, 789)
  })
  afterEach(() => rt.close())

  async function fileEverywhere() {
    const { token } = await getForm(rt, '/es/report')
    const web = await postForm(rt, '/es/report', {
      ...VALID_REPORT,
      token,
      employer: `Casa de ${NAME}`,
      facility: `Planta de ${NAME}`,
      location: `Matamoros, casa de ${NAME}`,
      description: `Me despidió ${NAME} (${CURP}). Llámenme al ${PHONE}.`,
      contactName: NAME,
      contactPhone: PHONE,
      consentToContact: 'yes',
    })
    expect(web.status).toBe(200)
    rt.clock.advance(1_234)
    const viaApi = await postJson(rt, '/api/v1/reports', {
      ...api,
      location: `casa de ${NAME}`,
      description: `El supervisor ${NAME} nos amenaza. CURP ${CURP}.`,
      occurredOn: '2026-11-02',
    })
    expect(viaApi.status).toBe(201)
    const phone = new Phone(rt, PHONE, { fromCountry: 'MX', toCountry: 'MX' })
    for (const text of ['HOLA', 'OK', '5', `Casa de ${NAME}`, 'Matamoros', `Me llamo ${NAME}, no me pagan.`, 'LISTO']) {
      rt.clock.advance(11_000 + Math.floor(Math.random() * 140))
      await phone.say(text)
    }
    rt.clock.advance(2_103)
    const smsReceipt = receiptIn(await phone.say('si'))
    rt.clock.advance(7_777)
    await phone.say(`ESTADO ${smsReceipt}`)
    rt.clock.advance(5_432)
    await reportByPhone(new Caller(rt, { from: PHONE, city: 'Matamoros' }), { callBack: true })
    await runDueJobs(rt.deps, jobHandlers)
  }

  it('no file the server wrote holds an identifier, in any format', async () => {
    await fileEverywhere()
    const cases = await rt.deps.sql.all<{ channel: string }>('SELECT channel FROM cases ORDER BY rowid')
    expect(cases.map((c) => c.channel)).toEqual(['web', 'api', 'sms', 'voice'])
    expect(scan(rt)).toEqual([])
  })

  it('stores no time tied to a reporter finer than a minute, and days for what is kept past a day', async () => {
    await fileEverywhere()
    // Rows that live less than a day may keep the minute; everything else keeps the day.
    const shortLived = new Set(['sms_sessions', 'voice_calls', 'webhook_replies', 'rate_limits', 'jobs.run_at'])
    // Staff-side tables, written by staff and the server, never by a reporter's action.
    const staffSide = new Set(['staff', 'staff_sessions', 'api_tokens', 'case_grants', 'access_requests', 'audit_log', 'd1_migrations'])
    const tables = (await rt.deps.sql.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )).map((t) => t.name)
    let checked = 0
    for (const table of tables) {
      if (staffSide.has(table)) continue
      const cols = (await rt.deps.sql.all<{ name: string }>(`PRAGMA table_info(${table})`))
        .map((c) => c.name)
        .filter((c) => c === 'at' || c.endsWith('_at'))
      for (const col of cols) {
        const unit = shortLived.has(table) || shortLived.has(`${table}.${col}`) ? MINUTE_MS : DAY_MS
        const rows = await rt.deps.sql.all<{ v: number }>(`SELECT ${col} AS v FROM ${table} WHERE ${col} IS NOT NULL`)
        for (const r of rows) expect(r.v % unit, `${table}.${col} = ${r.v}`).toBe(0)
        checked += rows.length
      }
    }
    expect(checked).toBeGreaterThan(20)
  })

  it('the purge leaves nothing of the reporter behind', async () => {
    await fileEverywhere()
    rt.clock.advance(400 * DAY_MS)
    await purgeExpired(rt.deps)
    const left = await rt.deps.sql.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM cases WHERE identity_sealed IS NOT NULL OR original_enc IS NOT NULL OR fields_enc IS NOT NULL',
    )
    expect(left!.n).toBe(0)
    expect(scan(rt)).toEqual([])
  })
})
