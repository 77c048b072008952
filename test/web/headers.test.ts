import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LANGS } from '../../src/i18n/languages.js'
import { addStaffMessage } from '../../src/cases/reporter.js'
import { getForm, postForm, textOf, tokenIn, VALID_REPORT } from '../helpers/forms.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'

let rt: TestRuntime
beforeAll(async () => {
  rt = await makeRuntime({ remoteAddress: '198.51.100.9' })
})
afterAll(() => rt.close())

interface Visited {
  name: string
  res: Response
}

/** Every reporter page, in every language: GETs, and the pages POSTs answer with. */
async function visitAll(): Promise<Visited[]> {
  const out: Visited[] = []
  const get = async (path: string) =>
    out.push({ name: `GET ${path}`, res: await rt.app.request(path) })
  await get('/')
  for (const lang of [...LANGS]) {
    await get(`/${lang}/`)
    await get(`/${lang}/report`)
    await get(`/${lang}/follow-up`)
    const { token } = await getForm(rt, `/${lang}/report`)
    out.push({
      name: `POST /${lang}/report (errors)`,
      res: await postForm(rt, `/${lang}/report`, { token }),
    })
    const filed = await postForm(rt, `/${lang}/report`, { ...VALID_REPORT, token })
    const html = await filed.text()
    out.push({ name: `POST /${lang}/report (receipt)`, res: new Response(html, filed) })
    out.push({
      name: `POST /${lang}/report (duplicate)`,
      res: await postForm(rt, `/${lang}/report`, { ...VALID_REPORT, token }),
    })
    const receipt = textOf(html, 'receipt')!
    const kase = await rt.deps.sql.get<{ id: string }>(
      'SELECT id FROM cases ORDER BY rowid DESC LIMIT 1',
    )
    await addStaffMessage(rt.deps, kase!.id, null, 'Question?')
    const fu = await getForm(rt, `/${lang}/follow-up`)
    const open = await postForm(rt, `/${lang}/follow-up`, { token: fu.token, receipt })
    const caseHtml = await open.text()
    out.push({ name: `POST /${lang}/follow-up (case)`, res: new Response(caseHtml, open) })
    out.push({
      name: `POST /${lang}/follow-up (wrong)`,
      res: await postForm(rt, `/${lang}/follow-up`, { token: fu.token, receipt: '1' }),
    })
    const reply = { token: tokenIn(caseHtml, `/${lang}/follow-up/reply`), receipt, body: 'Answer' }
    out.push({
      name: `POST /${lang}/follow-up/reply`,
      res: await postForm(rt, `/${lang}/follow-up/reply`, reply),
    })
  }
  await get('/es/nothing-here')
  return out
}

describe('response headers of every reporter page', () => {
  it('sends a strict CSP, no-referrer, nosniff and no cookie; pages load nothing from elsewhere', async () => {
    const pages = await visitAll()
    expect(pages.length).toBe(1 + 3 * 9 + 1)
    for (const { name, res } of pages) {
      const h = res.headers
      const csp = h.get('content-security-policy') ?? ''
      expect(csp, name).toContain("default-src 'none'")
      expect(csp, name).toContain("script-src 'self'")
      expect(csp, name).toContain("form-action 'self'")
      expect(csp, name).toContain("frame-ancestors 'none'")
      expect(csp, name).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/)
      expect(h.get('referrer-policy'), name).toBe('no-referrer')
      expect(h.get('x-content-type-options'), name).toBe('nosniff')
      expect(h.get('set-cookie'), name).toBeNull()
      expect(h.get('content-type'), name).toMatch(/^text\/html; charset=UTF-8/i)
      if (name.startsWith('POST')) expect(h.get('cache-control'), name).toBe('no-store')
      const html = await res.text()
      expect(html, name).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i)
      expect(html, name).not.toMatch(/(src|href|action)="(https?:)?\/\//)
    }
    expect(pages.find((p) => p.name === 'GET /es/nothing-here')!.res.status).toBe(404)
  })

  it('serves the stylesheet from the origin', async () => {
    const css = await rt.app.request('/assets/app.css')
    expect(css.status).toBe(200)
    expect(css.headers.get('content-type')).toMatch(/text\/css/)
    expect(await css.text()).not.toMatch(/url\(|@import/)
  })
})

describe('page weight', () => {
  it.each([...LANGS])(
    'keeps the %s report page (HTML + CSS) under 50 KB, with errors shown too',
    async (lang) => {
      const css = (await (await rt.app.request('/assets/app.css')).arrayBuffer()).byteLength
      const { html, token } = await getForm(rt, `/${lang}/report`)
      const page = new TextEncoder().encode(html).byteLength
      const withErrors = (
        await (await postForm(rt, `/${lang}/report`, { token, contactEmail: 'x' })).arrayBuffer()
      ).byteLength
      console.log(
        `[weight] /${lang}/report: html ${page} B + css ${css} B = ${page + css} B; with errors ${withErrors + css} B`,
      )
      expect(page + css).toBeLessThanOrEqual(50 * 1024)
      expect(withErrors + css).toBeLessThanOrEqual(50 * 1024)
    },
  )
})
