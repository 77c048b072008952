/**
 * @module cli/migrate
 * `migrate [--status]`: apply pending migrations to the SQLite file, or list them. The server
 * applies them at start too; this runs them (or shows them) without starting it.
 */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { MIGRATIONS_DIR, openDatabaseFile } from '../node/boot.js'
import { applyMigrations, migrationStatus, readMigrations } from '../store/sqlite-migrate.js'

export async function migrate(args: string[]) {
  const { values } = parseArgs({ args, options: { status: { type: 'boolean', default: false } } })
  const db = openDatabaseFile(resolve(process.env.DATABASE_PATH ?? './data/hotline.db'))
  try {
    const all = readMigrations(MIGRATIONS_DIR)
    if (values.status) {
      for (const m of migrationStatus(db, all)) console.log(`${m.appliedAt ? 'applied' : 'pending'}  ${m.name}${m.appliedAt ? `  ${m.appliedAt}` : ''}`)
      return
    }
    const applied = applyMigrations(db, all)
    console.log(applied.length ? `applied ${applied.length}: ${applied.join(', ')}` : 'up to date')
  } finally {
    db.close()
  }
}
