/**
 * @module notify/prefs
 * A staff member's notification choices (the console's account page): for new cases in their scope
 * and for reporters' replies on cases they can see, none, each event or a daily digest; and the
 * language of the e-mails. Bad input is a validation error naming the field; nothing is saved.
 */
import { minuteOf } from '../clock.js'
import type { Deps } from '../deps.js'
import { AppError, type FieldError } from '../errors.js'
import { isLang, type Lang } from '../i18n/index.js'
import * as notify from '../store/notify.js'
import type { NotifyMode } from '../store/notify.js'

export const MODES: readonly NotifyMode[] = ['none', 'each', 'daily']

export interface NotifyPrefs {
  newCases: NotifyMode
  replies: NotifyMode
  lang: Lang
}

const isMode = (v: string): v is NotifyMode => (MODES as readonly string[]).includes(v)

/** The staff member's choices; none saved yet: nothing, in `fallbackLang`. */
export async function readPrefs(deps: Deps, staffId: string, fallbackLang: Lang): Promise<NotifyPrefs> {
  const row = await notify.prefs(deps.sql, staffId)
  if (!row) return { newCases: 'none', replies: 'none', lang: fallbackLang }
  return { newCases: row.new_cases, replies: row.replies, lang: isLang(row.lang) ? row.lang : fallbackLang }
}

/** Check and save the form's values (strings as posted). */
export async function savePrefs(
  deps: Deps,
  staffId: string,
  input: { newCases: string; replies: string; lang: string },
): Promise<NotifyPrefs> {
  const errors: Record<string, FieldError> = {}
  if (!isMode(input.newCases)) errors.newCases = { key: 'console:notify.errors.mode' }
  if (!isMode(input.replies)) errors.replies = { key: 'console:notify.errors.mode' }
  if (!isLang(input.lang)) errors.lang = { key: 'console:notify.errors.lang' }
  if (Object.keys(errors).length > 0) throw new AppError('validation', errors)
  const p = { newCases: input.newCases as NotifyMode, replies: input.replies as NotifyMode, lang: input.lang as Lang }
  await deps.sql.batch([notify.savePrefs({ staffId, ...p, at: minuteOf(deps.clock.now()) })])
  return p
}
