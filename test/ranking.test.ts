/**
 * @module test/ranking
 * Ranked commitments: a case carries its commitments primary first, at most five, from its own
 * rights × country × sector × ratification, never from every keyword echo. The three reports of
 * issue 14 go through the real stack (a web report with one box ticked, an SMS about child
 * labour, a voice call where the caller pressed "wages"), and a property test checks the ranking
 * over every country, sector and set of rights.
 */
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getCatalog, RIGHTS } from '../src/catalog/index.js'
import { caseByReceipt } from '../src/cases/reporter.js'
import { rightsFor } from '../src/intake/file-report.js'
import type { Submission } from '../src/intake/schema.js'
import { MAX_COMMITMENTS, rankCommitments, rankedCodes } from '../src/routing/rank.js'
import { login, makeStaff } from './console/setup.js'
import { makeRuntime, postJson, type TestRuntime } from './helpers/runtime.js'
import { newSid } from './helpers/twilio-sign.js'
import { Phone, receiptIn } from './sms/phone.js'
import { Caller, heardReceipt } from './voice/call.js'

const catalog = getCatalog()

describe('rankCommitments', () => {
  it('puts the Annex 31-A Denial of Rights first for a union firing at a covered Mexican auto plant, with Annex 23-A and the LFT', () => {
    const got = rankedCodes(catalog, {
      country: 'MX',
      sector: 'auto_parts',
      rights: ['freedom_of_association'],
      text: 'Despidieron a los que apoyamos al sindicato independiente.',
      lang: 'es',
    })
    expect(got[0]).toBe('usmca.31a.dor')
    expect(got).toEqual(expect.arrayContaining(['usmca.23a.2.a', 'mx.lft.cfcrl']))
    expect(got.length).toBeLessThanOrEqual(MAX_COMMITMENTS)
  })

  it('picks the precise article from the words: a pregnancy → 23.9, a first contract nobody voted → Annex 23-A 2(e)', () => {
    const pregnant = { country: 'MX', sector: 'agriculture', rights: ['discrimination'], lang: 'es' as const }
    expect(rankedCodes(catalog, { ...pregnant, text: 'Me despidieron por estar embarazada.' })[0]).toBe('usmca.23.9')
    expect(rankedCodes(catalog, { ...pregnant, text: 'A los indígenas nos pagan menos.' })).not.toContain('usmca.23.9')
    const vote = 'Hay contrato colectivo pero nunca votamos y no nos dieron copia.'
    expect(
      rankedCodes(catalog, { country: 'MX', sector: 'agriculture', rights: ['freedom_of_association'], text: vote, lang: 'es' })[0],
    ).toBe('usmca.23a.2.e')
  })

  it('lets violence tied to a union campaign lead with Art. 23.7', () => {
    const got = rankedCodes(catalog, {
      country: 'US',
      sector: 'auto_parts',
      rights: ['freedom_of_association', 'violence'],
      text: 'They slashed my tires after we filed for a union election.',
    })
    expect(got[0]).toBe('usmca.23.7')
  })

  it('ranks over any country, sector and rights: at most five, no meta or definition, only the case’s own rights and agreements, best first', () => {
    const countries = [...Object.keys(catalog.countries), 'BR']
    const sectors = [...Object.keys(catalog.sectors), undefined]
    const facets = Object.keys(catalog.facets)
    fc.assert(
      fc.property(
        fc.constantFrom(...countries),
        fc.constantFrom(...sectors),
        fc.uniqueArray(fc.constantFrom(...RIGHTS), { maxLength: 5 }),
        fc.uniqueArray(fc.constantFrom(...facets), { maxLength: 4 }),
        (country, sector, rights, fs) => {
          const ranked = rankCommitments(catalog, { country, sector, rights, facets: new Set(fs) })
          expect(ranked.length).toBeLessThanOrEqual(MAX_COMMITMENTS)
          expect(new Set(ranked.map((r) => r.commitment.code)).size).toBe(ranked.length)
          const agreements = catalog.countries[country]?.agreements ?? ['ilo']
          for (const r of ranked) {
            const c = r.commitment
            expect(c.meta).not.toBe(true)
            expect(c.kind).not.toBe('definition')
            expect(agreements).toContain(c.agreement)
            if (c.requires?.countries) expect(c.requires.countries).toContain(country)
            expect(r.rights.length).toBeGreaterThan(0)
            for (const x of r.rights) expect(rights).toContain(x)
            if (c.requires?.facets) expect(c.requires.facets.some((f) => fs.includes(f))).toBe(true)
          }
          for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score)
        },
      ),
      { numRuns: 400 },
    )
  })
})

describe('the rights of a case come from the text only when it supports them', () => {
  const sub = (description: string, language: 'en' | 'es' | 'fr' = 'es', rights?: string[]) =>
    ({ language, country: 'MX', employer: 'X', description, consentToContact: false, rights }) as Submission

  it('drops a topic the reporter rules out, and a weak hint', () => {
    const text = 'Me despidieron y no me dieron mi finiquito. No tiene nada que ver con el sindicato.'
    expect(rightsFor(sub(text))).not.toContain('freedom_of_association')
    expect(rightsFor(sub(text))).toContain('wages')
  })

  it('keeps a voice call to the caller’s keypad choice: the description is the hotline’s own note', () => {
    const note = '[Declaración de voz: 2 min 14 s, cifrada]\nProblema escogido con el teclado: Salario y prestaciones.'
    expect(rightsFor(sub(note, 'es', ['wages']), false)).toEqual(['wages'])
  })
})

describe('cases store their ranked commitments (real stack)', () => {
  let rt: TestRuntime
  beforeEach(async () => {
    rt = await makeRuntime()
  })
  afterEach(() => rt.close())

  const row = async (id: string) =>
    (await rt.deps.sql.get<{ rights: string; commitments: string }>(
      'SELECT rights, commitments FROM cases WHERE id = ?',
      id,
    ))!
  const stored = async (receipt: string) => {
    const kase = await caseByReceipt(rt.deps, receipt)
    const r = await row(kase!.id)
    return { id: kase!.id, rights: JSON.parse(r.rights) as string[], commitments: JSON.parse(r.commitments) as string[] }
  }

  it('a web report with one box ticked carries a handful of commitments, primary first', async () => {
    const res = await postJson(rt, '/api/v1/reports', {
      language: 'es',
      country: 'MX',
      sector: 'auto_parts',
      employer: 'Autopartes del Bajío',
      description: 'Despidieron a los que apoyamos al sindicato independiente. Nos amenazaron.',
      rights: ['freedom_of_association'],
      consentToContact: false,
    })
    expect(res.status).toBe(201)
    const c = await stored(((await res.json()) as { receipt: string }).receipt)
    expect(c.commitments[0]).toBe('usmca.31a.dor')
    expect(c.commitments.length).toBeLessThanOrEqual(MAX_COMMITMENTS)
    expect(c.commitments).toEqual(
      rankedCodes(catalog, {
        country: 'MX',
        sector: 'auto_parts',
        rights: c.rights,
        text: 'Despidieron a los que apoyamos al sindicato independiente. Nos amenazaron.',
        lang: 'es',
      }),
    )

    // The console names each with its agreement in the reader's language and marks the primary.
    const admin = await makeStaff(rt, 'admin', 'admin@example.org')
    const session = await login(rt, admin)
    const page = await (await rt.app.request(`/console/cases/${c.id}?lang=es`, { headers: { cookie: session.cookie } })).text()
    const list = page.slice(page.indexOf('<ol id="commitments">'), page.indexOf('</ol>', page.indexOf('<ol id="commitments">')))
    expect(list.match(/<li>/g)?.length).toBe(c.commitments.length)
    expect(list).toMatch(/^<ol id="commitments"><li><span class="tag">Principal<\/span> <strong>T-MEC, Anexo 31-A/)
    expect(list).not.toContain('USMCA')
  })

  it('an SMS about child labour carries no sex-discrimination article and no ILO C100', async () => {
    const phone = new Phone(rt, '+5214775550199', { fromCountry: 'MX', toCountry: 'MX' })
    await phone.say('HOLA')
    await phone.say('OK')
    await phone.say('3') // child labour
    await phone.say('Empacadora del Valle')
    await phone.say('Irapuato')
    await phone.say('En el empaque trabajan niñas de 13 años con las mujeres, de noche.')
    await phone.say('LISTO')
    const c = await stored(receiptIn(await phone.say('no')))
    expect(c.rights[0]).toBe('child_labor')
    expect(c.rights).not.toContain('discrimination')
    expect(c.commitments[0]).toBe('usmca.23.3.1.c')
    expect(c.commitments).not.toContain('usmca.23.9')
    expect(c.commitments).not.toContain('ilo.c100')
  })

  it('a voice call where the caller pressed "wages" gets wage commitments only', async () => {
    const call = new Caller(rt)
    const main = await call.press(await call.start(), '2') // Spanish
    const problems = await call.press(main, '1') // report
    const rec = await call.press(problems, '5') // pay and benefits
    const workers = await call.record(rec, newSid('RE'), 61)
    const callback = await call.press(workers, '3')
    const c = await stored(heardReceipt(await call.press(callback, '2')))
    expect(c.rights).toEqual(['wages'])
    for (const code of c.commitments) expect(catalog.byCode.get(code)!.rights).toContain('wages')
    expect(c.commitments[0]).toBe('usmca.23.3.2.wages')
  })
})
