/**
 * @module cases/templates
 * Reply templates: questions to reporters that staff send often, written once in the three
 * languages. The case page offers them and fills the question in the case's language; staff
 * still read and send it themselves. Admins and monitors add them; admins remove them. Audited.
 */
import { append } from '../audit/log.js'
import type { Deps } from '../deps.js'
import { AppError } from '../errors.js'
import { LANGS, type Lang } from '../i18n/index.js'
import * as store from '../store/reply-templates.js'
import type { Actor } from './scope.js'
import { QUESTION_MAX } from './staff-actions.js'

export const TEMPLATE_NAME_MAX = 60

export interface Template {
  id: string
  name: string
  body: Record<Lang, string>
}

const toTemplate = (r: store.TemplateRow): Template => ({
  id: r.id,
  name: r.name,
  body: { en: r.body_en, es: r.body_es, fr: r.body_fr },
})

export async function listTemplates(deps: Deps): Promise<Template[]> {
  return (await store.all(deps.sql)).map(toTemplate)
}

export async function templateById(deps: Deps, id: string): Promise<Template | undefined> {
  const r = await store.byId(deps.sql, id)
  return r ? toTemplate(r) : undefined
}

const invalid = (field: string, key = 'console:errors.invalid') => new AppError('validation', { [field]: { key } })

/** Add a template; every language needs its text. */
export async function addTemplate(
  deps: Deps,
  actor: Actor,
  input: { name: string; body: Partial<Record<Lang, string>> },
): Promise<string> {
  if (actor.role !== 'admin' && actor.role !== 'monitor') throw new AppError('forbidden')
  const name = input.name.replace(/\s+/g, ' ').trim()
  if (!name || name.length > TEMPLATE_NAME_MAX) throw invalid('name')
  const body = {} as Record<Lang, string>
  for (const l of LANGS) {
    const text = (input.body[l] ?? '').trim()
    if (!text || text.length > QUESTION_MAX) throw invalid(`body_${l}`, 'console:daily.templates.missing')
    body[l] = text
  }
  if (await store.byName(deps.sql, name)) throw invalid('name', 'console:daily.templates.taken')
  const id = deps.crypto.randomToken(12)
  await store.insert(deps.sql, {
    id,
    name,
    body_en: body.en,
    body_es: body.es,
    body_fr: body.fr,
    createdBy: actor.id,
    at: deps.clock.now(),
  })
  await append(deps, { actorId: actor.id, action: 'template_added', data: { id } })
  return id
}

export async function removeTemplate(deps: Deps, actor: Actor, id: string): Promise<void> {
  if (actor.role !== 'admin') throw new AppError('forbidden')
  if (!(await store.remove(deps.sql, id))) throw new AppError('not_found')
  await append(deps, { actorId: actor.id, action: 'template_removed', data: { id } })
}
