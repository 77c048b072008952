/**
 * Intake reads a report's text once (routing/classify `evidence`) and ranks it twice, with and
 * without the reporter's choices. The ranking must be exactly what `classify` gives, on the
 * whole annotated corpus, with no choice, one choice and two.
 */
import { describe, expect, it } from 'vitest'
import { classify, evidence, rankEvidence, RIGHTS } from '../src/routing/classify.js'
import en from './fixtures/grievances.en.json' with { type: 'json' }
import es from './fixtures/grievances.es.json' with { type: 'json' }
import fr from './fixtures/grievances.fr.json' with { type: 'json' }

const corpus = [...es, ...fr, ...en] as { text: string; lang: 'es' | 'fr' | 'en' }[]

describe('classify evidence, computed once', () => {
  it('ranks every corpus message exactly as classify does, with and without choices', () => {
    expect(corpus.length).toBeGreaterThan(100)
    corpus.forEach((m, i) => {
      const e = evidence(m.text, m.lang)
      const chosen = [[], [RIGHTS[i % RIGHTS.length]!], [RIGHTS[i % 7]!, RIGHTS[(i + 3) % RIGHTS.length]!]][i % 3]!
      expect(rankEvidence(e)).toEqual(classify(m.text, m.lang))
      expect(rankEvidence(e, chosen)).toEqual(classify(m.text, m.lang, chosen))
      // Ranking twice does not change the evidence.
      expect(rankEvidence(e, chosen)).toEqual(classify(m.text, m.lang, chosen))
    })
  })
})
