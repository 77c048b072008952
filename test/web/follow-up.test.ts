import { RECEIPT_FAILURES_NETWORK } from '../../src/privacy/rate-limit.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addStaffMessage } from '../../src/cases/reporter.js'
import { getForm, postForm, textOf, tokenIn, unescape, VALID_REPORT } from '../helpers/forms.js'
import { makeRuntime, postJson, type TestRuntime } from '../helpers/runtime.js'

let rt: TestRuntime
beforeEach(async () => {
  rt = await makeRuntime({ remoteAddress: '192.0.2.77' })
})
afterEach(() => rt.close())

/** File a report through the web form; returns its receipt and case id. */
async function fileOne(lang: 'en' | 'es' | 'fr') {
  const { token } = await getForm(rt, `/${lang}/report`)
  const html = await (await postForm(rt, `/${lang}/report`, { ...VALID_REPORT, token })).text()
  const receipt = textOf(html, 'receipt')!
  const kase = await rt.deps.sql.get<{ id: string }>(
    'SELECT id FROM cases ORDER BY rowid DESC LIMIT 1',
  )
  return { receipt, caseId: kase!.id }
}

async function openCase(lang: string, receipt: string, headers: Record<string, string> = {}) {
  const { token } = await getForm(rt, `/${lang}/follow-up`)
  return postForm(rt, `/${lang}/follow-up`, { token, receipt }, headers)
}

describe('follow-up pages', () => {
  it('shows status and question, takes one answer, keeps the receipt out of URLs', async () => {
    const { receipt, caseId } = await fileOne('es')
    await addStaffMessage(rt.deps, caseId, null, '¿En qué turno trabaja?')
    const res = await openCase('es', receipt.replace(/ /g, '-'))
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('set-cookie')).toBeNull()
    const html = await res.text()
    expect(textOf(html, 'status')).toBe('Recibida. Una persona la leerá pronto.')
    expect(html).toContain('¿En qué turno trabaja?')
    expect(html).toContain('La persona que revisa su denuncia le hizo una pregunta.')
    expect(html).toContain('Recibida el 25 de noviembre de 2026.')
    expect(html).toContain(`name="receipt" value="${receipt}"`)
    expect(html).toContain('action="/es/follow-up/reply"')
    expect(html).not.toMatch(/action="[^"]*\d{4}/)

    rt.clock.advance(60_000)
    const token = tokenIn(html, '/es/follow-up/reply')
    const empty = await postForm(rt, '/es/follow-up/reply', { token, receipt, body: '   ' })
    expect(empty.status).toBe(400)
    const emptyHtml = await empty.text()
    expect(textOf(emptyHtml, 'body-error')).toBe('Por favor, llene este dato.')

    const answer = 'El turno de noche, <desde> marzo & "más"'
    const sent = await postForm(rt, '/es/follow-up/reply', { token, receipt, body: answer })
    expect(sent.status).toBe(200)
    const sentHtml = await sent.text()
    expect(sentHtml).toContain('Su respuesta se envió.')
    expect(unescape(sentHtml)).toContain(answer)
    expect(sentHtml).not.toContain('La persona que revisa su denuncia le hizo una pregunta.')
    const again = await postForm(rt, '/es/follow-up/reply', { token, receipt, body: answer })
    expect(again.status).toBe(200)
    const rows = await rt.deps.sql.all<{ channel: string; direction: string }>(
      "SELECT channel, direction FROM case_messages WHERE direction = 'from_reporter'",
    )
    expect(rows).toEqual([{ channel: 'web', direction: 'from_reporter' }])
  })

  it('shows a wrong receipt next to the field, and limits wrong tries exactly like the API', async () => {
    const first = await openCase('fr', '1234 5678 9012 3456')
    expect(first.status).toBe(404)
    const html = await first.text()
    expect(unescape(textOf(html, 'receipt-error')!)).toBe(
      'Aucun signalement ne correspond à ce reçu. Vérifiez les 16 chiffres et réessayez.',
    )
    expect(html).toMatch(/id="receipt"[^>]*value="1234 5678 9012 3456"/)
    const short = await openCase('fr', '1234')
    expect(textOf(await short.text(), 'receipt-error')).toBe('Un reçu a 16 chiffres.')
    for (let i = 0; i < RECEIPT_FAILURES_NETWORK.max - 3; i++)
      expect((await openCase('fr', `0000 0000 0000 ${String(i).padStart(4, '0')}`)).status).toBe(404)
    // the last wrong try of the budget goes through the API: the same counter
    expect(
      (await postJson(rt, '/api/v1/follow-up', { receipt: '9999 9999 9999 9999' })).status,
    ).toBe(404)
    const limited = await openCase('fr', '1111 2222 3333 4444')
    expect(limited.status).toBe(429)
    expect(unescape(textOf(await limited.text(), 'receipt-error')!)).toBe(
      "Trop d'essais. Attendez un peu et réessayez.",
    )
    expect(
      (await postJson(rt, '/api/v1/follow-up', { receipt: '1111 2222 3333 4444' })).status,
    ).toBe(429)
    // the reply route is limited too
    const reply = await postForm(rt, '/fr/follow-up/reply', {
      token: 'x',
      receipt: '1111 2222 3333 4444',
      body: 'x',
    })
    expect(reply.status).toBe(429)
    rt.clock.advance(3_600_001)
    expect((await openCase('fr', '1111 2222 3333 4444')).status).toBe(404)
    expect(rt.logs.join('\n')).not.toMatch(/1111|1234 5678/)
  })

  it('does not count an empty receipt as a wrong try', async () => {
    const res = await openCase('en', '')
    expect(res.status).toBe(400)
    expect(textOf(await res.text(), 'receipt-error')).toBe('Please fill this in.')
    const n = await rt.deps.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM rate_limits')
    expect(n!.n).toBe(0)
  })

  it('refuses a foreign origin and a bad token', async () => {
    const { receipt } = await fileOne('en')
    expect((await openCase('en', receipt, { origin: 'https://evil.example' })).status).toBe(403)
    const noToken = await postForm(rt, '/en/follow-up', { receipt })
    expect(noToken.status).toBe(400)
    expect(await noToken.text()).toContain('This form was open for a long time.')
    const badReply = await postForm(rt, '/en/follow-up/reply', {
      token: 'nope',
      receipt,
      body: 'Night shift',
    })
    expect(badReply.status).toBe(400)
    const html = await badReply.text()
    expect(html).toContain('Night shift')
    expect(textOf(html, 'body-error')).toBe(
      'This form was open for a long time. Your answers are still here. Check them and send again.',
    )
    const n = await rt.deps.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM case_messages')
    expect(n!.n).toBe(0)
  })
})

describe('privacy of the web path', () => {
  it('writes no contact detail, receipt or address in plaintext (database, WAL, log)', async () => {
    const name = 'Guadalupe Hernández Ríos'
    const phone = '+52 1 477 555 0199'
    const email = 'lupita.hr@correo-ejemplo.mx'
    const { token } = await getForm(rt, '/es/report')
    const filed = await postForm(rt, '/es/report', {
      ...VALID_REPORT,
      token,
      contactName: name,
      contactPhone: phone,
      contactEmail: email,
      consentToContact: 'yes',
    })
    const receipt = textOf(await filed.text(), 'receipt')!
    const kase = await rt.deps.sql.get<{ id: string }>('SELECT id FROM cases')
    await addStaffMessage(rt.deps, kase!.id, null, '¿Cuántos?')
    const open = await openCase('es', receipt)
    const reply = {
      token: tokenIn(await open.text(), '/es/follow-up/reply'),
      receipt,
      body: 'Doce.',
    }
    expect((await postForm(rt, '/es/follow-up/reply', reply)).status).toBe(200)
    const written = rt.writtenBytes().toString('utf8') + rt.writtenBytes().toString('latin1')
    const digits = phone.replace(/\D/g, '')
    for (const needle of [
      name,
      'Guadalupe',
      email,
      'lupita.hr',
      phone,
      digits,
      receipt,
      receipt.replace(/ /g, ''),
      '192.0.2.77',
    ]) {
      expect(written.includes(needle), `found ${needle}`).toBe(false)
    }
  })
})
