import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LANGS, tFor } from '../../src/i18n/index.js'
import { unescape } from '../helpers/forms.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'

let rt: TestRuntime
beforeAll(async () => {
  rt = await makeRuntime()
})
afterAll(() => rt.close())

describe('landing page', () => {
  it.each([...LANGS])(
    'says in %s what is kept, what is not, and how to stay safe',
    async (lang) => {
      const t = tFor(lang)
      const res = await rt.app.request(`/${lang}/`)
      expect(res.status).toBe(200)
      const html = unescape(await res.text())
      expect(html.startsWith('<!doctype html>')).toBe(true)
      expect(html).toContain(`<html lang="${lang}">`)
      for (const key of [
        'web:landing.keptTitle',
        'web:landing.notKeptTitle',
        'web:landing.safeTitle',
        'web:landing.safe.device',
        'web:landing.safe.history',
        'web:landing.safe.receipt',
        'web:landing.notKept.ip',
        'web:landing.notKept.cookies',
        'web:landing.notKept.receipt',
        'web:landing.kept.contact',
      ]) {
        expect(html, key).toContain(t(key))
      }
      expect(html).toContain(`href="/${lang}/report"`)
      expect(html).toContain(`href="/${lang}/follow-up"`)
      // headings in order: one h1, then h2s
      const levels = [...html.matchAll(/<h([1-6])/g)].map((m) => Number(m[1]))
      expect(levels[0]).toBe(1)
      expect(levels.filter((l) => l === 1)).toHaveLength(1)
      for (let i = 1; i < levels.length; i++)
        expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1)
    },
  )

  it('has every web.json key in all three languages', async () => {
    const keys = (o: object, p = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'object' ? keys(v as object, `${p}${k}.`) : [`${p}${k}`],
      )
    const [en, es, fr] = await Promise.all(
      [...LANGS].map(async (l) =>
        keys((await import(`../../locales/${l}/web.json`, { with: { type: 'json' } })).default),
      ),
    )
    expect(es!.sort()).toEqual(en!.sort())
    expect(fr!.sort()).toEqual(en!.sort())
  })
})

describe('language routes from the registry', () => {
  it.each([...LANGS])('/%s/ and /%s answer (no language 404s for a missing route pattern)', async (lang) => {
    expect((await rt.app.request(`/${lang}/`)).status).toBe(200)
    expect((await rt.app.request(`/${lang}/report`)).status).not.toBe(404)
    expect((await rt.app.request(`/${lang}`)).status).toBe(301)
  })
})
