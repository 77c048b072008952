/**
 * The consent ledger: GET /api/v1/consents?case=REF and POST /api/v1/consents/:id/withdraw; the
 * worker reads what they consented to on follow-up and withdraws it with the receipt on the web
 * and by SMS (a keyword in each language); the organisation sees the withdrawal; each withdrawal
 * is audited and takes effect at once.
 */
import { describe, expect, it } from 'vitest'
import { command } from '../../src/channels/sms/keywords.js'
import { tFor } from '../../src/i18n/index.js'
import { getForm, postForm as postWebForm, tokenIn } from '../helpers/forms.js'
import { postJson, type TestRuntime } from '../helpers/runtime.js'
import { withFakeTwilio } from '../helpers/twilio-runtime.js'
import { Phone } from '../sms/phone.js'
import { Caller, spoken } from '../voice/call.js'
import { api, insertCase, login, makeStaff, postForm, type TestStaff } from '../console/setup.js'

const REPORT = {
  language: 'es',
  country: 'MX',
  sector: 'auto_parts',
  employer: 'Autopartes del Norte',
  description: 'Nos amenazaron con despedirnos si votamos en la consulta del contrato.',
  consent: { disclose: ['redacted', 'original'], recipients: ['us_dol', 'brand'], until: '2027-03-31', method: 'written' },
}

describe('the consent ledger', () => {
  let rt: TestRuntime
  let ngo: TestStaff
  let other: TestStaff
  let monitor: TestStaff
  withFakeTwilio(
    async (_t, r) => {
      rt = r
      ngo = await makeStaff(rt, 'ngo', 'filer@union.example', { org: 'Sindicato Nacional Minero' })
      other = await makeStaff(rt, 'ngo', 'other@ngo.example', { org: 'Otra Organización AC' })
      monitor = await makeStaff(rt, 'monitor', 'mx@hotline.example', { scopes: ['right:*@MX'] })
    },
    { remoteAddress: '198.51.100.30' },
  )

  const file = async () => {
    const res = await api(rt, 'POST', '/api/v1/ngo/reports', ngo.token, REPORT)
    expect(res.status).toBe(201)
    return (await res.json()) as { receipt: string; reference: string; consentId: string }
  }
  const ledger = async (who: TestStaff, ref: string) => api(rt, 'GET', `/api/v1/consents?case=${ref}`, who.token)
  const audit = (action: string) =>
    rt.db.prepare('SELECT actor_id, data FROM audit_log WHERE action = ?').all(action) as { actor_id: string | null; data: string }[]

  it('shows the consent to the organisation, the monitor and the worker; not to another organisation', async () => {
    const f = await file()
    const mine = await ledger(ngo, f.reference)
    expect(mine.status).toBe(200)
    const { consents } = (await mine.json()) as { consents: Record<string, unknown>[] }
    expect(consents).toEqual([
      expect.objectContaining({
        id: f.consentId,
        status: 'given',
        disclose: ['redacted', 'original'],
        recipients: ['us_dol', 'brand'],
        until: '2027-03-31',
        method: 'written',
        withdrawnBy: null,
      }),
    ])
    expect((await ledger(monitor, f.reference)).status).toBe(200)
    expect((await ledger(other, f.reference)).status).toBe(404)
    expect((await ledger(ngo, 'HL-NOPE-0000')).status).toBe(404)
    const custodian = await makeStaff(rt, 'custodian', 'c@hotline.example')
    expect((await ledger(custodian, f.reference)).status).toBe(403)

    // The worker reads it on web follow-up (in plain Spanish) and through the API.
    const { token } = await getForm(rt, '/es/follow-up')
    const page = await (await postWebForm(rt, '/es/follow-up', { token, receipt: f.receipt })).text()
    expect(page).toContain('Lo que usted aceptó compartir')
    expect(page).toContain('Sus propias palabras, tal como las contó')
    expect(page).toContain('La marca o el comprador')
    expect(page).toContain('Por escrito')
    expect(page).toContain('id="withdraw-consent"')
    const json = (await (await postJson(rt, '/api/v1/follow-up', { receipt: f.receipt })).json()) as { consents: unknown[] }
    expect(json.consents).toEqual([
      { status: 'given', disclose: ['redacted', 'original'], recipients: ['us_dol', 'brand'], until: '2027-03-31', method: 'written' },
    ])
  })

  it('the worker withdraws by SMS; the organisation sees it at once, and it is audited', async () => {
    const f = await file()
    const phone = new Phone(rt, '+5215550002222')
    expect(await phone.say(`RETIRAR ${f.receipt}`)).toMatch(/^Retir/)
    const { consents } = (await (await ledger(ngo, f.reference)).json()) as { consents: { status: string; withdrawnBy: string; withdrawnOn: string }[] }
    expect(consents[0]).toMatchObject({ status: 'withdrawn', withdrawnBy: 'worker', withdrawnOn: '2026-11-25' })
    expect(audit('consent_withdrawn').map((r) => JSON.parse(r.data))).toEqual([
      { consentId: f.consentId, by: 'worker', via: 'sms' },
    ])
    // The organisation's case page shows the withdrawal and its timeline event.
    const s = await login(rt, ngo)
    const caseId = (rt.db.prepare('SELECT id FROM cases WHERE reference = ?').get(f.reference) as { id: string }).id
    const page = await (await rt.app.request(`/console/cases/${caseId}`, { headers: { cookie: s.cookie } })).text()
    expect(page).toContain('withdrawn by the worker on 2026-11-25')
    expect(page).toContain('Consent withdrawn')
    // Once more: nothing left to withdraw. Without a receipt: how to do it.
    expect(await phone.say(`RETIRAR ${f.receipt}`)).toMatch(/no tiene consentimiento/)
    expect(await phone.say('WITHDRAW')).toContain('WITHDRAW 1234 5678 9012 3456')
    expect(await phone.say('RETIRER 1111 2222 3333 4444')).toMatch(/reçu|recu/)
    expect(audit('consent_withdrawn')).toHaveLength(1)
  })

  it('the worker withdraws on the web follow-up page', async () => {
    const f = await file()
    const { token } = await getForm(rt, '/fr/follow-up')
    const page = await (await postWebForm(rt, '/fr/follow-up', { token, receipt: f.receipt })).text()
    const withdrawToken = tokenIn(page, '/fr/follow-up/withdraw')
    const bad = await postWebForm(rt, '/fr/follow-up/withdraw', { token: 'nope', receipt: f.receipt })
    expect(bad.status).toBe(400)
    const done = await postWebForm(rt, '/fr/follow-up/withdraw', { token: withdrawToken, receipt: f.receipt })
    expect(done.status).toBe(200)
    const html = await done.text()
    expect(html).toContain('Votre consentement est retiré.')
    expect(html).toContain('Vous avez retiré ce consentement.')
    expect(html).not.toContain('id="withdraw-consent"')
    expect(audit('consent_withdrawn').map((r) => JSON.parse(r.data).via)).toEqual(['web'])
  })

  it('the organisation withdraws through the API and the case page; others cannot', async () => {
    const f = await file()
    expect((await api(rt, 'POST', `/api/v1/consents/${f.consentId}/withdraw`, other.token)).status).toBe(404)
    expect((await api(rt, 'POST', `/api/v1/consents/${f.consentId}/withdraw`, monitor.token)).status).toBe(403)
    expect((await api(rt, 'POST', '/api/v1/consents/nope/withdraw', ngo.token)).status).toBe(404)
    const res = await api(rt, 'POST', `/api/v1/consents/${f.consentId}/withdraw`, ngo.token)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { consent: { status: string; withdrawnBy: string } }).consent).toMatchObject({
      status: 'withdrawn',
      withdrawnBy: 'organisation',
    })
    expect((await api(rt, 'POST', `/api/v1/consents/${f.consentId}/withdraw`, ngo.token)).status).toBe(409)
    expect(audit('consent_withdrawn')).toEqual([
      { actor_id: ngo.id, data: JSON.stringify({ consentId: f.consentId, by: 'organisation' }) },
    ])

    const g = await file()
    const s = await login(rt, ngo)
    const caseId = (rt.db.prepare('SELECT id FROM cases WHERE reference = ?').get(g.reference) as { id: string }).id
    const page = await (await rt.app.request(`/console/cases/${caseId}`, { headers: { cookie: s.cookie } })).text()
    expect(page).toContain(`/console/cases/${caseId}/consents/${g.consentId}/withdraw`)
    const posted = await postForm(rt, `/console/cases/${caseId}/consents/${g.consentId}/withdraw`, s, {})
    expect(posted.status).toBe(303)
    expect((rt.db.prepare('SELECT status FROM consents WHERE id = ?').get(g.consentId) as { status: string }).status).toBe('withdrawn')
    // A case with no consent: nothing to withdraw, and another organisation's case is 404.
    const plain = await insertCase(rt)
    expect((await postForm(rt, `/console/cases/${plain.id}/consents/${g.consentId}/withdraw`, s, {})).status).toBe(404)
  })

  it('the worker withdraws with a keypad choice on the voice line', async () => {
    const es = tFor('es')
    const f = await file()
    const call = new Caller(rt, { from: '+5214775550177' })
    const prompt = await call.press(await call.press(await call.start(), '2'), '2')
    const status = await call.press(prompt, f.receipt.replace(/ /g, ''))
    expect(spoken(status)).toContain(es('voice:check.withdraw'))
    const done = await call.press(status, '9')
    expect(spoken(done)).toContain(es('voice:check.withdrawn'))
    expect(done.verbs.at(-1)).toBe('Hangup')
    expect(audit('consent_withdrawn').map((r) => JSON.parse(r.data))).toEqual([
      { consentId: f.consentId, by: 'worker', via: 'voice' },
    ])
    // Called again: nothing left to withdraw, so 9 is not offered.
    const again = new Caller(rt, { from: '+5214775550177' })
    const st2 = await again.press(await again.press(await again.press(await again.start(), '2'), '2'), f.receipt.replace(/ /g, ''))
    expect(spoken(st2)).not.toContain(es('voice:check.withdraw'))
  })

  it('reads the withdraw keyword in each language', () => {
    expect(command('WITHDRAW 1234 5678 9012 3456')).toEqual({ kind: 'withdraw', lang: 'en', receipt: '1234567890123456' })
    expect(command('retirar 1234-5678-9012-3456')).toEqual({ kind: 'withdraw', lang: 'es', receipt: '1234567890123456' })
    expect(command('Retirer: 1234567890123456')).toEqual({ kind: 'withdraw', lang: 'fr', receipt: '1234567890123456' })
    expect(command('retirer')).toEqual({ kind: 'withdraw', lang: 'fr', receipt: undefined })
  })
})
