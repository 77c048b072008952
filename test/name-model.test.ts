/**
 * @module test/name-model
 * The learned name tagger (`catalog/name-model.json`) must be the one `npm run train:redaction`
 * builds from the current corpus and settings: the stored corpus hash must match the fixtures,
 * and re-training in memory must give the same bytes (this also catches changes to the
 * features, the tokenizer or the lexicons the model reads). Then the tagger's behaviour through
 * `redact`: names no rule has a cue for, combined with the rules, and facts that must stay.
 * Accuracy is measured by the cross-validation `npm run train:redaction` prints.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildModelFile, corpus, corpusHash, MODEL_PATH } from '../scripts/train-redaction.js'
import { redact } from '../src/privacy/redact.js'
import { compileNameModel } from '../src/privacy/redact/tagger.js'

const stale = 'catalog/name-model.json is stale: run `npm run train:redaction` and commit it'

describe('name model file', () => {
  const stored = readFileSync(MODEL_PATH, 'utf8')

  it('was trained on the current corpus', () => {
    const header = JSON.parse(stored) as { corpus: { sha256: string; messages: number } }
    const items = corpus()
    expect(header.corpus.sha256, stale).toBe(corpusHash(items))
    expect(header.corpus.messages, stale).toBe(items.length)
  })

  it('is byte-identical to a fresh training run', () => {
    expect(buildModelFile() === stored, stale).toBe(true)
  }, 60_000)

  it('stays small', () => {
    expect(stored.length).toBeLessThan(300_000)
  })
})

describe('names the rules have no cue for', () => {
  it('joins a capitalised word the tagger leans to (score above JOIN) to the rules\' name beside it', () => {
    // A model that gives every word the same slightly negative score: below the threshold, above JOIN.
    const lean = compileNameModel({ format: 1, corpus: { sha256: '', messages: 0 }, training: {}, threshold: 100, scale: 100, common: [], weights: { b: -100 } })
    const text = 'Nos dijo que Xitlali Ortega Tzunún no volvería a trabajar.'
    expect(redact(text, 'es', { tagger: lean }).text).toBe('Nos dijo que [NAME-1] no volvería a trabajar.')
    expect(redact(text, 'es', { tagger: null }).text).toBe('Nos dijo que Xitlali Ortega [NAME-1] no volvería a trabajar.')
  })

  it.each([
    ['en', 'We were with kevin when the truck crashed.', 'We were with [NAME-1] when the truck crashed.'],
    ['es', 'La patrona le grita a lupita todos los días.', 'La patrona le grita a [NAME-1] todos los días.'],
    ['fr', 'Le chef a frappé frantz devant tout le monde.', 'Le chef a frappé [NAME-1] devant tout le monde.'],
  ] as const)('finds a known given name in lower case in text with capitals (%s)', (lang, text, expected) => {
    expect(redact(text, lang).text).toBe(expected)
  })

  it('keeps given names that are ordinary words in lower case after a determiner', () => {
    for (const [lang, text] of [['fr', 'Il a jeté une pierre sur le camion.'], ['es', 'Nos dieron una casa linda pero sin agua.']] as const) {
      expect(redact(text, lang).text).toBe(text)
    }
  })

  it('finds known given names in text with no capitals', () => {
    expect(redact('kevin from the night crew told me frantz was hurt, lupita too', 'en').text)
      .toBe('[NAME-1] from the night crew told me [NAME-2] was hurt, [NAME-3] too')
  })

  it.each([
    ['es', 'Trabajo en la casa de los Castañeda en Monterrey, la patrona no me paga', 'Trabajo en la casa de los [NAME-1] en Monterrey, la patrona no me paga'],
    ['en', 'I clean for the Whitmore family in Greenwich and they keep my passport', 'I clean for the [NAME-1] family in Greenwich and they keep my passport'],
    ['fr', 'Je travaille chez les Traoré à Cocody depuis 2019', 'Je travaille chez les [NAME-1] à Cocody depuis 2019'],
  ] as const)('an employer household (%s)', (lang, text, expected) => {
    expect(redact(text, lang).text).toBe(expected)
  })

  it('keeps one placeholder for a person the rules and the tagger both see', () => {
    const out = redact('Me llamo Rigoberta Xitumul. Xitumul es mi apellido.', 'es').text
    expect(out).toBe('Me llamo [NAME-1]. [NAME-1] es mi apellido.')
  })
})

describe('facts that stay', () => {
  it.each([
    ['fr', "le chef y'a poussé une fille contre le convoyeur hier", "y'a poussé une fille contre le convoyeur"],
    ['fr', 'madame garde mon passeport depuis mars', 'madame garde mon passeport'],
    ['fr', 'Madame Diallo garde mon passeport depuis mars', 'garde mon passeport'],
    ['en', 'We pack for Keystone Cold Storage in South Georgia', 'Keystone Cold Storage'],
    ['es', 'la planta de Textiles Santa Lucía en San Juan Chamula', 'Textiles Santa Lucía'],
  ] as const)('%s: %s', (lang, text, fact) => {
    expect(redact(text, lang).text).toContain(fact)
  })
})
