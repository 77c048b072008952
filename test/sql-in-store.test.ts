/**
 * SQL lives behind src/store/: no other source file holds a SQL statement. Comments are removed
 * first (esbuild drops them), so prose about SQL, and user text such as "Select a country", does
 * not count; what is left is code and its string literals, searched for SQL shapes.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { transformSync } from 'esbuild'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..')
const SRC = join(ROOT, 'src')

/** A SQL statement's shape, as whole words. */
const SQL_SHAPE = /\b(SELECT|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b/

/** The only folder allowed to hold SQL. */
const STORE = 'src/store/'

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx|mts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : []
  })
}

/** The file without its comments (types and JSX kept as code: only comments must go). */
function withoutComments(path: string): string {
  const loader = path.endsWith('.tsx') ? 'tsx' : 'ts'
  return transformSync(readFileSync(path, 'utf8'), { loader, legalComments: 'none', jsx: 'preserve' }).code
}

/** Each SQL-shaped line of a file's code, numbered in the comment-free text. */
function sqlLines(path: string): string[] {
  return withoutComments(path)
    .split('\n')
    .flatMap((line, i) => (SQL_SHAPE.test(line) ? [`${i + 1}: ${line.trim()}`] : []))
}

describe('SQL lives behind src/store/', () => {
  const files = sourceFiles(SRC).map((p) => relative(ROOT, p).split('\\').join('/'))

  it('finds the store', () => {
    expect(files.some((f) => f.startsWith(STORE))).toBe(true)
  })

  it('no source file outside src/store/ holds a SQL statement', () => {
    const hits = files
      .filter((f) => !f.startsWith(STORE))
      .flatMap((f) => sqlLines(join(ROOT, f)).map((l) => `${f}:${l}`))
    expect(hits).toEqual([])
  })

  it('would see SQL in a string, but not in a comment or in user text', () => {
    const probe = (code: string) =>
      transformSync(code, { loader: 'ts', legalComments: 'none' })
        .code.split('\n')
        .some((l) => SQL_SHAPE.test(l))
    expect(probe("const q = 'SELECT id FROM cases'")).toBe(true)
    expect(probe('const q = `INSERT OR IGNORE INTO t VALUES (1)`')).toBe(true)
    expect(probe("const q = 'UPDATE cases SET x = 1'")).toBe(true)
    expect(probe("const q = 'DELETE FROM cases'")).toBe(true)
    expect(probe('// SELECT id FROM cases\n/* UPDATE cases SET x */\nconst a = 1')).toBe(false)
    expect(probe("const label = 'Select a country'")).toBe(false)
  })
})
