import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LANGS } from '../../src/i18n/languages.js'
import {
  getForm,
  postForm,
  textOf,
  tokenIn,
  unescape,
  VALID_REPORT,
  type Fields,
} from '../helpers/forms.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'

let rt: TestRuntime
beforeEach(async () => {
  rt = await makeRuntime({ remoteAddress: '203.0.113.50' })
})
afterEach(() => rt.close())

const countCases = async () =>
  (await rt.deps.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM cases'))!.n

/** Control ids (inputs other than hidden, selects, textareas) and label targets of a page. */
function controlsAndLabels(html: string) {
  const controls = [...html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)]
    .filter((m) => !/type="hidden"/.test(m[2]!))
    .map((m) => /\bid="([^"]+)"/.exec(m[2]!)?.[1] ?? '(no id)')
  const labels = new Set([...html.matchAll(/<label for="([^"]+)"/g)].map((m) => m[1]))
  return { controls, labels }
}

describe('GET /{lang}/report', () => {
  it.each([...LANGS])(
    'renders the form in %s with a label for every control',
    async (lang) => {
      const res = await rt.app.request(`/${lang}/report`)
      expect(res.status).toBe(200)
      const html = await res.text()
      expect(html.startsWith('<!doctype html>')).toBe(true)
      expect(html).toContain(`<html lang="${lang}">`)
      expect(html.match(/<h1>/g)).toHaveLength(1)
      const { controls, labels } = controlsAndLabels(html)
      expect(controls.length).toBeGreaterThan(25)
      for (const id of controls) expect(labels.has(id), `label for ${id}`).toBe(true)
      expect(html).toContain(`action="/${lang}/report"`)
      expect(html).not.toMatch(/<script|\sstyle=|https?:\/\//)
      for (const code of ['MX', 'CI', 'auto_parts', 'freedom_of_association', 'other'])
        expect(html).toContain(`value="${code}"`)
    },
  )
})

describe('POST /{lang}/report', () => {
  it('files the report (channel web) and shows the receipt once, never cached', async () => {
    const { token } = await getForm(rt, '/es/report')
    const res = await postForm(rt, '/es/report', {
      ...VALID_REPORT,
      token,
      contactName: 'Lupe',
      consentToContact: 'yes',
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('set-cookie')).toBeNull()
    const html = await res.text()
    expect(textOf(html, 'receipt')).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/)
    expect(html).toContain('Escriba ahora estos 16 números en un papel.')
    const row = await rt.deps.sql.get<Record<string, unknown>>('SELECT * FROM cases')
    expect(row).toMatchObject({
      channel: 'web',
      language: 'es',
      country: 'MX',
      sector: 'auto_parts',
      employer: 'Autopartes del Bajío',
      workers_affected: 12,
      retaliation_feared: 1,
      authorities_notified: 0,
      consent_to_contact: 1,
    })
    expect(JSON.parse(row!.rights_chosen as string)).toEqual(['freedom_of_association', 'wages'])
    expect(row!.identity_sealed).toBeTruthy()
  })

  it('files one case when the same form is sent twice, and shows the receipt again', async () => {
    // More in receipt-replay.test.ts.
    const { token } = await getForm(rt, '/en/report')
    const first = await postForm(rt, '/en/report', { ...VALID_REPORT, token })
    const receipt = textOf(await first.text(), 'receipt')
    const again = await postForm(rt, '/en/report', { ...VALID_REPORT, token })
    expect(again.status).toBe(200)
    expect(textOf(await again.text(), 'receipt')).toBe(receipt)
    expect(await countCases()).toBe(1)
  })

  it('shows translated errors next to each field and keeps what was typed', async () => {
    const { token } = await getForm(rt, '/fr/report')
    const typed = 'Le chef a dit "on ferme" <b>demain</b> & on perd la paie'
    const res = await postForm(rt, '/fr/report', {
      token,
      country: '',
      employer: '   ',
      description: typed,
      rights: ['wages', 'not_a_right'],
      workersAffected: 'beaucoup',
      retaliationFeared: 'yes',
      contactEmail: 'pas-un-email',
      facility: 'Usine 2',
    })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(textOf(html, 'country-error')).toBe('Choisissez un pays dans la liste.')
    expect(textOf(html, 'employer-error')).toBe('Merci de remplir ce champ.')
    expect(textOf(html, 'rights-error')).toBe('Choisissez des problèmes dans la liste.')
    expect(textOf(html, 'workersAffected-error')).toBe('Écrivez un nombre entier, par exemple 40.')
    expect(unescape(textOf(html, 'contactEmail-error')!)).toMatch(/adresse e-mail/)
    expect(html).toMatch(/id="employer"[^>]*aria-describedby="employer-hint employer-error"/)
    expect(html).toMatch(/id="employer"[^>]*aria-invalid="true"/)
    expect(html).toContain('Vérifiez ces réponses')
    expect(html).toContain('href="#employer"')
    // kept, and escaped
    expect(unescape(textOf(html, 'description')!)).toBe(typed)
    expect(html).not.toContain('<b>demain</b>')
    expect(html).toMatch(/id="rights-wages"[^>]*checked/)
    expect(html).toMatch(/id="retaliationFeared-yes"[^>]*checked/)
    expect(html).toMatch(/id="facility"[^>]*value="Usine 2"/)
    expect(html).toMatch(/id="contactEmail"[^>]*value="pas-un-email"/)
    expect(tokenIn(html)).toBe(token)
    expect(await countCases()).toBe(0)
  })

  it('asks for consent when contact details are given', async () => {
    const { token } = await getForm(rt, '/es/report')
    const res = await postForm(rt, '/es/report', {
      ...VALID_REPORT,
      token,
      contactPhone: '+52 477 123 4567',
    })
    expect(res.status).toBe(400)
    expect(textOf(await res.text(), 'consentToContact-error')).toBe(
      'Marque la casilla para que podamos contactarle, o borre sus datos de contacto.',
    )
  })

  it('reads "1 200" as a number and "I don\'t know" as no answer', async () => {
    const { token } = await getForm(rt, '/en/report')
    const fields: Fields = {
      ...VALID_REPORT,
      token,
      workersAffected: '1 200',
      retaliationFeared: '',
      authoritiesNotified: '',
    }
    expect((await postForm(rt, '/en/report', fields)).status).toBe(200)
    const row = await rt.deps.sql.get<Record<string, unknown>>('SELECT * FROM cases')
    expect(row).toMatchObject({
      workers_affected: 1200,
      retaliation_feared: null,
      authorities_notified: null,
      channel: 'web',
    })
  })

  it('refuses a body over the limit (413)', async () => {
    const { token } = await getForm(rt, '/en/report')
    const res = await postForm(rt, '/en/report', {
      ...VALID_REPORT,
      token,
      description: 'é'.repeat(60_000),
    })
    expect(res.status).toBe(413)
  })
})

describe('CSRF without cookies', () => {
  it('refuses a foreign Origin or a cross-site fetch, and files nothing', async () => {
    const { token } = await getForm(rt, '/en/report')
    const foreign = await postForm(
      rt,
      '/en/report',
      { ...VALID_REPORT, token },
      { origin: 'https://evil.example' },
    )
    expect(foreign.status).toBe(403)
    const cross = await postForm(
      rt,
      '/en/report',
      { ...VALID_REPORT, token },
      { 'sec-fetch-site': 'cross-site' },
    )
    expect(cross.status).toBe(403)
    const sameSite = await postForm(
      rt,
      '/en/report',
      { ...VALID_REPORT, token },
      { 'sec-fetch-site': 'same-site' },
    )
    expect(sameSite.status).toBe(403)
    expect(await countCases()).toBe(0)
  })

  it('accepts our own Origin, a null Origin (no-referrer) and no Origin at all (Tor Browser)', async () => {
    for (const headers of [
      { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
      { origin: 'null', 'sec-fetch-site': 'same-origin' },
      {} as Record<string, string>,
    ]) {
      const { token } = await getForm(rt, '/en/report')
      expect((await postForm(rt, '/en/report', { ...VALID_REPORT, token }, headers)).status).toBe(
        200,
      )
    }
    expect(await countCases()).toBe(3)
  })

  it('accepts the public origin behind a TLS proxy (Origin https, request http)', async () => {
    const { token } = await getForm(rt, '/en/report')
    const res = await postForm(
      rt,
      '/en/report',
      { ...VALID_REPORT, token },
      { origin: 'https://localhost', host: 'localhost' },
    )
    expect(res.status).toBe(200)
  })

  it('keeps the answers and asks again when the token is missing, forged, expired or for another form', async () => {
    const { token } = await getForm(rt, '/es/report')
    const { token: other } = await getForm(rt, '/es/follow-up')
    const [nonce, exp] = token.split('.')
    const bad = [
      '',
      'garbage',
      `${nonce}.${exp}.${'0'.repeat(64)}`,
      `${nonce}.zzzzzzzz.${token.split('.')[2]}`,
      other,
    ]
    for (const t of bad) {
      const res = await postForm(rt, '/es/report', { ...VALID_REPORT, token: t })
      expect(res.status).toBe(400)
      const html = await res.text()
      expect(html).toContain('Este formulario estuvo abierto mucho tiempo.')
      expect(html).toMatch(/id="employer"[^>]*value="Autopartes del Bajío"/)
      expect(tokenIn(html)).not.toBe(t)
    }
    rt.clock.advance(24 * 3_600_000 + 1)
    const expired = await postForm(rt, '/es/report', { ...VALID_REPORT, token })
    expect(expired.status).toBe(400)
    const fresh = tokenIn(await expired.text())
    expect(await countCases()).toBe(0)
    expect((await postForm(rt, '/es/report', { ...VALID_REPORT, token: fresh })).status).toBe(200)
  })
})
