/**
 * `node --import tsx bench/intake-stages.ts [--n 2000]`: the API intake's stages timed in one
 * process (no HTTP, no load generator), so that each cut can be checked on a shared machine:
 * CPU ms per call of each stage of intake/file-report over the annotated corpus, after filing
 * N reports into a fresh database (the monitor pick and the inserts see a growing caseload).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getCatalog } from '../src/catalog/index.js'
import { fileReport, rightsFor, REPORTS_PER_SOURCE } from '../src/intake/file-report.js'
import { validateSubmission, type Submission } from '../src/intake/schema.js'
import { intakeVocabulary } from '../src/intake/vocabulary.js'
import { silentLogger } from '../src/log.js'
import { bootNode } from '../src/node/boot.js'
import { startCheckpointer } from '../src/node/checkpointer.js'
import { consume } from '../src/privacy/rate-limit.js'
import { protectTypedFields } from '../src/privacy/typed-fields.js'
import { pickMonitor } from '../src/routing/assign.js'
import { rankedCodes } from '../src/routing/rank.js'
import { matchStatements } from '../src/facilities/match.js'
import en from '../test/fixtures/grievances.en.json' with { type: 'json' }
import es from '../test/fixtures/grievances.es.json' with { type: 'json' }
import fr from '../test/fixtures/grievances.fr.json' with { type: 'json' }

const i = process.argv.indexOf('--n')
const N = i >= 0 ? Number(process.argv[i + 1]) : 2000
const dir = mkdtempSync(join(tmpdir(), 'hotline-stages-'))
const rt = await bootNode({ HOTLINE_ENV: 'development', DATABASE_PATH: join(dir, 'hotline.db') }, { log: silentLogger })
const deps = rt.deps
const vocab = intakeVocabulary(getCatalog())
const subs: Submission[] = [...es, ...fr, ...en]
  .filter((r) => r.text.length >= 10)
  .map((r) => {
    const v = validateSubmission(
      { language: r.lang, country: r.lang === 'fr' ? 'CI' : r.lang === 'en' ? 'US' : 'MX', employer: 'Autopartes del Bajío', description: r.text },
      vocab,
      deps.clock.now(),
    )
    if (!v.ok) throw new Error('invalid fixture')
    return v.value
  })

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }
async function time(name: string, f: (s: Submission, k: number) => unknown): Promise<void> {
  const t0 = cpu()
  for (let k = 0; k < N; k++) await f(subs[k % subs.length]!, k)
  console.log(`${name.padEnd(28)} ${((cpu() - t0) / N).toFixed(3)} ms`)
}
// The case's batch, timed inside fileReport (main-thread wall time, ~CPU on one core).
let batchMs = 0
const batch = deps.sql.batch.bind(deps.sql)
deps.sql.batch = async (st) => { const t = performance.now(); try { return await batch(st) } finally { batchMs += performance.now() - t } }
if (process.argv.includes('--checkpointer')) startCheckpointer(rt.db, join(dir, 'hotline.db'), silentLogger)
// Warm up and fill the database first.
await time('fileReport (whole)', (s, k) => fileReport(deps, s, { channel: 'api', source: `10.0.${k >> 8 & 255}.${k & 255}` }))
await time('fileReport (whole, again)', (s, k) => fileReport(deps, s, { channel: 'api', source: `10.1.${k >> 8 & 255}.${k & 255}` }))
deps.sql.batch = async (st) => st.map(() => ({ changes: 1 }))
await time('fileReport without batch', (s, k) => fileReport(deps, s, { channel: 'api', source: `10.3.${k >> 8 & 255}.${k & 255}` }))
deps.sql.batch = batch
console.log(`${'  of which the batch'.padEnd(28)} ${(batchMs / N / 2).toFixed(3)} ms (wall)`)
await time('validateSubmission', (s) => validateSubmission({ ...s }, vocab, 0))
await time('rate limit (consume)', (_s, k) => consume(deps, REPORTS_PER_SOURCE, `10.2.${k >> 8 & 255}.${k & 255}`))
await time('protectTypedFields', (s) => protectTypedFields(deps.crypto, 'x', s, s.language))
await time('rightsFor', (s) => rightsFor(s))
const rights = subs.map((s) => rightsFor(s))
await time('rankedCodes', (s, k) => rankedCodes(getCatalog(), { country: s.country, sector: s.sector, rights: rights[k % subs.length]!, text: s.description, lang: s.language }))
await time('pickMonitor', (s, k) => pickMonitor(deps.sql, { country: s.country, sector: s.sector, employer: s.employer, commitments: [], rights: rights[k % subs.length]! }))
await time('matchStatements', (s) => matchStatements(deps, 'x', 0, s))
await time('seal + encrypt', (s) => { deps.crypto.sealIdentity({ phone: '+5215512345678' }); deps.crypto.encrypt(s.description, 'case:x') })
rt.db.close()
rmSync(dir, { recursive: true, force: true })
