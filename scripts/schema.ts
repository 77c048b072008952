/**
 * `npm run schema`: regenerate schema.sql from migrations/ (src/store/schema-doc.ts).
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { MIGRATIONS_DIR } from '../src/node/boot.js'
import { schemaFromMigrations } from '../src/store/schema-doc.js'
import { readMigrations } from '../src/store/sqlite-migrate.js'

const out = fileURLToPath(new URL('../schema.sql', import.meta.url))
writeFileSync(out, schemaFromMigrations(readMigrations(MIGRATIONS_DIR)))
console.log(`wrote ${out}`)
