import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getForm, postForm, textOf, VALID_REPORT } from '../helpers/forms.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'

let rt: TestRuntime
beforeEach(async () => {
  rt = await makeRuntime({ remoteAddress: '203.0.113.51' })
})
afterEach(() => rt.close())

const countCases = async () =>
  (await rt.deps.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM cases'))!.n

const RECEIPT = /^\d{4} \d{4} \d{4} \d{4}$/

describe('the same report form sent again (the receipt page was lost on the way)', () => {
  it('shows the same receipt again, never cached, and files one case', async () => {
    const { token } = await getForm(rt, '/en/report')
    const first = await postForm(rt, '/en/report', { ...VALID_REPORT, token })
    expect(first.status).toBe(200)
    const receipt = textOf(await first.text(), 'receipt')
    expect(receipt).toMatch(RECEIPT)

    const again = await postForm(rt, '/en/report', { ...VALID_REPORT, token })
    expect(again.status).toBe(200)
    expect(again.headers.get('cache-control')).toBe('no-store')
    const html = await again.text()
    expect(textOf(html, 'receipt')).toBe(receipt)
    expect(html).toContain('Write these 16 digits on paper now.')
    expect(html).not.toContain('We already received this report')
    expect(await countCases()).toBe(1)
  })

  it('shows it in the language of the page sent from, whatever was changed in it', async () => {
    const { token } = await getForm(rt, '/es/report')
    const receipt = textOf(
      await (await postForm(rt, '/es/report', { ...VALID_REPORT, token })).text(),
      'receipt',
    )
    const edited = await postForm(rt, '/fr/report', {
      ...VALID_REPORT,
      token,
      employer: '',
      description: 'Autre chose',
    })
    expect(edited.status).toBe(200)
    const html = await edited.text()
    expect(html).toContain('<html lang="fr">')
    expect(textOf(html, 'receipt')).toBe(receipt)
    const row = await rt.deps.sql.get<{ employer: string; language: string }>(
      'SELECT employer, language FROM cases',
    )
    expect(row).toEqual({ employer: 'Autopartes del Bajío', language: 'es' })
    expect(await countCases()).toBe(1)
  })

  it('answers two sends racing each other with one case and the same receipt', async () => {
    const { token } = await getForm(rt, '/en/report')
    const pages = await Promise.all(
      [1, 2].map(async () => {
        const res = await postForm(rt, '/en/report', { ...VALID_REPORT, token })
        expect(res.status).toBe(200)
        return textOf(await res.text(), 'receipt')
      }),
    )
    expect(pages[0]).toMatch(RECEIPT)
    expect(pages[1]).toBe(pages[0])
    expect(await countCases()).toBe(1)
  })

  it('keeps the remembered receipt encrypted, under a keyed hash of the form nonce', async () => {
    const { token } = await getForm(rt, '/en/report')
    const receipt = textOf(
      await (await postForm(rt, '/en/report', { ...VALID_REPORT, token })).text(),
      'receipt',
    )!
    const rows = await rt.deps.sql.all<{ key: string }>('SELECT key FROM webhook_replies')
    expect(rows).toHaveLength(1)
    const nonce = token.split('.')[0]!
    expect(rows[0]!.key).not.toContain(nonce)
    const written = rt.writtenBytes().toString('latin1')
    for (const needle of [receipt, receipt.replace(/ /g, ''), nonce]) {
      expect(written.includes(needle), `found ${needle}`).toBe(false)
    }
  })

  it('says the receipt cannot be shown again once the remembered one was purged', async () => {
    const { token } = await getForm(rt, '/en/report')
    expect((await postForm(rt, '/en/report', { ...VALID_REPORT, token })).status).toBe(200)
    // The retention purge drops remembered replies after a day; the form token lives as long, so
    // a clock cannot reach this state through the form: drop the reply as the purge would.
    await rt.deps.sql.run('DELETE FROM webhook_replies')
    const again = await postForm(rt, '/en/report', { ...VALID_REPORT, token })
    expect(again.status).toBe(200)
    expect(again.headers.get('cache-control')).toBe('no-store')
    const html = await again.text()
    expect(html).toContain('We already received this report')
    expect(html).toContain('We cannot show the receipt again')
    expect(html).not.toMatch(/\d{4} \d{4} \d{4} \d{4}/)
    expect(await countCases()).toBe(1)
  })
  it('gives the receipt back only for a quarter of an hour (a seized phone keeps its history)', async () => {
    const { token } = await getForm(rt, '/en/report')
    expect((await postForm(rt, '/en/report', { ...VALID_REPORT, token })).status).toBe(200)
    rt.clock.advance(14 * 60_000)
    expect(await (await postForm(rt, '/en/report', { ...VALID_REPORT, token })).text()).toMatch(/\d{4} \d{4} \d{4} \d{4}/)
    rt.clock.advance(2 * 60_000)
    const late = await (await postForm(rt, '/en/report', { ...VALID_REPORT, token })).text()
    expect(late).toContain('We cannot show the receipt again')
    expect(late).not.toMatch(/\d{4} \d{4} \d{4} \d{4}/)
    expect(await countCases()).toBe(1)
  })
})
