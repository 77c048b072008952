/**
 * Issue 20: e-mail notifications to staff, through the real stack: intake and replies through
 * app.request(), a real SQLite file, the maintenance run with nodemailer, and a real SMTP server on
 * loopback (smtp-server) that receives the mails. No mail holds case text, the redacted text,
 * the reference or anything of the reporter's; one event is at most one e-mail per staff member.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { jobHandlers } from '../src/jobs/handlers.js'
import { runMaintenance } from '../src/maintenance.js'
import { savePrefs } from '../src/notify/prefs.js'
import { makeRuntime, postJson, type TestRuntime } from './helpers/runtime.js'
import { startSmtp, type TestSmtp } from './helpers/smtp.js'
import { api, login, makeStaff, postForm, type TestStaff } from './console/setup.js'

const HOUR = 3_600_000
const FROM = 'Hotline <hotline@example.org>'

const report = {
  language: 'es',
  country: 'MX',
  sector: 'auto_parts',
  employer: 'Autopartes Zacatecana SA de CV',
  facility: 'Planta Norte',
  location: 'Silao, Guanajuato',
  description:
    'Despidieron a Rigoberta Quispe Mamani por apoyar al sindicato independiente. Su teléfono es 477 555 0199.',
  rights: ['freedom_of_association'],
  contact: { name: 'Rigoberta Quispe Mamani', phone: '+524775550199', email: 'rigoberta@example.net' },
  consentToContact: true,
}
const REPLY = 'Sí, el supervisor Anacleto Huerta nos amenazó el lunes. Mi correo es quispe.r@example.net'

/** Strings that must never be in a notification (case text, its redaction, the reporter's). */
function forbidden(reference: string, receipt: string): string[] {
  return [
    'Rigoberta',
    'Quispe',
    '477 555',
    '5550199',
    'example.net',
    'Autopartes',
    'Zacatecana',
    'Planta Norte',
    'Silao',
    'sindicato',
    'Despidieron',
    'Anacleto',
    'supervisor',
    '[NAME-',
    '[PHONE-',
    reference,
    reference.replace(/^HL-/, ''),
    receipt,
    receipt.replace(/ /g, ''),
  ]
}

/** A staff member's choices (the form itself is tested below; argon2 sign-ins are slow). */
async function setPrefs(rt: TestRuntime, s: TestStaff, newCases: string, replies: string, lang: string) {
  await savePrefs(rt.deps, s.id, { newCases, replies, lang })
}

const count = async (rt: TestRuntime, table: string) =>
  (await rt.deps.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n

const maintain = (rt: TestRuntime) => runMaintenance(rt.deps, jobHandlers)

describe('staff e-mail notifications', () => {
  let smtp: TestSmtp
  let rt: TestRuntime
  let staff: Record<'mx' | 'us' | 'admin' | 'excluded' | 'quiet' | 'ngo', TestStaff>

  beforeAll(async () => {
    smtp = await startSmtp()
  })
  afterAll(() => smtp.close())

  beforeEach(async () => {
    smtp.mails.length = 0
    smtp.refuse = undefined
    rt = await makeRuntime({
      env: { SMTP_URL: smtp.url, SMTP_FROM: FROM, NOTIFY_DIGEST_HOUR: '7' },
      remoteAddress: '203.0.113.40',
    })
    staff = {
      mx: await makeStaff(rt, 'monitor', 'mx-monitor@example.org', { scopes: ['right:freedom_of_association@MX'] }),
      us: await makeStaff(rt, 'monitor', 'us-monitor@example.org', { scopes: ['right:wages@US'] }),
      admin: await makeStaff(rt, 'admin', 'admin@example.org'),
      excluded: await makeStaff(rt, 'monitor', 'conflict@example.org', {
        scopes: ['right:*@*'],
        exclude: ['Autopartes Zacatecana SA de CV'],
      }),
      quiet: await makeStaff(rt, 'monitor', 'quiet@example.org', { scopes: ['right:*@MX'] }),
      ngo: await makeStaff(rt, 'ngo', 'ngo@example.org', { org: 'Notify NGO' }),
    }
    await setPrefs(rt, staff.mx, 'each', 'each', 'es')
    await setPrefs(rt, staff.us, 'each', 'each', 'en')
    await setPrefs(rt, staff.admin, 'daily', 'daily', 'fr')
    await setPrefs(rt, staff.excluded, 'each', 'each', 'en')
    await setPrefs(rt, staff.quiet, 'none', 'none', 'en')
    await setPrefs(rt, staff.ngo, 'each', 'each', 'en')
  })
  afterEach(() => rt.close())

  it('tells the staff who can see a new case and a reply, in their language, with no case text', async () => {
    const res = await postJson(rt, '/api/v1/reports', report)
    expect(res.status).toBe(201)
    const { reference, receipt } = (await res.json()) as { reference: string; receipt: string }
    // Queued with the case, in its batch: one outbox row, nothing sent yet.
    expect(await count(rt, 'notify_outbox')).toBe(1)
    expect(smtp.mails).toHaveLength(0)

    await maintain(rt)
    // Only the monitor in scope, each event; the admin waits for the digest; the US monitor,
    // the monitor excluded for this employer, the one who chose none and the NGO get nothing.
    expect(smtp.mails.map((m) => m.to)).toEqual([['mx-monitor@example.org']])
    const mail = smtp.mails[0]!
    expect(mail.subject).toContain('Caso nuevo')
    expect(mail.text).toContain('Casos nuevos en su bandeja: 1.')
    expect(mail.text).toContain('http://localhost:8787/console/queue?status=new')
    expect(mail.headers).toMatch(/^From: Hotline <hotline@example\.org>/m)
    expect(mail.headers).toMatch(/^Content-Language: es/m)
    for (const s of forbidden(reference, receipt)) {
      expect(mail.raw, s).not.toContain(s)
      expect(mail.text + mail.subject, s).not.toContain(s)
    }
    expect(await count(rt, 'notify_outbox')).toBe(0)
    // The admin's delivery waits for the digest.
    expect(await count(rt, 'notify_deliveries')).toBe(1)

    // Again: nothing more (one event, at most one e-mail per staff member).
    await maintain(rt)
    expect(smtp.mails).toHaveLength(1)

    const reply = await postJson(rt, '/api/v1/follow-up/messages', { receipt, body: REPLY })
    expect(reply.status).toBe(201)
    expect(await count(rt, 'notify_outbox')).toBe(1)
    await maintain(rt)
    expect(smtp.mails).toHaveLength(2)
    const second = smtp.mails[1]!
    expect(second.to).toEqual(['mx-monitor@example.org'])
    expect(second.subject).toContain('Respuesta nueva de denunciante')
    expect(second.text).toContain('Respuestas nuevas de denunciantes: 1.')
    for (const s of forbidden(reference, receipt)) expect(second.raw, s).not.toContain(s)

    // The next morning at 07:00 UTC the admin gets one digest, in French, with both counts.
    rt.clock.advance(20 * HOUR)
    await maintain(rt)
    expect(smtp.mails).toHaveLength(3)
    const digest = smtp.mails[2]!
    expect(digest.to).toEqual(['admin@example.org'])
    expect(digest.subject).toContain('Votre résumé du jour')
    expect(digest.text).toContain('Nouveaux dossiers à traiter\u202f: 1.')
    expect(digest.text).toContain('Nouvelles réponses des personnes qui signalent\u202f: 1.')
    for (const s of forbidden(reference, receipt)) expect(digest.raw, s).not.toContain(s)
    // Sent: the outbox and the deliveries are empty.
    expect(await count(rt, 'notify_outbox')).toBe(0)
    expect(await count(rt, 'notify_deliveries')).toBe(0)
    // And nothing that was written (database, log) holds the reporter's words.
    const written = rt.writtenBytes().toString('latin1')
    for (const s of ['Rigoberta', 'Anacleto', 'quispe.r@example.net']) expect(written).not.toContain(s)
  })

  it('groups a day of events into one digest', async () => {
    await setPrefs(rt, staff.mx, 'daily', 'daily', 'en')
    for (let i = 0; i < 3; i++) {
      const res = await postJson(rt, '/api/v1/reports', { ...report, employer: `Empresa ${i}` })
      expect(res.status).toBe(201)
    }
    await maintain(rt)
    // The monitor excluded for another employer sees these: the three events that reached it in
    // one run go out as one e-mail (still at most one per event).
    expect(smtp.mails.map((m) => m.to)).toEqual([['conflict@example.org']])
    expect(smtp.mails[0]!.text).toContain('New cases in your queue: 3.')
    smtp.mails.length = 0
    expect(await count(rt, 'notify_deliveries')).toBe(6) // three cases × (mx monitor, admin)
    rt.clock.advance(20 * HOUR)
    await maintain(rt)
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(['admin@example.org', 'mx-monitor@example.org'])
    const mx = smtp.mails.find((m) => m.to[0] === 'mx-monitor@example.org')!
    expect(mx.subject).toContain('Your daily summary')
    expect(mx.text).toContain('New cases in your queue: 3.')
    expect(await count(rt, 'notify_deliveries')).toBe(0)
  })

  it('retries with back-off when the SMTP server refuses, and never fails intake', async () => {
    smtp.refuse = 451
    const res = await postJson(rt, '/api/v1/reports', report)
    expect(res.status).toBe(201)
    const run = await maintain(rt)
    expect(run.notify.retried).toBe(1)
    expect(smtp.mails).toHaveLength(0)
    const row = await rt.deps.sql.get<{ attempts: number; due_at: number; last_error: string; sending_until: number | null }>(
      "SELECT attempts, due_at, last_error, sending_until FROM notify_deliveries WHERE staff_id = ?",
      staff.mx.id,
    )
    expect(row).toMatchObject({ attempts: 1, last_error: 'smtp 451', sending_until: null })
    expect(row!.due_at).toBeGreaterThan(rt.clock.now())
    expect(rt.logs.some((l) => l.includes('notification_retry') && l.includes('smtp 451'))).toBe(true)
    // Before the back-off: nothing is tried.
    smtp.refuse = undefined
    await maintain(rt)
    expect(smtp.mails).toHaveLength(0)
    // After it: sent, once.
    rt.clock.advance(2 * 60_000)
    await maintain(rt)
    expect(smtp.mails.map((m) => m.to)).toEqual([['mx-monitor@example.org']])
    rt.clock.advance(2 * 60_000)
    await maintain(rt)
    expect(smtp.mails).toHaveLength(1)
    // The log names no address and no case.
    for (const l of rt.logs) expect(l).not.toMatch(/mx-monitor@|HL-/)
  })

  it('keeps intake working when the SMTP server is down', async () => {
    await smtp.close()
    try {
      const res = await postJson(rt, '/api/v1/reports', report)
      expect(res.status).toBe(201)
      const run = await maintain(rt)
      expect(run.notify.retried).toBe(1)
      expect(await count(rt, 'notify_deliveries')).toBe(2) // the monitor's, retried; the admin's digest
    } finally {
      smtp = await startSmtp() // the next tests' server (a new port)
    }
  })

  it('does not tell the NGO account that filed a case; its colleague in the organisation is told', async () => {
    const colleague = await makeStaff(rt, 'ngo', 'colleague@example.org', { org: 'Notify NGO' })
    await setPrefs(rt, colleague, 'each', 'none', 'en')
    const { contact: _c, consentToContact: _k, ...intake } = report
    const res = await api(rt, 'POST', '/api/v1/ngo/reports', staff.ngo.token, {
      ...intake,
      consent: { disclose: ['redacted'], recipients: ['mx_cfcrl'], until: '2027-12-31', method: 'oral' },
    })
    expect(res.status).toBe(201)
    await maintain(rt)
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(['colleague@example.org', 'mx-monitor@example.org'])
  })

  it('does not tell a staff member who no longer wants it, or was disabled', async () => {
    const res = await postJson(rt, '/api/v1/reports', report)
    expect(res.status).toBe(201)
    await setPrefs(rt, staff.mx, 'none', 'each', 'es')
    await maintain(rt)
    expect(smtp.mails).toHaveLength(0)
    // The admin's digest was queued; the admin is disabled before it goes: nothing is sent.
    expect(await count(rt, 'notify_deliveries')).toBe(1)
    await rt.deps.sql.run('UPDATE staff SET disabled = 1 WHERE id = ?', staff.admin.id)
    rt.clock.advance(20 * HOUR)
    await maintain(rt)
    expect(smtp.mails).toHaveLength(0)
    expect(await count(rt, 'notify_deliveries')).toBe(0)
  })
})

describe('notifications when SMTP is not configured', () => {
  it('writes no outbox row and sends nothing', async () => {
    const smtp = await startSmtp()
    const rt = await makeRuntime({ remoteAddress: '203.0.113.41' })
    try {
      const mx = await makeStaff(rt, 'monitor', 'mx@example.org', { scopes: ['right:freedom_of_association@MX'] })
      const session = await login(rt, mx)
      // The page says so, and the choice is still kept.
      const page = await rt.app.request('/console/account', { headers: { cookie: session.cookie } })
      expect(await page.text()).toContain('E-mail is not set up on this server')
      const saved = await postForm(rt, '/console/account/notifications', session, { newCases: 'each', replies: 'each', lang: 'en' })
      expect(saved.status).toBe(303)
      const res = await postJson(rt, '/api/v1/reports', report)
      expect(res.status).toBe(201)
      const run = await runMaintenance(rt.deps, jobHandlers)
      expect(run.notify).toEqual({ events: 0, queued: 0, sent: 0, retried: 0, abandoned: 0 })
      expect(await count(rt, 'notify_outbox')).toBe(0)
      expect(await count(rt, 'notify_deliveries')).toBe(0)
      expect(smtp.mails).toHaveLength(0)
    } finally {
      rt.close()
      await smtp.close()
    }
  })
})

describe('the notification preference form', () => {
  let rt: TestRuntime
  beforeEach(async () => {
    rt = await makeRuntime({ env: { SMTP_URL: 'smtp://127.0.0.1:9', SMTP_FROM: 'hotline@example.org' } })
  })
  afterEach(() => rt.close())

  it('shows the choices and saves them', async () => {
    const s = await makeStaff(rt, 'ngo', 'form-ngo@example.org', { org: 'Form NGO' })
    const session = await login(rt, s)
    const page = await rt.app.request('/console/account?lang=fr', { headers: { cookie: session.cookie } })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Alertes par courriel')
    expect(html).toContain('Un courriel par jour, à 07 h UTC')
    expect(html).toMatch(/id="newCases-none" name="newCases" value="none" checked/)
    const res = await postForm(rt, '/console/account/notifications', session, { newCases: 'daily', replies: 'each', lang: 'es' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/console/account?done=1')
    const row = await rt.deps.sql.get('SELECT new_cases, replies, lang FROM staff_notify WHERE staff_id = ?', s.id)
    expect(row).toEqual({ new_cases: 'daily', replies: 'each', lang: 'es' })
  })

  it('answers bad input with a translated error and changes nothing', async () => {
    const s = await makeStaff(rt, 'monitor', 'form-mon@example.org', { scopes: ['right:*@MX'] })
    const session = await login(rt, s)
    await postForm(rt, '/console/account/notifications', session, { newCases: 'each', replies: 'none', lang: 'en' })
    const cases: [Record<string, string>, string, string][] = [
      [{ newCases: 'hourly', replies: 'none', lang: 'en' }, 'es', 'Casos nuevos que puedo ver: elija una de las opciones.'],
      [{ newCases: 'each', replies: '', lang: 'en' }, 'fr', 'Réponses des personnes qui signalent, dans les dossiers que je peux voir\u202f: choisissez une des options.'],
      [{ newCases: 'each', replies: 'none', lang: 'xx' }, 'en', 'Language of the e-mails: choose a language from the list.'],
    ]
    for (const [body, lang, message] of cases) {
      const res = await postForm(rt, `/console/account/notifications?lang=${lang}`, session, body)
      expect(res.status).toBe(400)
      expect(await res.text()).toContain(message)
    }
    const row = await rt.deps.sql.get('SELECT new_cases, replies, lang FROM staff_notify WHERE staff_id = ?', s.id)
    expect(row).toEqual({ new_cases: 'each', replies: 'none', lang: 'en' })
    // Without the CSRF token: refused, nothing saved.
    const forged = await postForm(rt, '/console/account/notifications', session, { newCases: 'daily', replies: 'daily', lang: 'en' }, false)
    expect(forged.status).toBe(403)
    expect(await rt.deps.sql.get('SELECT new_cases FROM staff_notify WHERE staff_id = ?', s.id)).toEqual({ new_cases: 'each' })
  })
})
