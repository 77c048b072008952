/**
 * @module catalog/load
 * Validates the catalog files and assembles a `Catalog`. No I/O: the caller passes the parsed
 * JSON keyed by its repository path (`catalog/countries.json`, `catalog/commitments/usmca.json`),
 * so this runs unchanged on Node and on Workers. Every problem is reported as
 * `<file>: <field path>: <message>`, e.g.
 * `catalog/commitments/usmca.json: commitments[3].title.fr: Required`.
 */
import type { z } from 'zod'
import {
  commitmentFileSchema,
  countriesFileSchema,
  facetsFileSchema,
  FUNDAMENTAL,
  rightsFileSchema,
  sectorsFileSchema,
  type Agreement,
  type Commitment,
  type CommitmentFile,
  type Country,
  type Facet,
  type Right,
  type RightInfo,
  type Sector,
} from './schema.js'

/** Parsed JSON of the catalog files, keyed by repository path. */
export type CatalogFiles = Readonly<Record<string, unknown>>

/** The validated catalog. Commitments keep file order (the order of `CatalogFiles`). */
export interface Catalog {
  readonly agreements: Readonly<Record<string, Agreement>>
  readonly commitments: readonly Commitment[]
  readonly byCode: ReadonlyMap<string, Commitment>
  readonly countries: Readonly<Record<string, Country>>
  readonly sectors: Readonly<Record<string, Sector>>
  readonly rights: Readonly<Record<Right, RightInfo>>
  readonly facets: Readonly<Record<string, Facet>>
}

/** One problem in one file. */
export interface CatalogIssue {
  file: string
  /** Field path inside the file, e.g. `commitments[3].title.fr`; `(root)` for the whole file. */
  path: string
  message: string
}

/** Thrown by `loadCatalog`; the message lists every issue, one per line. */
export class CatalogError extends Error {
  override readonly name = 'CatalogError'
  constructor(readonly issues: readonly CatalogIssue[]) {
    super(issues.map((i) => `${i.file}: ${i.path}: ${i.message}`).join('\n'))
  }
}

export const COUNTRIES_FILE = 'catalog/countries.json'
export const SECTORS_FILE = 'catalog/sectors.json'
export const RIGHTS_FILE = 'catalog/rights.json'
export const FACETS_FILE = 'catalog/facets.json'
const COMMITMENTS_FILE = /^catalog\/commitments\/[a-z0-9-]+\.json$/

/** Render a zod path as `commitments[3].title.fr`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out === '' ? '(root)' : out
}

/** Missing keys read "Required"; other messages are zod's own. */
const parseOptions = {
  error: (issue: { code?: string; input?: unknown }) =>
    issue.code === 'invalid_type' && issue.input === undefined ? 'Required' : undefined,
}

function parseFile<S extends z.ZodType>(
  schema: S,
  file: string,
  data: unknown,
  issues: CatalogIssue[],
): z.infer<S> | undefined {
  if (data === undefined) {
    issues.push({ file, path: '(root)', message: 'File is missing' })
    return undefined
  }
  const result = schema.safeParse(data, parseOptions)
  if (result.success) return result.data
  for (const i of result.error.issues) {
    issues.push({ file, path: formatPath(i.path), message: i.message })
  }
  return undefined
}

/**
 * Validate every catalog file and cross-check them, then build the catalog.
 * Cross-checks: unique agreement and commitment codes, each commitment belongs to its file's
 * agreement, countries list only known agreements and always `ilo`, `requires.countries`
 * are known countries party to that agreement, facets are known, and an entry that needs a
 * ratification names a fundamental convention.
 * @throws {CatalogError} naming the file and the field of every problem found.
 * @example
 * const catalog = loadCatalog({ 'catalog/countries.json': countries, … })
 */
export function loadCatalog(files: CatalogFiles): Catalog {
  const issues: CatalogIssue[] = []
  const commitmentFiles: [string, CommitmentFile][] = []
  for (const [file, data] of Object.entries(files)) {
    if ([COUNTRIES_FILE, SECTORS_FILE, RIGHTS_FILE, FACETS_FILE].includes(file)) continue
    if (!COMMITMENTS_FILE.test(file)) {
      issues.push({ file, path: '(root)', message: 'Not a catalog file' })
      continue
    }
    const parsed = parseFile(commitmentFileSchema, file, data, issues)
    if (parsed) commitmentFiles.push([file, parsed])
  }
  if (commitmentFiles.length === 0 && issues.length === 0) {
    issues.push({ file: 'catalog/commitments/', path: '(root)', message: 'No commitment files' })
  }
  const countries = parseFile(countriesFileSchema, COUNTRIES_FILE, files[COUNTRIES_FILE], issues)
  const sectors = parseFile(sectorsFileSchema, SECTORS_FILE, files[SECTORS_FILE], issues)
  const rights = parseFile(rightsFileSchema, RIGHTS_FILE, files[RIGHTS_FILE], issues)
  const facets = parseFile(facetsFileSchema, FACETS_FILE, files[FACETS_FILE], issues)
  if (issues.length > 0 || !countries || !sectors || !rights || !facets) {
    throw new CatalogError(issues)
  }

  const catalog = assemble(
    commitmentFiles,
    countries,
    sectors,
    rights as Record<Right, RightInfo>,
    facets,
  )
  crossCheck(catalog, commitmentFiles, issues)
  if (issues.length > 0) throw new CatalogError(issues)
  return catalog
}

function assemble(
  commitmentFiles: readonly [string, CommitmentFile][],
  countries: Record<string, Country>,
  sectors: Record<string, Sector>,
  rights: Record<Right, RightInfo>,
  facets: Record<string, Facet>,
): Catalog {
  const agreements: Record<string, Agreement> = {}
  const commitments: Commitment[] = []
  const byCode = new Map<string, Commitment>()
  for (const [, f] of commitmentFiles) {
    agreements[f.agreement.code] ??= f.agreement
    for (const c of f.commitments) {
      commitments.push(c)
      if (!byCode.has(c.code)) byCode.set(c.code, c)
    }
  }
  return deepFreeze({ agreements, commitments, byCode, countries, sectors, rights, facets })
}

/** The catalog is shared by every request: freeze it so that no caller can change it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Map) && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}

function crossCheck(
  catalog: Catalog,
  commitmentFiles: readonly [string, CommitmentFile][],
  issues: CatalogIssue[],
): void {
  const agreementFile = new Map<string, string>()
  const codeAt = new Map<string, string>()
  for (const [file, f] of commitmentFiles) {
    const code = f.agreement.code
    const other = agreementFile.get(code)
    if (other) {
      issues.push({ file, path: 'agreement.code', message: `"${code}" is also in ${other}` })
    } else {
      agreementFile.set(code, file)
    }

    f.commitments.forEach((c, i) => {
      const at = `commitments[${i}]`
      if (c.agreement !== code) {
        issues.push({
          file,
          path: `${at}.agreement`,
          message: `"${c.agreement}" is not this file's agreement "${code}"`,
        })
      }
      const seen = codeAt.get(c.code)
      if (seen) {
        const message = `Duplicate code "${c.code}" (first in ${seen})`
        issues.push({ file, path: `${at}.code`, message })
      } else {
        codeAt.set(c.code, `${file}: ${at}`)
      }
      const facetPaths: [string, readonly string[] | undefined][] = [
        ['requires.facets', c.requires?.facets],
        ['boost.facets', c.boost?.facets],
      ]
      for (const [path, list] of facetPaths) {
        list?.forEach((f, j) => {
          if (!catalog.facets[f]) {
            issues.push({
              file,
              path: `${at}.${path}[${j}]`,
              message: `Unknown facet "${f}" (not in ${FACETS_FILE})`,
            })
          }
        })
      }
      c.requires?.sectors?.forEach((sc, j) => {
        if (!catalog.sectors[sc]) {
          issues.push({
            file,
            path: `${at}.requires.sectors[${j}]`,
            message: `Unknown sector "${sc}" (not in ${SECTORS_FILE})`,
          })
        }
      })
      const convention = c.ilo[0]
      if (c.requires?.ratified && !(FUNDAMENTAL as readonly string[]).includes(convention ?? '')) {
        issues.push({
          file,
          path: `${at}.ilo`,
          message: 'requires.ratified needs a fundamental convention first in "ilo"',
        })
      }
      c.requires?.countries?.forEach((cc, j) => {
        const country = catalog.countries[cc]
        if (!country || !country.agreements.includes(code)) {
          issues.push({
            file,
            path: `${at}.requires.countries[${j}]`,
            message: `"${cc}" is not a country of ${COUNTRIES_FILE} party to "${code}"`,
          })
        }
      })
    })
  }

  for (const [code, facet] of Object.entries(catalog.facets)) {
    facet.all?.forEach((f, j) => {
      if (!catalog.facets[f] || f === code) {
        issues.push({ file: FACETS_FILE, path: `${code}.all[${j}]`, message: `Unknown facet "${f}"` })
      }
    })
  }

  for (const [cc, country] of Object.entries(catalog.countries)) {
    country.agreements.forEach((a, j) => {
      if (!catalog.agreements[a]) {
        issues.push({
          file: COUNTRIES_FILE,
          path: `${cc}.agreements[${j}]`,
          message: `Unknown agreement "${a}"`,
        })
      }
    })
    if (new Set(country.agreements).size !== country.agreements.length) {
      issues.push({ file: COUNTRIES_FILE, path: `${cc}.agreements`, message: 'Listed twice' })
    }
    if (catalog.agreements.ilo && !country.agreements.includes('ilo')) {
      issues.push({
        file: COUNTRIES_FILE,
        path: `${cc}.agreements`,
        message: 'Every country must list "ilo"',
      })
    }
  }
}
