/**
 * @module cli
 * `npm run hotline -- <command>`. Node only. Commands live in src/cli/.
 */
import { auditVerify, keysGenerate, purge, seed, staffAdd, staffToken } from './cli/admin.js'
import { backup, restore } from './cli/backup.js'
import { identityOpen, originalOpen, voiceOpen } from './cli/custodian.js'
import { migrate } from './cli/migrate.js'
import { seedBench } from './cli/seed-bench.js'

const USAGE = `usage: npm run hotline -- <command>
  keys generate [--out custodian.key]      new custodian key pair and DATA_KEY
  identity open --key FILE --case REF      open a sealed identity (custodian, offline; needs an
                                           approved identity request for the case)
  voice open --key FILE --case REF --out DIR
                                           write a case's sealed recordings as .wav (custodian;
                                           needs an approved voice request for the case)
  original open --case REF                 print the reporter's original words (needs an
                                           approved original request; uses DATA_KEY)
  staff add --role R --email E [--name N] [--password P] [--scope S]... [--exclude EMPLOYER]...
  staff token --email E [--label L]        print a new API token
  purge                                    run the retention purge now
  migrate [--status]                       apply pending schema migrations (or list them)
  backup --out FILE                        copy the database while the server runs (0600 file)
  restore --from FILE [--force]            put a backup in place (--force to replace a database)
  audit verify                             check the audit log's hash chain (exit 1 if broken)
  seed demo                                demo monitors and cases (development only)
  seed bench --cases N                     a realistic caseload of N cases for benchmarks
                                           (development only)`

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  'keys generate': keysGenerate,
  'identity open': identityOpen,
  'voice open': voiceOpen,
  'original open': originalOpen,
  'staff add': staffAdd,
  'staff token': staffToken,
  'audit verify': () => auditVerify(),
  'seed demo': () => seed(),
  'seed bench': seedBench,
  purge: () => purge(),
  migrate: (args) => migrate(args),
  backup: (args) => backup(args),
  restore: (args) => restore(args),
}

async function main(argv: string[]) {
  const [cmd = '', sub = '', ...rest] = argv
  const run = COMMANDS[`${cmd} ${sub}`] ?? (COMMANDS[cmd] && (() => COMMANDS[cmd]!(argv.slice(1))))
  if (!run) {
    console.error(USAGE)
    process.exitCode = 2
    return
  }
  await run(rest)
}

main(process.argv.slice(2)).catch((err: Error) => {
  console.error(`hotline: ${err.message}`)
  process.exitCode = 1
})
