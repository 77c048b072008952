/**
 * Issue 20, the console for daily work, through the real app (app.request, real SQLite):
 * defects 2, 3, 8, 9 and 10 reproduced, and the daily-work features: search over redacted text,
 * unread markers, bulk assign and close, saved filters, reply templates, the audit-log viewer.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LANGS } from '../../src/i18n/languages.js'
import { addReporterMessage, caseByReceipt } from '../../src/cases/reporter.js'
import { getCatalog } from '../../src/catalog/index.js'
import { tFor } from '../../src/i18n/index.js'
import { stmt } from '../../src/store/port.js'
import type { TestRuntime } from '../helpers/runtime.js'
import {
  api,
  consoleRuntime,
  insertCase,
  login,
  makeStaff,
  postForm,
  type Session,
  type TestStaff,
} from './setup.js'

let rt: TestRuntime
let admin: TestStaff
let monitor: TestStaff
let other: TestStaff

beforeEach(async () => {
  rt = await consoleRuntime()
  admin = await makeStaff(rt, 'admin', 'admin@example.org')
  monitor = await makeStaff(rt, 'monitor', 'm@example.org', { scopes: ['right:*@MX'] })
  other = await makeStaff(rt, 'monitor', 'other@example.org', { scopes: ['right:*@MX'] })
})
afterEach(() => rt.close())

const page = async (s: Session, path: string) => {
  const res = await rt.app.request(path, { headers: { cookie: s.cookie } })
  return { status: res.status, html: await res.text(), location: res.headers.get('location') }
}
const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"')

/** A message from the reporter on the case, as follow-up would write it. */
async function reporterWrites(receipt: string, text: string) {
  const kase = await caseByReceipt(rt.deps, receipt)
  await addReporterMessage(rt.deps, kase!, text, 'web', `test:${Math.random()}`)
}

describe('defects (issue 20)', () => {
  it('2: /console/ leads to the console like /console, signed in or not', async () => {
    const anon = await rt.app.request('/console/')
    expect([301, 302, 303, 307, 308]).toContain(anon.status)
    expect(anon.headers.get('location')).toBe('/console')
    const s = await login(rt, monitor)
    const r = await page(s, '/console/')
    expect(r.location).toBe('/console')
    expect((await page(s, r.location!)).location).toBe('/console/queue')
    // The header link on every page points where it answers.
    expect((await page(s, '/console/queue')).html).toContain('href="/console"')
  })

  it('3: every console page starts with a doctype (standards mode)', async () => {
    const s = await login(rt, admin)
    const k = await insertCase(rt)
    for (const path of ['/console/login', '/console/queue', `/console/cases/${k.id}`, '/console/staff', '/console/templates', '/console/audit']) {
      const html = path === '/console/login' ? await (await rt.app.request(path)).text() : (await page(s, path)).html
      expect(html.slice(0, 15).toLowerCase(), path).toBe('<!doctype html>')
    }
  })

  it('6: the custodian page gives the whole commands, with no literal backticks, in every language', async () => {
    const custodian = await makeStaff(rt, 'custodian', 'c@example.org')
    const s = await login(rt, custodian)
    for (const lang of [...LANGS]) {
      const html = unescape((await page(s, `/console/custodian?lang=${lang}`)).html)
      expect(html, lang).not.toContain('`')
      expect(html).toContain('<code>npm run hotline -- identity open --key FILE --case REF</code>')
      expect(html).toContain('<code>npm run hotline -- voice open --key FILE --case REF --out DIR</code>')
      expect(html).toContain('<code>npm run hotline -- original open --case REF</code>')
    }
  })

  it('8: the staff API gives translated clock labels and refuses an unknown status or channel', async () => {
    await insertCase(rt)
    const res = await rt.app.request('/api/v1/cases', {
      headers: { authorization: `Bearer ${monitor.token}`, 'accept-language': 'es' },
    })
    const body = (await res.json()) as { cases: { clocks: { id: string; label: string }[] }[] }
    const ack = body.cases[0]!.clocks.find((k) => k.id === 'ack')!
    expect(ack.label).toBe(tFor('es')('console:clock.ack'))
    expect(ack.label).not.toMatch(/^console:/)
    for (const q of ['status=foo', 'channel=fax', 'assigned=everyone']) {
      const bad = await api(rt, 'GET', `/api/v1/cases?${q}`, monitor.token)
      expect(bad.status, q).toBe(400)
      const err = (await bad.json()) as { error: { fields?: Record<string, string> } }
      expect(Object.keys(err.error.fields ?? {}), q).toEqual([q.split('=')[0]])
      expect(err.error.fields![q.split('=')[0]!]).toBe(tFor('en')('console:errors.invalid'))
    }
    expect((await api(rt, 'GET', '/api/v1/cases?status=closed', monitor.token)).status).toBe(200)
  })

  it('9: the queue shows the employer and a redacted snippet; the facility filter finds employers', async () => {
    await insertCase(rt, { employer: 'Autopartes del Norte', facility: 'Planta 2' })
    await insertCase(rt, { employer: 'Textiles Sur SA', facility: 'Planta 2' })
    const s = await login(rt, monitor)
    const { html } = await page(s, '/console/queue')
    expect(html).toContain('Autopartes del Norte')
    expect(html).toContain('Textiles Sur SA')
    expect(html).toContain('Despidieron a [NAME-1] por apoyar al sindicato.')
    const filtered = (await page(s, '/console/queue?facility=textiles')).html
    expect(filtered).toContain('Textiles Sur SA')
    expect(filtered).not.toContain('Autopartes del Norte')
  })

  it('10: voice placeholders read in the reader’s language, on the case page, the queue and the API', async () => {
    const es = tFor('es')
    const title = getCatalog().rights.wages.title
    const k = await insertCase(rt, { channel: 'voice', employer: es('voice:case.employer'), rights: ['wages'] })
    const description = [
      es('voice:case.statement', { duration: '2 min 14 s' }),
      es('voice:case.problem', { title: title.es }),
    ].join('\n')
    await rt.deps.sql.run('UPDATE cases SET description_redacted = ? WHERE id = ?', description, k.id)
    const s = await login(rt, monitor)
    for (const lang of ['en', 'fr'] as const) {
      const t = tFor(lang)
      const html = unescape((await page(s, `/console/cases/${k.id}?lang=${lang}`)).html)
      expect(html).toContain(t('voice:case.statement', { duration: '2 min 14 s' }))
      expect(html).toContain(t('voice:case.problem', { title: title[lang] }))
      expect(html).toContain(t('voice:case.employer'))
      expect(html).not.toContain('Declaración de voz')
      expect(html).not.toContain('no lo dijo')
      const queue = unescape((await page(s, `/console/queue?lang=${lang}`)).html)
      expect(queue).toContain(t('voice:case.employer'))
      expect(queue).not.toContain('no lo dijo')
    }
    const res = await rt.app.request(`/api/v1/cases/${k.id}`, {
      headers: { authorization: `Bearer ${monitor.token}`, 'accept-language': 'en' },
    })
    const body = (await res.json()) as { case: { description: string; employer: string } }
    expect(body.case.description).toContain('[Voice statement: 2 min 14 s')
    expect(body.case.employer).toBe(tFor('en')('voice:case.employer'))
    // The Spanish reader still reads the Spanish lines, untouched.
    expect(unescape((await page(s, `/console/cases/${k.id}?lang=es`)).html)).toContain(description.split('\n')[0]!)
  })
})

describe('daily work (issue 20)', () => {
  it('searches the redacted text: description, employer and messages, every word', async () => {
    const a = await insertCase(rt, { employer: 'Autopartes del Norte' })
    const b = await insertCase(rt, { employer: 'Textiles Sur SA' })
    await reporterWrites(b.receipt, 'Trabajo en el turno de noche en la bodega')
    const s = await login(rt, monitor)
    const found = (q: string) => page(s, `/console/queue?q=${encodeURIComponent(q)}`).then((r) => r.html)
    let html = await found('bodega noche')
    expect(html).toContain(b.reference)
    expect(html).not.toContain(a.reference)
    html = await found('sindicato')
    expect(html).toContain(a.reference)
    expect(html).toContain(b.reference)
    expect(await found('bodega sindicato-no')).not.toContain(b.reference)
    // The original text and the identity are never searched.
    expect(await found('ORIGINAL-UNREDACTED')).not.toContain(a.reference)
    expect(await found('Juana')).not.toContain(a.reference)
    const res = await api(rt, 'GET', `/api/v1/cases?q=${encodeURIComponent('Textiles')}`, monitor.token)
    const ids = ((await res.json()) as { cases: { id: string }[] }).cases.map((c) => c.id)
    expect(ids).toEqual([b.id])
  })

  it('marks a case unread when the reporter writes, per staff member, until they open it', async () => {
    const k = await insertCase(rt)
    const s = await login(rt, monitor)
    const o = await login(rt, other)
    const marker = (html: string) => new RegExp(`class="unread" data-case="${k.reference}"`).test(html)
    expect(marker((await page(s, '/console/queue')).html)).toBe(false)
    await reporterWrites(k.receipt, 'Trabajo en el turno de noche')
    expect(marker((await page(s, '/console/queue')).html)).toBe(true)
    expect((await page(s, '/console/queue')).html).toContain(tFor('en')('console:daily.unread', { count: 1 }))
    await page(s, `/console/cases/${k.id}`)
    expect(marker((await page(s, '/console/queue')).html)).toBe(false)
    // Another monitor has not read it yet.
    expect(marker((await page(o, '/console/queue')).html)).toBe(true)
    await reporterWrites(k.receipt, 'Y también en la tarde')
    expect(marker((await page(s, '/console/queue')).html)).toBe(true)
    const list = (await (await api(rt, 'GET', '/api/v1/cases', other.token)).json()) as { cases: { unread: number }[] }
    expect(list.cases[0]!.unread).toBe(2)
  })

  it('bulk-assigns and bulk-closes ticked cases, each audited; out-of-scope cases are counted, not changed', async () => {
    const a = await insertCase(rt)
    const b = await insertCase(rt)
    const outside = await insertCase(rt, { country: 'US' })
    const s = await login(rt, monitor)
    const r = await postForm(rt, '/console/bulk', s, {
      ids: [a.id, b.id, outside.id],
      action: 'assign',
      assignTo: monitor.id,
      back: 'country=MX',
    })
    expect(r.status).toBe(303)
    const loc = r.headers.get('location')!
    expect(loc).toMatch(/^\/console\/queue\?/)
    expect(loc).toContain('country=MX')
    const notice = unescape((await page(s, loc)).html)
    expect(notice).toContain(tFor('en')('console:daily.bulk.done.assign', { count: 2 }))
    expect(notice).toContain(tFor('en')('console:daily.bulk.failed', { count: 1 }))
    const rows = await rt.deps.sql.all<{ id: string; assigned_to: string | null; status: string }>(
      'SELECT id, assigned_to, status FROM cases',
    )
    expect(rows.find((x) => x.id === a.id)!.assigned_to).toBe(monitor.id)
    expect(rows.find((x) => x.id === outside.id)!.assigned_to).toBeNull()
    const assigns = await rt.deps.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'case_assign'")
    expect(assigns!.n).toBe(2)

    const close = await postForm(rt, '/console/bulk', s, { ids: [a.id, b.id], action: 'close', outcome: 'duplicate', back: '' })
    expect(close.status).toBe(303)
    const statuses = await rt.deps.sql.all<{ status: string; outcome: string }>(
      'SELECT status, outcome FROM cases WHERE id IN (?, ?)', a.id, b.id,
    )
    expect(statuses).toEqual([
      { status: 'closed', outcome: 'duplicate' },
      { status: 'closed', outcome: 'duplicate' },
    ])
    // Bad input changes nothing and says why: no case ticked, an unknown outcome, no CSRF token.
    const none = await postForm(rt, '/console/bulk', s, { action: 'assign', assignTo: monitor.id, back: '' })
    expect(unescape((await page(s, none.headers.get('location')!)).html)).toContain(tFor('en')('console:daily.bulk.none'))
    const c = await insertCase(rt)
    await postForm(rt, '/console/bulk', s, { ids: [c.id], action: 'close', outcome: 'whatever', back: '' })
    expect((await rt.deps.sql.get<{ status: string }>('SELECT status FROM cases WHERE id = ?', c.id))!.status).toBe('new')
    expect((await postForm(rt, '/console/bulk', s, { ids: [c.id], action: 'close', outcome: 'duplicate' }, false)).status).toBe(403)
    const ngo = await makeStaff(rt, 'ngo', 'ngo@example.org', { org: 'Centro Obrero' })
    const n = await login(rt, ngo)
    expect((await postForm(rt, '/console/bulk', n, { ids: [c.id], action: 'close', outcome: 'duplicate' })).status).toBe(403)
  })

  it('saves, lists, re-applies and deletes a filter; a bad saved query is cleaned', async () => {
    await insertCase(rt, { employer: 'Textiles Sur SA' })
    const s = await login(rt, monitor)
    const r = await postForm(rt, '/console/filters', s, { name: 'Textiles', query: 'q=Textiles&channel=web&after=garbage&evil=1' })
    expect(r.status).toBe(303)
    const html = unescape((await page(s, '/console/queue')).html)
    const href = /<a href="(\/console\/queue\?[^"]+)">Textiles<\/a>/.exec(html)?.[1]
    expect(href).toBe('/console/queue?channel=web&q=Textiles')
    expect(await rt.deps.sql.get('SELECT query FROM saved_filters')).toEqual({ query: 'channel=web&q=Textiles' })
    // Another staff member does not see it.
    const o = await login(rt, other)
    expect((await page(o, '/console/queue')).html).not.toContain('>Textiles</a>')
    // An unknown status in a saved query is refused like in the URL, and nothing is stored.
    const bad = await postForm(rt, '/console/filters', s, { name: 'Bad', query: 'status=foo' })
    expect(bad.status).toBe(303)
    const shown = await page(s, bad.headers.get('location')!)
    expect(shown.status).toBe(200)
    expect(unescape(shown.html)).toContain(tFor('en')('console:errors.field', { field: tFor('en')('console:fields.status') }))
    expect((await rt.deps.sql.all('SELECT name FROM saved_filters')).length).toBe(1)
    const id = (await rt.deps.sql.get<{ id: string }>('SELECT id FROM saved_filters'))!.id
    expect((await postForm(rt, `/console/filters/${id}/delete`, o, {})).status).toBe(404)
    expect((await postForm(rt, `/console/filters/${id}/delete`, s, {})).status).toBe(303)
    expect((await rt.deps.sql.all('SELECT id FROM saved_filters')).length).toBe(0)
  })

  it('reply templates: added in three languages, filled in the case’s language, sent as a question', async () => {
    const k = await insertCase(rt) // a Spanish case
    const s = await login(rt, monitor)
    const missing = await postForm(rt, '/console/templates', s, { name: 'Turno', body_en: 'Which shift?', body_es: '¿Qué turno?', body_fr: '' })
    expect(missing.status).toBe(400)
    expect(unescape(await missing.text())).toContain(tFor('en')('console:daily.templates.missing'))
    expect((await rt.deps.sql.all('SELECT id FROM reply_templates')).length).toBe(0)
    const ok = await postForm(rt, '/console/templates', s, {
      name: 'Turno',
      body_en: 'Which shift do you work?',
      body_es: '¿En qué turno trabaja?',
      body_fr: 'Dans quelle équipe travaillez-vous ?',
    })
    expect(ok.status).toBe(303)
    expect((await postForm(rt, '/console/templates', s, { name: 'turno', body_en: 'x', body_es: 'y', body_fr: 'z' })).status).toBe(400)
    const id = (await rt.deps.sql.get<{ id: string }>('SELECT id FROM reply_templates'))!.id
    const html = unescape((await page(s, `/console/cases/${k.id}?template=${id}`)).html)
    expect(html).toMatch(/<textarea id="question"[^>]*>\s*¿En qué turno trabaja\?\s*<\/textarea>/)
    const sent = await postForm(rt, `/console/cases/${k.id}/question`, s, { body: '¿En qué turno trabaja?' })
    expect(sent.status).toBe(303)
    expect(await rt.deps.sql.get("SELECT body_redacted FROM case_messages WHERE direction = 'to_reporter'")).toEqual({
      body_redacted: '¿En qué turno trabaja?',
    })
    // Only admins remove templates.
    expect((await postForm(rt, `/console/templates/${id}/delete`, s, {})).status).toBe(403)
    expect((await postForm(rt, `/console/templates/${id}/delete`, await login(rt, admin), {})).status).toBe(303)
  })

  it('reassigns a departing monitor’s open cases to the monitor routing picks, or to nobody', async () => {
    const mx = await insertCase(rt, { assignedTo: monitor.id })
    const us = await insertCase(rt, { assignedTo: monitor.id, country: 'US' })
    const closed = await insertCase(rt, { assignedTo: monitor.id })
    await rt.deps.sql.run("UPDATE cases SET status = 'closed', outcome = 'duplicate' WHERE id = ?", closed.id)
    const s = await login(rt, admin)
    const r = await postForm(rt, `/console/staff/${monitor.id}/disable`, s, {})
    expect(r.status).toBe(303)
    const html = unescape((await page(s, r.headers.get('location')!)).html)
    expect(html).toContain(tFor('en')('console:daily.reassigned', { count: 1, left: 1 }))
    const rows = await rt.deps.sql.all<{ id: string; assigned_to: string | null }>('SELECT id, assigned_to FROM cases')
    const to = (id: string) => rows.find((x) => x.id === id)!.assigned_to
    expect(to(mx.id)).toBe(other.id)
    expect(to(us.id)).toBeNull()
    expect(to(closed.id)).toBe(monitor.id) // closed cases stay as they were
    const audit = await rt.deps.sql.all<{ data: string }>("SELECT data FROM audit_log WHERE action = 'case_assign' ORDER BY seq")
    expect(audit.map((a) => JSON.parse(a.data))).toEqual([
      { to: other.id, from: monitor.id, reason: 'staff_disabled' },
      { to: null, from: monitor.id, reason: 'staff_disabled' },
    ])
    // Admins find the one nobody covers under Unrouted.
    expect((await page(s, '/console/queue?assigned=unrouted')).html).toContain(us.reference)
  })

  it('admin page: adds an account (secrets shown once), replaces scopes, adds exclusions, issues a token', async () => {
    const s = await login(rt, admin)
    const bad = await postForm(rt, '/console/staff/add', s, { email: 'new@example.org', role: 'monitor', scopes: 'wages in Mexico', exclusions: '', org: '' })
    expect(bad.status).toBe(400)
    expect(unescape(await bad.text())).toContain(tFor('en')('console:daily.staff.badScope'))
    expect(await rt.deps.sql.get("SELECT COUNT(*) AS n FROM staff WHERE email = 'new@example.org'")).toEqual({ n: 0 })
    const dup = await postForm(rt, '/console/staff/add', s, { email: 'M@example.org', role: 'monitor', scopes: '', exclusions: '', org: '' })
    expect(dup.status).toBe(400)
    expect(unescape(await dup.text())).toContain(tFor('en')('console:daily.staff.taken'))
    const ngoNoOrg = await postForm(rt, '/console/staff/add', s, { email: 'n@example.org', role: 'ngo', scopes: '', exclusions: '', org: '' })
    expect(ngoNoOrg.status).toBe(400)

    const ok = await postForm(rt, '/console/staff/add', s, {
      email: 'New@Example.org',
      role: 'monitor',
      scopes: 'right:wages@MX\nright:*@CI',
      exclusions: 'Autopartes del Bajío',
      org: '',
    })
    expect(ok.status).toBe(200)
    const html = unescape(await ok.text())
    const password = /Initial password: <span class="secret">([^<]+)</.exec(html)?.[1]
    const code = /enrolment code \(7 days\): <span class="secret">([^<]+)</.exec(html)?.[1]
    expect(password).toMatch(/^\S{12,}$/)
    expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/)
    const id = (await rt.deps.sql.get<{ id: string }>("SELECT id FROM staff WHERE email = 'new@example.org'"))!.id
    expect(await rt.deps.sql.all('SELECT kind, value, country FROM staff_scopes WHERE staff_id = ? ORDER BY country', id)).toEqual([
      { kind: 'right', value: '*', country: 'CI' },
      { kind: 'right', value: 'wages', country: 'MX' },
    ])
    // The password is not in the database, only its hash; the page after a reload shows neither.
    expect((await page(s, '/console/staff')).html).not.toContain(password!)

    const scoped = await postForm(rt, `/console/staff/${id}/scopes`, s, { scopes: 'right:*@US', exclusions: 'Otra Empresa SA' })
    expect(scoped.status).toBe(303)
    expect(await rt.deps.sql.all('SELECT value, country FROM staff_scopes WHERE staff_id = ?', id)).toEqual([{ value: '*', country: 'US' }])
    expect(await rt.deps.sql.get('SELECT COUNT(*) AS n FROM staff_exclusions WHERE staff_id = ?', id)).toEqual({ n: 2 })
    await postForm(rt, `/console/staff/${id}/scopes`, s, { scopes: 'right:*@US', exclusions: '', clear: '1' })
    expect(await rt.deps.sql.get('SELECT COUNT(*) AS n FROM staff_exclusions WHERE staff_id = ?', id)).toEqual({ n: 0 })
    expect((await postForm(rt, `/console/staff/${id}/scopes`, s, { scopes: 'nonsense' })).status).toBe(400)
    expect(await rt.deps.sql.all('SELECT value, country FROM staff_scopes WHERE staff_id = ?', id)).toEqual([{ value: '*', country: 'US' }])

    const tok = unescape(await (await postForm(rt, `/console/staff/${id}/token`, s, { label: 'script' })).text())
    const token = /<p class="secret">(hl_[^<]+)<\/p>/.exec(tok)?.[1]
    expect(token).toBeTruthy()
    expect((await api(rt, 'GET', '/api/v1/cases', token!)).status).toBe(200)
    const actions = await rt.deps.sql.all<{ action: string }>(
      "SELECT action FROM audit_log WHERE action IN ('staff_added', 'staff_scopes', 'token_issued', 'enrol_code_issued') ORDER BY seq",
    )
    expect(actions.map((a) => a.action)).toEqual(['staff_added', 'enrol_code_issued', 'staff_scopes', 'staff_scopes', 'token_issued'])
    // Monitors may not.
    const m = await login(rt, monitor)
    expect((await postForm(rt, '/console/staff/add', m, { email: 'x@example.org', role: 'admin' })).status).toBe(403)
    expect((await postForm(rt, `/console/staff/${id}/token`, m, {})).status).toBe(403)
  })

  it('new console routes: no session means the sign-in page, and nothing changes', async () => {
    const k = await insertCase(rt)
    for (const path of ['/console/templates', '/console/audit']) {
      const r = await rt.app.request(path)
      expect(r.status, path).toBe(303)
      expect(r.headers.get('location')).toBe('/console/login')
    }
    for (const path of ['/console/bulk', '/console/filters', '/console/templates', `/console/staff/${monitor.id}/token`, '/console/staff/add']) {
      const r = await rt.app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `ids=${k.id}&action=close&outcome=duplicate&name=x&query=&body_en=a&body_es=b&body_fr=c&email=z@example.org&role=admin`,
      })
      expect(r.status, path).toBe(303)
      expect(r.headers.get('location')).toBe('/console/login')
    }
    expect(await rt.deps.sql.get('SELECT status FROM cases WHERE id = ?', k.id)).toEqual({ status: 'new' })
    expect(await rt.deps.sql.get('SELECT COUNT(*) AS n FROM reply_templates')).toEqual({ n: 0 })
    expect(await rt.deps.sql.get("SELECT COUNT(*) AS n FROM staff WHERE email = 'z@example.org'")).toEqual({ n: 0 })
  })

  it('retention as data: an admin shortens a status’s retention, the purge follows it, bad values change nothing', async () => {
    const k = await insertCase(rt)
    await rt.deps.sql.run("UPDATE cases SET status = 'closed', outcome = 'duplicate' WHERE id = ?", k.id)
    const s = await login(rt, admin)
    const form = await page(s, '/console/retention')
    expect(form.status).toBe(200)
    expect(form.html).toContain('data-key="closed"')
    const bad = await postForm(rt, '/console/retention', s, { closed: '0', new: '30' })
    expect(bad.status).toBe(400)
    expect(unescape(await bad.text())).toContain(tFor('en')('console:daily.retention.range'))
    expect(await rt.deps.sql.get('SELECT COUNT(*) AS n FROM retention_settings')).toEqual({ n: 0 })

    expect((await postForm(rt, '/console/retention', s, { closed: '2' })).status).toBe(303)
    expect(await rt.deps.sql.all('SELECT status, days FROM retention_settings')).toEqual([{ status: 'closed', days: 2 }])
    const audit = await rt.deps.sql.all<{ data: string }>("SELECT data FROM audit_log WHERE action = 'retention_set'")
    expect(audit.map((a) => JSON.parse(a.data))).toEqual([
      { status: 'closed', from: rt.config.retentionDays.closed, to: 2, fromEnvironment: false },
    ])
    // Three days later the maintenance run purges it (the environment says 90 days).
    rt.clock.advance(3 * 86_400_000)
    const { runMaintenance } = await import('../../src/maintenance.js')
    const { jobHandlers } = await import('../../src/jobs/handlers.js')
    const run = await runMaintenance(rt.deps, jobHandlers)
    expect(run.purged.cases).toBe(1)
    expect(await rt.deps.sql.get('SELECT original_enc FROM cases WHERE id = ?', k.id)).toEqual({ original_enc: null })
    // Empty goes back to the environment's value (a new session: three days have passed).
    const again = await postForm(rt, '/console/retention', await login(rt, admin), { closed: '' })
    expect(again.headers.get('location')).toBe('/console/retention?done=1')
    expect(await rt.deps.sql.get('SELECT COUNT(*) AS n FROM retention_settings')).toEqual({ n: 0 })
    expect((await page(await login(rt, monitor), '/console/retention')).status).toBe(403)
  })

  it('shows the audit log to admins only, newest first, filtered by action and case', async () => {
    const k = await insertCase(rt)
    const s = await login(rt, admin)
    await page(s, `/console/cases/${k.id}`)
    const html = unescape((await page(s, `/console/audit?action=case_view&case=${k.reference}`)).html)
    expect(html).toContain('case_view')
    expect(html).toContain(k.reference)
    expect(html).toContain(admin.email)
    expect(html).not.toContain('<td>login</td>')
    expect((await page(s, '/console/audit?before=x')).status).toBe(400)
    const m = await login(rt, monitor)
    expect((await page(m, '/console/audit')).status).toBe(403)
    expect(await rt.deps.sql.get("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'audit_view'")).toEqual({ n: 1 })
  })
})
