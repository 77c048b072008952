import { describe, expect, it } from 'vitest'
import {
  chosenLanguage,
  command,
  detectLanguage,
  finishWord,
  isOptIn,
  languageSwitch,
  menuChoice,
  yesNo,
} from '../../src/channels/sms/keywords.js'

describe('SMS keywords', () => {
  it('recognises the carrier opt-out list and Spanish and French opt-out words, whole message only', () => {
    for (const w of [
      'STOP',
      'stop',
      'StopAll',
      'UNSUBSCRIBE',
      'CANCEL',
      'END',
      'QUIT',
      'REVOKE',
      'OPTOUT',
      ' stop. ',
    ]) {
      expect(command(w), w).toEqual({ kind: 'optout', lang: undefined })
    }
    expect(command('ALTO')).toEqual({ kind: 'optout', lang: 'es' })
    expect(command('Arrêt')).toEqual({ kind: 'optout', lang: 'fr' })
    expect(command('ARRETE')).toEqual({ kind: 'optout', lang: 'fr' })
    expect(command('please stop the abuse')).toBeUndefined()
    for (const w of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(command(w), w).toBeUndefined()
      expect(chosenLanguage(w), w).toBeUndefined()
      expect(languageSwitch(w), w).toBeUndefined()
    }
    expect(['START', 'unstop', 'Yes'].every(isOptIn)).toBe(true)
    expect(command('START')).toBeUndefined() // only meaningful to a sender who opted out
  })

  it('recognises HELP, the status word with a receipt, and a receipt followed by an answer', () => {
    expect(command('HELP')).toEqual({ kind: 'help', lang: undefined })
    expect(command('ayuda')).toEqual({ kind: 'help', lang: 'es' })
    expect(command('Aide')).toEqual({ kind: 'help', lang: 'fr' })
    expect(command('ESTADO 1234 5678 9012 3456')).toEqual({
      kind: 'status',
      lang: 'es',
      receipt: '1234567890123456',
    })
    expect(command('statut: 1234-5678-9012-3456')).toEqual({
      kind: 'status',
      lang: 'fr',
      receipt: '1234567890123456',
    })
    expect(command('STATUS 1234567890123456')).toEqual({
      kind: 'status',
      lang: undefined,
      receipt: '1234567890123456',
    })
    expect(command('estado')).toEqual({ kind: 'status', lang: 'es', receipt: undefined })
    expect(command('Estado de las cosas en la planta')).toBeUndefined()
    expect(command('1234 5678 9012 3456')).toEqual({ kind: 'status', receipt: '1234567890123456' })
    expect(command('1234 5678 9012 3456 Somos 40.')).toEqual({
      kind: 'answer',
      receipt: '1234567890123456',
      text: 'Somos 40.',
    })
    expect(command('1234567890123456: night shift')).toEqual({
      kind: 'answer',
      receipt: '1234567890123456',
      text: 'night shift',
    })
    expect(command('12345678901234567 too many digits')).toBeUndefined()
    expect(command('Nos deben 1500 pesos')).toBeUndefined()
  })

  it('picks a language from the menu, a greeting, or clear free text, and no other', () => {
    expect(chosenLanguage('1')).toBe('en')
    expect(chosenLanguage(' 2 ')).toBe('es')
    expect(chosenLanguage('3')).toBe('fr')
    expect(chosenLanguage('¡HOLA!')).toBe('es')
    expect(chosenLanguage('Bonjour')).toBe('fr')
    expect(chosenLanguage('hi')).toBe('en')
    expect(chosenLanguage('Español')).toBe('es')
    expect(chosenLanguage('ok')).toBeUndefined()
    expect(chosenLanguage('4')).toBeUndefined()
    expect(detectLanguage('No nos pagan las horas extra desde hace meses')).toBe('es')
    expect(
      detectLanguage("On ne nous paie pas depuis trois mois, le chef dit qu'il n'a pas d'argent"),
    ).toBe('fr')
    expect(detectLanguage('They did not pay us for the overtime and the boss threatens us')).toBe(
      'en',
    )
    expect(detectLanguage('la de a')).toBeUndefined()
    expect(detectLanguage('😀😀')).toBeUndefined()
    expect(languageSwitch('FRANÇAIS')).toBe('fr')
    expect(languageSwitch('hola')).toBeUndefined()
  })

  it('reads menu numbers, yes and no, and finish words', () => {
    expect(menuChoice('3', 11)).toBe(3)
    expect(menuChoice(' #11. ', 11)).toBe(11)
    expect(menuChoice('12', 11)).toBeUndefined()
    expect(menuChoice('0', 11)).toBeUndefined()
    expect(menuChoice('tres', 11)).toBeUndefined()
    expect([
      yesNo('SI'),
      yesNo('Sí, claro'),
      yesNo('oui'),
      yesNo('YES please'),
      yesNo('1'),
    ]).toEqual([true, true, true, true, true])
    expect([yesNo('no'), yesNo('NON merci'), yesNo('No, gracias'), yesNo('2')]).toEqual([
      false,
      false,
      false,
      false,
    ])
    expect(yesNo('quizás')).toBeUndefined()
    expect(yesNo('si me pagan menos de lo que dice el contrato colectivo')).toBeUndefined()
    expect(finishWord('LISTO')).toEqual({ finished: true, rest: '' })
    expect(finishWord('fin')).toEqual({ finished: true, rest: '' })
    expect(finishWord("C'est tout")).toEqual({ finished: true, rest: '' })
    expect(finishWord('Done.')).toEqual({ finished: true, rest: '' })
    expect(finishWord('Nos gritan todos los días. LISTO')).toEqual({
      finished: true,
      rest: 'Nos gritan todos los días.',
    })
    expect(finishWord('el trabajo no está listo')).toEqual({
      finished: false,
      rest: 'el trabajo no está listo',
    })
  })
})
