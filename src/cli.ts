/**
 * @module cli
 * `npm run hotline -- <command>`. Node only. Commands live in src/cli/.
 */
import { keysGenerate, purge, seed, staffAdd, staffToken } from './cli/admin.js'
import { auditCheckpoint, auditVerify } from './cli/audit.js'
import { backup, restore } from './cli/backup.js'
import { facilitiesImport } from './cli/facilities.js'
import { identityOpen, originalOpen, voiceOpen } from './cli/custodian.js'
import { evidenceOpen, evidenceRelease } from './cli/evidence.js'
import { migrate } from './cli/migrate.js'
import { redactionMissesCommand } from './cli/redaction-misses.js'
import { cliTarget } from './cli/runtime.js'
import { seedBench } from './cli/seed-bench.js'
import { statsK, statsLattice, statsPublic, statsRefresh, statsShow } from './cli/stats.js'
import {
  staffDisable,
  staffEnable,
  staffList,
  staffTokenList,
  staffTokenRevoke,
  staffTotpReset,
} from './cli/staff.js'

const USAGE = `usage: npm run hotline -- <command>
  keys generate [--out custodian.key]      new custodian key pair and DATA_KEY
  identity open --key FILE --case REF      open a sealed identity (custodian, offline; needs an
                                           approved identity request for the case)
  voice open --key FILE --case REF --out DIR
                                           write a case's sealed recordings as .wav (custodian;
                                           needs an approved voice request for the case)
  evidence open --key FILE --case REF --evidence ID --out DIR
                                           write one evidence file, stripped (custodian; needs an
                                           approved request for that file; docs/evidence.md)
  evidence release --key FILE --request ID release the key of one approved request's file, so
                                           the staff member who asked can open it once in the
                                           console (custodian; docs/evidence.md)
  original open --case REF                 print the reporter's original words (needs an
                                           approved original request; uses DATA_KEY)
                                           (an approval opens once, and expires)
  staff add --role R --email E [--name N] [--password P] [--scope S]... [--exclude EMPLOYER]...
                                           prints a one-time TOTP enrolment code
                                           --role ngo needs --org "NAME" (created if new, with
                                           [--org-kind union|ngo|legal_aid|worker_centre]
                                           [--org-country CC]... [--org-based EU|CA|US]...)
  staff list                               accounts: role (organisation), scope, state, TOTP, tokens
  staff disable --email E                  no more sign-in; ends its sessions, revokes its tokens
  staff enable --email E                   undo staff disable (tokens stay revoked)
  staff token --email E [--label L]        print a new API token
  staff token list [--email E]             tokens by id (never the token itself)
  staff token revoke --id ID               revoke a token
  staff totp reset --email E               clear its TOTP, end its sessions, print a new
                                           enrolment code
  purge                                    run the retention purge now
  migrate [--status]                       apply pending schema migrations (or list them)
  backup --out FILE                        copy the database while the server runs (0600 file)
  restore --from FILE [--force]            put a backup in place (--force to replace a database)
  audit verify [--checkpoint LINE]         check the audit log's hash chain and head, and that it
                                           still holds what a checkpoint line proves (exit 1 if not)
  audit checkpoint                         print a keyed line (seq:hash:mac) to keep off the server
  facilities import FILE.csv               load or update the facility registry (docs/facilities.md);
                                           one bad row and nothing is written
  seed demo                                demo monitors and cases (development only)
  seed bench --cases N                     a realistic caseload of N cases for benchmarks
                                           (development only)
  redaction misses --out FILE              spans reviewers masked in escalation packages, as a
                                           corpus for npm run eval:redaction -- --corpus FILE
  stats show                               the statistics' k, public page switch and lattice
  stats k N                                set k (3 to 100): smaller figures show as "<k"
  stats public on|off                      publish the public figures page, or stop
  stats lattice DIM,DIM,…                  the dimensions every figure is built from
  stats refresh                            rebuild the statistics snapshot now
  --edge (with any command)                work on the local D1 of \`npm run dev:edge\` (its
                                           .wrangler state and .dev.vars keys), not the SQLite file`

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  'keys generate': keysGenerate,
  'identity open': identityOpen,
  'voice open': voiceOpen,
  'original open': originalOpen,
  'evidence open': evidenceOpen,
  'evidence release': evidenceRelease,
  'staff add': staffAdd,
  'staff token': staffToken,
  'audit verify': auditVerify,
  'audit checkpoint': () => auditCheckpoint(),
  'staff list': () => staffList(),
  'staff disable': staffDisable,
  'staff enable': staffEnable,
  'staff token list': staffTokenList,
  'staff token revoke': staffTokenRevoke,
  'staff totp reset': staffTotpReset,
  'seed demo': () => seed(),
  'seed bench': seedBench,
  'facilities import': facilitiesImport,
  purge: () => purge(),
  migrate: (args) => migrate(args),
  backup: (args) => backup(args),
  restore: (args) => restore(args),
  'redaction misses': redactionMissesCommand,
  'stats show': () => statsShow(),
  'stats k': statsK,
  'stats public': statsPublic,
  'stats lattice': statsLattice,
  'stats refresh': () => statsRefresh(),
}

async function main(all: string[]) {
  // `--edge` anywhere: the command works on the local D1 of `npm run dev:edge` (cli/edge.ts).
  const argv = all.filter((a) => a !== '--edge')
  cliTarget.edge = argv.length !== all.length
  // The longest command that matches: `staff token list` before `staff token`.
  for (const words of [3, 2, 1]) {
    const run = argv.length >= words ? COMMANDS[argv.slice(0, words).join(' ')] : undefined
    if (run) return run(argv.slice(words))
  }
  console.error(USAGE)
  process.exitCode = 2
}

main(process.argv.slice(2)).catch((err: Error) => {
  console.error(`hotline: ${err.message}`)
  process.exitCode = 1
})
