/**
 * Issue 20, defect 13: the web follow-up forms answer 303 to a page whose URL holds no receipt
 * (Back and Reload resend nothing); the case page is found through a short-lived, encrypted,
 * HttpOnly cookie; the reporter is told why their own reply shows [PHONE-1].
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tFor } from '../../src/i18n/index.js'
import { getForm, postForm, textOf, tokenIn, unescape, VALID_REPORT } from '../helpers/forms.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'

let rt: TestRuntime
beforeEach(async () => {
  rt = await makeRuntime({ remoteAddress: '192.0.2.78' })
})
afterEach(() => rt.close())

async function fileOne(): Promise<string> {
  const { token } = await getForm(rt, '/es/report')
  const html = await (await postForm(rt, '/es/report', { ...VALID_REPORT, token })).text()
  return textOf(html, 'receipt')!
}

const cookieOf = (res: Response) => res.headers.getSetCookie().find((l) => l.startsWith('hl_followup='))

describe('web follow-up: redirect after POST (issue 20, defect 13)', () => {
  it('answers the receipt form with 303 to a URL without the receipt, and shows the case there', async () => {
    const receipt = await fileOne()
    const digits = receipt.replace(/\D/g, '')
    const { token } = await getForm(rt, '/es/follow-up')
    const res = await postForm(rt, '/es/follow-up', { token, receipt }, {}, { follow: false })
    expect(res.status).toBe(303)
    const to = res.headers.get('location')!
    expect(to).toBe('/es/follow-up/case')
    const set = cookieOf(res)!
    expect(set).toMatch(/HttpOnly/i)
    expect(set).toMatch(/SameSite=Strict/i)
    expect(set).toMatch(/Path=\/es\/follow-up/)
    expect(set).toMatch(/Max-Age=1800/)
    const value = set.split(';')[0]!.slice('hl_followup='.length)
    expect(decodeURIComponent(value)).not.toContain(digits.slice(0, 8))
    const cookie = set.split(';')[0]!

    // The page, reloaded, is a GET: nothing to resubmit.
    for (let i = 0; i < 2; i++) {
      const page = await rt.app.request(to, { headers: { cookie } })
      expect(page.status).toBe(200)
      expect(page.headers.get('cache-control')).toBe('no-store')
      const html = await page.text()
      expect(textOf(html, 'status')).toBe(tFor('es')('followup:status.new'))
    }

    // Answering is a POST too: 303 to the case page with a notice, the receipt never in a URL.
    const page = await (await rt.app.request(to, { headers: { cookie } })).text()
    const replyToken = tokenIn(page, '/es/follow-up/reply')
    const sent = await postForm(
      rt,
      '/es/follow-up/reply',
      { token: replyToken, receipt, body: 'Mi número es 477 123 4567, llámenme en la tarde.' },
      { cookie },
      { follow: false },
    )
    expect(sent.status).toBe(303)
    expect(sent.headers.get('location')).toBe('/es/follow-up/case?done=sent')
    const after = unescape(await (await rt.app.request('/es/follow-up/case?done=sent', { headers: { cookie } })).text())
    expect(after).toContain(tFor('es')('web:followUp.sent'))
    // The reporter reads their own reply as staff do, and is told why.
    expect(after).toContain('Mi número es [PHONE-1]')
    expect(textOf(after, 'redacted-note')).toBe(tFor('es')('web:followUpCase.redacted'))
  })

  it('shows the receipt form, not a case, without a valid cookie: none, forged, expired, or after closing', async () => {
    const receipt = await fileOne()
    const { token } = await getForm(rt, '/es/follow-up')
    const res = await postForm(rt, '/es/follow-up', { token, receipt }, {}, { follow: false })
    const cookie = cookieOf(res)!.split(';')[0]!
    const expired = tFor('es')('web:followUpCase.expired')
    const none = unescape(await (await rt.app.request('/es/follow-up/case')).text())
    expect(none).toContain(expired)
    expect(none).toContain('action="/es/follow-up"')
    const forged = `${cookie.slice(0, -4)}AAAA`
    expect(unescape(await (await rt.app.request('/es/follow-up/case', { headers: { cookie: forged } })).text())).toContain(expired)

    const leave = await rt.app.request('/es/follow-up/leave', { method: 'POST', headers: { cookie } })
    expect(leave.status).toBe(303)
    expect(cookieOf(leave)).toMatch(/Max-Age=0/)

    rt.clock.advance(31 * 60_000)
    const late = unescape(await (await rt.app.request('/es/follow-up/case', { headers: { cookie } })).text())
    expect(late).toContain(expired)
    expect(late).not.toContain(tFor('es')('followup:status.new'))
  })

  it('a wrong receipt gets the form again with its error and no cookie', async () => {
    const { token } = await getForm(rt, '/es/follow-up')
    const res = await postForm(rt, '/es/follow-up', { token, receipt: '1111 2222 3333 4444' }, {}, { follow: false })
    expect(res.status).toBe(404)
    expect(cookieOf(res)).toBeUndefined()
  })
})
