/**
 * @module node/demo-password
 * Development only: the demo staff password of this install. Random, made once and kept in a
 * 0600 file beside the database (`demo-password`), so the server's first start and
 * `seed demo` use the same one and print it to the console; never a published password, never
 * written through the JSON logger.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { Seeded } from '../seed.js'

/** The file that keeps the demo password, beside the database. */
export function demoPasswordFile(databasePath: string): string {
  return join(dirname(resolve(databasePath)), 'demo-password')
}

/** The install's demo password, made with `make()` and written (0600) when there is none yet. */
export function ensureDemoPassword(
  databasePath: string,
  make: () => string,
): { password: string; file: string; created: boolean } {
  const file = demoPasswordFile(databasePath)
  if (existsSync(file)) {
    const password = readFileSync(file, 'utf8').trim()
    if (password.length >= 12) return { password, file, created: false }
    throw new Error(`${file} does not hold a demo password: delete it to make a new one`)
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  const password = make()
  writeFileSync(file, `${password}\n`, { mode: 0o600, flag: 'wx' })
  return { password, file, created: true }
}

/** What the console shows after seeding: the password, where it is kept, each enrolment code. */
export function describeSeeded(seeded: Seeded, demo: { password: string; file: string }): string {
  const lines = [
    `hotline: demo data seeded (${seeded.staff} staff accounts, ${seeded.cases} cases).`,
    `hotline: demo password for every demo account (kept in ${demo.file}): ${demo.password}`,
  ]
  if (seeded.enrolCodes.length > 0) {
    const width = Math.max(...seeded.enrolCodes.map((e) => e.email.length))
    lines.push(
      'hotline: one-time TOTP enrolment codes, valid 7 days (a new one: npm run hotline -- staff totp reset --email E):',
      ...seeded.enrolCodes.map((e) => `  ${e.email.padEnd(width)}  ${e.code}`),
    )
  }
  return lines.join('\n')
}
