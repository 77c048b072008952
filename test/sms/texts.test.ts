import { describe, expect, it } from 'vitest'
import { getCatalog } from '../../src/catalog/index.js'
import {
  countryMenu,
  fitMenu,
  formatDate,
  languageMenu,
  problemMenu,
  say,
} from '../../src/channels/sms/messages.js'
import { fitReply, gsmFold, isGsm7, measure } from '../../src/channels/sms/segments.js'
import { LANGS, type Lang } from '../../src/i18n/index.js'
import { REPLY_MAX } from '../../src/cases/reporter.js'
import en from '../../locales/en/sms.json' with { type: 'json' }

describe('segments (GSM 03.38 and UCS-2)', () => {
  it('counts GSM-7 septets, the extension table double, and 153 per concatenated segment', () => {
    expect(measure('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 })
    expect(measure('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 })
    expect(measure('a'.repeat(306)).segments).toBe(2)
    expect(measure('a'.repeat(307)).segments).toBe(3)
    expect(measure('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 })
    // An escape pair is never split: 152 septets then '€' moves to the next segment.
    expect(measure('a'.repeat(152) + '€' + 'a'.repeat(152)).segments).toBe(3)
    expect(measure('¿Qué pasó? Ñandú, Çé ¡ü!').encoding).toBe('UCS-2') // á, ó, ú are not GSM-7
    expect(measure('¿Qué? Ñoño, écoutez là-bas ¡ü!').encoding).toBe('GSM-7')
  })

  it('counts UCS-2 units: 70 in one segment, 67 in each of several; surrogate pairs whole', () => {
    expect(measure('á'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 })
    expect(measure('á'.repeat(71)).segments).toBe(2)
    expect(measure('á'.repeat(134)).segments).toBe(2)
    expect(measure('á'.repeat(135)).segments).toBe(3)
    expect(measure('😀'.repeat(35))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 })
    expect(measure('a'.repeat(66) + '😀' + 'a'.repeat(66)).segments).toBe(3) // 134 units, pair kept whole
    expect(measure('').segments).toBe(0)
  })

  it('folds to GSM-7 only what GSM-7 lacks', () => {
    expect(gsmFold('Línea, número, ¿dónde? Français, être, reçu, «oui»…')).toBe(
      'Linea, numero, ¿donde? Francais, etre, recu, "oui"...',
    )
    expect(gsmFold('é è à ù ñ ü É Ñ Ü ¡¿')).toBe('é è à ù ñ ü É Ñ Ü ¡¿')
    expect(isGsm7(gsmFold('写 😀 Ω'))).toBe(true)
  })

  it('keeps accents when two segments hold the text, folds when they do not', () => {
    const short = fitReply('¿Cómo se llama la empresa?')
    expect(short.text).toBe('¿Cómo se llama la empresa?')
    expect(short.info).toMatchObject({ encoding: 'UCS-2', segments: 1 })
    const long = fitReply('Línea confidencial. '.repeat(10))
    expect(long.info).toMatchObject({ encoding: 'GSM-7', segments: 2 })
    expect(long.text.startsWith('Linea confidencial.')).toBe(true)
  })

  it('shortens the variable part (a monitor question) with an ellipsis until it fits', () => {
    const q = 'Pregunta muy larga sobre el turno de noche y las horas extra. '.repeat(20)
    const r = fitReply((v) => `Estado: recibida. Pregunta: ${v} Responda con su recibo.`, q)
    expect(r.info.segments).toBe(2)
    expect(r.text).toMatch(/\.\.\. Responda con su recibo\.$/)
    expect(r.text.length).toBeGreaterThan(250)
  })
})

/** Every key of the sms namespace, flattened. */
function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}

describe('every SMS reply, in every language, fits in two segments', () => {
  const catalog = getCatalog()
  const receipt = '1234 5678 9012 3456'
  const params = {
    max: REPLY_MAX,
    receipt,
    date: formatDate('es', Date.UTC(2026, 8, 30)),
    status: '',
    question: '',
  }

  function replies(lang: Lang): [string, string][] {
    const out: [string, string][] = keys(en).map((k) => [k, say(lang, k, params)])
    const status = (s: string) =>
      say(lang, 'status.reply', {
        date: formatDate(lang, Date.UTC(2026, 8, 30)),
        status: say(lang, `status.label.${s}`),
      })
    for (const s of Object.keys(en.status.label)) out.push([`status:${s}`, status(s)])
    const long = 'x'.repeat(1000)
    out.push([
      'status+question',
      fitReply(
        (q) => `${status('escalated')} ${say(lang, 'status.question', { question: q })}`,
        long,
      ).text,
    ])
    out.push(['countryMenu', countryMenu(lang, catalog)])
    out.push(['problemMenu', problemMenu(lang, catalog)])
    out.push(['consent.added+ask', `${say(lang, 'consent.added')} ${say(lang, 'consent.ask')}`])
    out.push(['describe.full+ask', `${say(lang, 'describe.full')} ${say(lang, 'consent.ask')}`])
    out.push(['stop (three languages)', LANGS.map((l) => say(l, 'stop')).join(' / ')])
    return out
  }

  it('measures each one (the table is printed for the record)', () => {
    const rows: string[] = [`languageMenu ${JSON.stringify(measure(languageMenu()))}`]
    expect(measure(languageMenu()).segments).toBe(1)
    for (const lang of LANGS) {
      for (const [name, text] of replies(lang)) {
        const fitted = fitReply(text)
        expect(fitted.info.segments, `${lang} ${name}: ${fitted.text}`).toBeLessThanOrEqual(2)
        rows.push(
          `${lang} ${name.padEnd(24)} ${fitted.info.encoding} ${fitted.info.units} units, ${fitted.info.segments} seg${fitted.text === text ? '' : ' (folded)'}`,
        )
      }
    }
    console.log(rows.join('\n'))
  })

  it('shortens catalog titles rather than send a third segment', () => {
    const text = fitMenu(
      'Pick one:',
      Array.from({ length: 11 }, (_, i) => `Problem number ${i} with a very long title indeed`),
    )
    expect(measure(gsmFold(text)).segments).toBe(2)
    expect(text.split('\n')).toHaveLength(12)
  })
})
