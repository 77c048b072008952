/**
 * @module seed
 * Demo data for development: one account per role, monitors scoped by country, and a few
 * cases in each language. Idempotent (does nothing when the demo admin exists).
 */
import type { Deps } from './deps.js'
import { fileReport } from './intake/file-report.js'
import type { Submission } from './intake/schema.js'
import { addStaff, parseScope } from './staff/accounts.js'

export const DEMO_PASSWORD = 'demo-password-change-me'

const CASES: Submission[] = [
  {
    language: 'es',
    country: 'MX',
    sector: 'auto_parts',
    employer: 'Autopartes del Norte',
    facility: 'Planta Reynosa 2',
    location: 'Reynosa, Tamaulipas',
    description:
      'Despidieron a 30 compañeros por apoyar al sindicato independiente. El sindicato de la empresa firmó un contrato que nunca votamos.',
    rights: ['freedom_of_association'],
    workersAffected: 30,
    retaliationFeared: true,
    consentToContact: false,
  },
  {
    language: 'fr',
    country: 'CI',
    sector: 'cocoa',
    employer: 'Coopérative Agricole du Sud',
    location: 'Soubré',
    description: "Des enfants de 12 ans travaillent au champ de cacao avec des machettes. Ils ne vont pas à l'école.",
    consentToContact: false,
  },
  {
    language: 'en',
    country: 'US',
    sector: 'agriculture',
    employer: 'Green Valley Farms',
    location: 'Salinas, California',
    description: 'H-2A workers paid a recruiter fee of $1,500 and we work 12 hours with no overtime pay.',
    consentToContact: false,
  },
]

export async function seedDemo(deps: Deps): Promise<{ staff: number; cases: number; password: string }> {
  const exists = await deps.sql.get('SELECT id FROM staff WHERE email = ?', 'admin@demo.hotline')
  if (exists) return { staff: 0, cases: 0, password: DEMO_PASSWORD }
  const accounts = [
    { email: 'admin@demo.hotline', role: 'admin' as const, scopes: [] },
    { email: 'custodian@demo.hotline', role: 'custodian' as const, scopes: [] },
    { email: 'monitor.mx@demo.hotline', role: 'monitor' as const, scopes: ['right:*@MX'] },
    { email: 'monitor.na@demo.hotline', role: 'monitor' as const, scopes: ['right:*@US', 'right:*@CA'] },
    { email: 'monitor.ci@demo.hotline', role: 'monitor' as const, scopes: ['right:*@CI'] },
    { email: 'ngo@demo.hotline', role: 'ngo' as const, scopes: [] },
  ]
  for (const a of accounts) {
    await addStaff(deps, { ...a, password: DEMO_PASSWORD, scopes: a.scopes.map(parseScope) })
  }
  for (const c of CASES) await fileReport(deps, c, { channel: 'web' })
  return { staff: accounts.length, cases: CASES.length, password: DEMO_PASSWORD }
}
