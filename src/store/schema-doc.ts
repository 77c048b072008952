/**
 * @module store/schema-doc
 * schema.sql, the readable whole schema, is generated from migrations/ (the one source): the
 * migrations are applied to an empty SQLite database and every table, index and trigger is written out as
 * SQLite now holds it, in creation order, with the comment that stood before it in its migration.
 * `npm run schema` writes the file; test/migrations.test.ts fails when it is stale.
 */
import Database from 'better-sqlite3'
import type { Migration } from './sqlite-migrate.js'

const HEADER = `-- GENERATED from migrations/ by \`npm run schema\`: do not edit; add a migration instead.
-- The whole schema, to read. Node applies migrations/ at start (tracked in d1_migrations, as
-- wrangler does on D1).
-- Nothing here holds a reporter's identity in plaintext: identities are sealed to the
-- custodian (identity_sealed), originals are encrypted with a server key (*_enc),
-- phone numbers exist only as keyed hashes (*_hash). Times are Unix milliseconds, coarse: rows
-- tied to a reporter's action hold the minute (kept under a day) or the UTC day (kept longer);
-- the rowid orders rows within a day (src/clock.ts).
`

/** The comment block right before each `CREATE TABLE|INDEX name` in the migrations. */
function leadingComments(migrations: Migration[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const m of migrations) {
    const lines = m.sql.split('\n')
    lines.forEach((line, i) => {
      const c = /^CREATE\s+(?:VIRTUAL\s+TABLE|TABLE|INDEX|TRIGGER)\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)/i.exec(line)
      if (!c || out.has(c[1]!)) return
      const block: string[] = []
      for (let j = i - 1; j >= 0 && /^--/.test(lines[j]!); j--) block.unshift(lines[j]!)
      // A migration's header right before its table describes that table: keep it, unprefixed.
      if (block.length) block[0] = block[0]!.replace(/^-- Migration \d{4}: (\w)/, (_, a: string) => `-- ${a.toUpperCase()}`)
      if (block.length) out.set(c[1]!, block.join('\n'))
    })
  }
  return out
}

/** Split at top-level commas (column definitions can hold `CHECK (x IN ('a', 'b'))`). */
function topLevel(list: string): string[] {
  const parts: string[] = []
  let depth = 0
  let quote = false
  let cur = ''
  for (const ch of list) {
    if (ch === "'") quote = !quote
    if (!quote && ch === '(') depth++
    if (!quote && ch === ')') depth--
    if (!quote && depth === 0 && ch === ',') {
      parts.push(cur.trim())
      cur = ''
    } else cur += ch
  }
  if (cur.trim()) parts.push(cur.trim())
  return parts
}

/** SQLite appends ALTERed columns as `\n, a INTEGER, b TEXT)`: one per line, like the rest. */
function tidy(sql: string): string {
  const m = /\n, ([\s\S]*)\)$/.exec(sql)
  if (!m) return sql
  const added = topLevel(m[1]!).map((c) => `,\n  ${c}`).join('')
  return `${sql.slice(0, m.index)}${added}\n)`
}

const ifNotExists = (sql: string) =>
  sql.replace(/^CREATE (TABLE|INDEX|UNIQUE INDEX|TRIGGER|VIRTUAL TABLE) (?!IF NOT EXISTS)/, 'CREATE $1 IF NOT EXISTS ')

export function schemaFromMigrations(migrations: Migration[]): string {
  const db = new Database(':memory:')
  try {
    for (const m of migrations) db.exec(m.sql)
    const comments = leadingComments(migrations)
    const rows = db
      .prepare(
        // Not the shadow tables of a virtual table (FTS5, migration 0014): creating it makes them.
        `SELECT type, name, tbl_name, sql FROM sqlite_master m WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
          AND NOT EXISTS (SELECT 1 FROM pragma_table_list t WHERE t.schema = 'main' AND t.name = m.name AND t.type = 'shadow')
          ORDER BY rowid`,
      )
      .all() as { type: string; name: string; tbl_name: string; sql: string }[]
    const entry = (r: (typeof rows)[number]) => {
      const comment = comments.get(r.name)
      return `${comment ? `${comment}\n` : ''}${ifNotExists(tidy(r.sql))};\n`
    }
    let out = HEADER
    // Tables in the order they were made, each followed by its indexes, then the triggers.
    for (const table of rows.filter((r) => r.type === 'table')) {
      out += `\n${entry(table)}`
      for (const index of rows.filter((r) => r.type === 'index' && r.tbl_name === table.name)) out += entry(index)
    }
    const triggers = rows.filter((r) => r.type === 'trigger')
    if (triggers.length) out += `\n${triggers.map(entry).join('')}`
    return out
  } finally {
    db.close()
  }
}
