/**
 * Issue 20, defect 1: signing in is discoverable from the README, which keeps a two-command quick
 * start, names every demo account and the Bearer header, lists every CLI command of the usage
 * text, and links docs/console.md; no document cites a file that does not exist.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../src/seed.js'

const root = join(import.meta.dirname, '..')
const readme = readFileSync(join(root, 'README.md'), 'utf8')

describe('README and docs (issue 20, defect 1)', () => {
  it('keeps the quick start to two commands', () => {
    const quick = readme.slice(readme.indexOf('## Quick start'))
    const block = /```sh\n([\s\S]*?)```/.exec(quick)![1]!
    expect(block.trim().split('\n')).toHaveLength(2)
  })

  it('says where to sign in, with which accounts, and how scripts authenticate', () => {
    expect(readme).toContain('http://localhost:8787/console')
    for (const a of DEMO_ACCOUNTS) expect(readme, a.email).toContain(a.email)
    expect(readme).toContain('Authorization: Bearer')
    expect(readme).toContain('docs/console.md')
  })

  it('lists every command of the CLI usage text', () => {
    const src = readFileSync(join(root, 'src', 'cli.ts'), 'utf8')
    const usage = src.slice(src.indexOf('const USAGE'), src.indexOf('const COMMANDS'))
    const commands = [...usage.matchAll(/^ {2}([a-z]+(?: [a-z]+){0,2})(?= |$)/gm)].map((m) => m[1]!)
    expect(commands).toContain('audit verify')
    for (const c of commands) expect(readme, c).toContain(`\`${c}`)
  })

  it('cites only files that exist', () => {
    const missing: string[] = []
    const docs = ['README.md', ...readdirSync(join(root, 'docs')).map((f) => join('docs', f))].filter((f) => f.endsWith('.md'))
    for (const doc of docs) {
      const text = readFileSync(join(root, doc), 'utf8')
      // Markdown links to local files, and `docs/…` or `migrations/…` paths in code spans.
      const refs = [
        ...[...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => resolve(root, dirname(doc), m[1]!)),
        ...[...text.matchAll(/`((?:docs|migrations|src|test|scripts)\/[\w./-]+\.\w+)`/g)].map((m) => resolve(root, m[1]!)),
      ].filter((p) => !p.includes('http') && !/NNNN|\*/.test(p))
      for (const p of refs) if (!existsSync(p)) missing.push(`${doc} → ${p.slice(root.length + 1)}`)
    }
    expect(missing).toEqual([])
  })
})
