/**
 * @module test/redact-spoken
 * Numbers spoken as words (in groups, one by one, compound) are read as digits before the phone
 * and identifier detectors; document numbers with no keyword; Quebec street addresses. Hand-made
 * cases of the miss kinds of issue 19, through the public `redact`.
 */
import { describe, expect, it } from 'vitest'
import { fold } from '../src/privacy/fold.js'
import { redact } from '../src/privacy/redact.js'
import { spokenView } from '../src/privacy/redact/spoken.js'

const r = (text: string, lang: 'en' | 'es' | 'fr' = 'es'): string => redact(text, lang).text
const view = (text: string): string | undefined => spokenView(text, fold(text))?.text

describe('spoken numbers read as digits', () => {
  it.each([
    ['seis veinticinco, cuarenta y ocho, diecinueve, treinta y dos', '6 25 48 19 32'],
    ['cuatro mil doscientos doce', '4212'],
    ['soixante-dix-huit, quatre-vingt-douze, dix-sept', '78 92 17'],
    ['zéro sept, vingt et un, soixante et onze', '07 21 71'],
    ['five oh three, double four', '503 44'],
    ['one one seven, four two, nine', '117 42 9'],
    ['nineteen hundred and five', '1905'],
    ['mil novecientos ochenta', '1980'],
  ])('%s', (text, digits) => {
    expect(view(text)).toBe(digits)
  })

  it('leaves small counts alone', () => {
    expect(view('tengo dos hijos y trabajo doce horas')).toBeUndefined()
  })
})

describe('spoken phone numbers and identifiers', () => {
  it.each([
    ['es', 'mi numero es seis veinticinco, cuarenta y ocho, diecinueve, treinta y dos gracias', 'mi numero es [PHONE-1] gracias'],
    ['en', 'call me at one one seven, four two, nine eight, five five, six ok', 'call me at [PHONE-1] ok'],
    ['fr', 'mon numéro zéro sept, soixante-dix-huit, quatre-vingt-douze, dix-sept, vingt et un merci', 'mon numéro [PHONE-1] merci'],
    ['es', 'mi número de gafete es cuatro mil doscientos doce y no me pagan', 'mi número de gafete es [ID-1] y no me pagan'],
    ['en', 'my employee number is forty-two eighteen ninety and they fired me', 'my employee number is [ID-1] and they fired me'],
    ['en', 'my badge number is four four one two and they fired me', 'my badge number is [ID-1] and they fired me'],
  ] as const)('%s: %s', (lang, text, expected) => {
    expect(r(text, lang)).toBe(expected)
  })

  it('keeps dates, amounts and counts spoken as words', () => {
    for (const text of [
      'desde dos mil veinte nos pagan mil doscientos pesos por semana',
      'on est quatre-vingts ouvriers et soixante et onze femmes',
      'we worked twelve hours a day for three hundred dollars',
    ]) expect(r(text)).toBe(text)
  })
})

describe('document numbers with no keyword', () => {
  it('redacts letter-and-digit document numbers', () => {
    expect(r('they kept my U104738265 and her P4829173B', 'en')).toBe('they kept my [ID-1] and her [ID-2]')
  })

  it('keeps product and order codes, and amounts', () => {
    for (const text of [
      'the machine model X1234567 broke, order #AB1234567',
      'la pieza ref. AB1234567 sale mal',
      'they charged USD120000 for the visa',
    ]) expect(r(text, 'en')).toBe(text)
  })
})

describe('Quebec street addresses', () => {
  it.each([
    ['J’habite au 4520, rue Jarry Est, app. 6 à Montréal.', 'J’habite au [ADDRESS-1] à Montréal.'],
    ['Écrivez-moi au 88 boul. Saint-Laurent Ouest.', 'Écrivez-moi au [ADDRESS-1].'],
    ['mon adresse: 4520 rue jarry est app 6', 'mon adresse: [ADDRESS-1]'],
  ])('%s', (text, expected) => {
    expect(r(text, 'fr')).toBe(expected)
  })

  it('keeps a street named without a number', () => {
    const text = 'On travaille 12 heures, rue des Oliviers'
    expect(r(text, 'fr')).toBe(text)
  })
})

describe('the 12-07 batch miss kinds (hand-made variants)', () => {
  it.each([
    // hesitations and a spoken dash inside a number, "plus" as the international prefix
    ['en', 'call me, uh, six one three, uh, four four two, uh, eight eight one nine ok', 'call me, uh, [PHONE-1] ok'],
    ['en', 'my social is two one seven, dash, three three, dash, one four five six thanks', 'my social is [ID-1] thanks'],
    ['fr', "c'est plus cinq cent neuf, trente-huit, onze, quarante-deux, zéro six, merci", "c'est [PHONE-1], merci"],
    ['es', 'mi número de gafete es, eh, tres mil ochocientos diez, de la planta', 'mi número de gafete es, eh, [ID-1], de la planta'],
    ['fr', 'matricule, euh, six mille deux cent quarante et un, à la scierie', 'matricule, euh, [ID-1], à la scierie'],
    // spoken e-mail with a local part of several words, and a spoken profile link
    ['en', 'email me at j torres four four at gmail dot com please', 'email me at [EMAIL-1] please'],
    ['es', 'mi correo es rosa guion bajo diaz treinta arroba hotmail punto com, gracias', 'mi correo es [EMAIL-1], gracias'],
    ['fr', 'écrivez à marie point tremblay arobase gmail point com', 'écrivez à [EMAIL-1]'],
    ['en', 'see my page facebook dot com slash ana dot cruz dot 77 for photos', 'see my page [URL-1] for photos'],
    // file references and health cards
    ['en', 'my file is ESB-21-00917 at the branch', 'my file is [ID-1] at the branch'],
    ['es', 'la carpeta es CI-TX-0456/2023 en la fiscalía', 'la carpeta es [ID-1] en la fiscalía'],
    ['es', 'el expediente en la Junta es 2231/2022 y nada', 'el expediente en la Junta es [ID-1] y nada'],
    ['fr', "ma carte d'assurance maladie : GAGM 7703 2218.", "ma carte d'assurance maladie : [ID-1]."],
    // trailer parks and spoken house numbers
    ['en', 'we live at 310 Bayou Rd, Trailer 4 and pay rent', 'we live at [ADDRESS-1] and pay rent'],
    ['en', 'we stay at 9 Cypress Trailer Park, Lot 12 with six guys', 'we stay at [ADDRESS-1] with six guys'],
    ['fr', "j'habite au trois mille deux cent dix, rue Fleury Ouest, et je travaille", "j'habite au [ADDRESS-1], et je travaille"],
  ])('%s: %s', (lang, text, expected) => {
    expect(r(text, lang as 'en' | 'es' | 'fr')).toBe(expected)
  })

  it('keeps visa and form names, counts and dates', () => {
    for (const text of ['we are H-2A workers since 2019-2020', 'the I-9 form and COVID-19 rules', 'pagan 1 500 el 12/05/2024']) {
      expect(r(text, 'en')).toBe(text)
    }
  })
})

describe('names and facts of the 12-07 miss kinds (hand-made variants)', () => {
  it.each([
    ['en', 'We pick for the Novaks on their apple farm near Yakima', 'We pick for the [NAME-1] on their apple farm near Yakima'],
    ['en', 'I cleaned for the Van Houtens at their house for two years', 'I cleaned for the [NAME-1] at their house for two years'],
    ['en', "the crew leader 'Tiny' on the onion crew yells at us", "the crew leader '[NAME-1]' on the onion crew yells at us"],
    ['fr', 'le recruteur, un homme appelé Tonton Issa, prend nos papiers', 'le recruteur, un homme appelé [NAME-1], prend nos papiers'],
    ['es', 'trabajamos en el rancho de los Echeverría en Zamora', 'trabajamos en el rancho de los [NAME-1] en Zamora'],
  ])('%s: %s', (lang, text, expected) => {
    expect(r(text, lang as 'en' | 'es' | 'fr')).toBe(expected)
  })

  it('keeps teams, events, places after a place word and groups after a count', () => {
    for (const [lang, text] of [
      ['en', 'we came for the Olympics and stayed'],
      ['en', 'we work for the Williams Farms in Ohio'],
      ['fr', 'plantation hévéa Bonoua, 5 manoeuvres malades'],
      ['fr', 'il a pris les papiers de trois Maliens hier'],
      ['es', 'la empresa Hilos Ceibeños cerró la línea'],
    ] as const) expect(r(text, lang)).toBe(text)
  })
})

describe('lower-case names and verbs after a name phrase', () => {
  it('takes a lower-case full name whose first word is also a word', () => {
    expect(r('so, um, rosa elena martínez got her hand caught', 'en')).toBe('so, um, [NAME-1] got her hand caught')
  })
  it('keeps a verb after "his name was" in text with capitals, and a short name', () => {
    expect(r('When he protested, his name was removed from the list.', 'en')).toBe('When he protested, his name was removed from the list.')
    expect(r('Hi, my name is fred and I work', 'en')).toBe('Hi, my name is [NAME-1] and I work')
  })
})
