/** @jsxImportSource hono/jsx */
/**
 * @module console/account
 * GET /console/account and POST /console/account/notifications (admins, monitors, NGOs): a staff
 * member's e-mail notifications (notify/prefs.ts): for new cases in their scope and for reporters'
 * replies on cases they can see, none, each event or a daily digest, and the e-mails' language.
 * Bad input: a 400 page naming the field, in the console's language; nothing is saved.
 */
import { Hono, type Context } from 'hono'
import { CASE_READERS } from '../cases/scope.js'
import { AppError } from '../errors.js'
import { LANGS } from '../i18n/index.js'
import { MODES, readPrefs, savePrefs, type NotifyPrefs } from '../notify/prefs.js'
import { field, requireStaff, type ConsoleEnv } from './middleware.js'
import { ConsoleLayout, Csrf } from './views/layout.js'

export const accountPages = new Hono<ConsoleEnv>()

const readers = requireStaff(CASE_READERS, 'page')

async function page(c: Context<ConsoleEnv>, status: 200 | 400, error?: string, posted?: NotifyPrefs) {
  const deps = c.get('deps')
  const t = c.get('t')
  const actor = c.get('actor')
  const prefs = posted ?? (await readPrefs(deps, actor.id, c.get('lang')))
  const hour = String(deps.config.smtp?.digestHour ?? 7).padStart(2, '0')
  const choice = (name: 'newCases' | 'replies') => (
    <fieldset>
      <legend>{t(`console:notify.fields.${name}`)}</legend>
      {MODES.map((m) => (
        <div class="check">
          <input type="radio" id={`${name}-${m}`} name={name} value={m} checked={prefs[name] === m} />
          <label for={`${name}-${m}`}>{t(`console:notify.mode.${m}`, { hour })}</label>
        </div>
      ))}
    </fieldset>
  )
  return c.html(
    <ConsoleLayout lang={c.get('lang')} t={t} title={t('console:notify.title')} actor={actor}>
      <h1>{t('console:notify.title')}</h1>
      <p>{t('console:notify.intro')}</p>
      {deps.config.smtp ? null : <p class="notice">{t('console:notify.off')}</p>}
      <p>{t('console:notify.sendTo', { email: actor.email })}</p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {c.req.query('done') !== undefined && !error ? (
        <p class="notice" role="status">
          {t('console:actions.done')}
        </p>
      ) : null}
      <form method="post" action="/console/account/notifications" id="notifications">
        <Csrf actor={actor} />
        {choice('newCases')}
        {choice('replies')}
        <label for="notify-lang">{t('console:notify.fields.lang')}</label>
        <select id="notify-lang" name="lang">
          {LANGS.map((l) => (
            <option value={l} selected={prefs.lang === l} lang={l}>
              {t(`common:lang.${l}`)}
            </option>
          ))}
        </select>
        <p>
          <button type="submit">{t('console:notify.save')}</button>
        </p>
      </form>
    </ConsoleLayout>,
    status,
  )
}

accountPages.get('/', readers, (c) => page(c, 200))

accountPages.post('/notifications', readers, async (c) => {
  const input = { newCases: await field(c, 'newCases'), replies: await field(c, 'replies'), lang: await field(c, 'lang') }
  try {
    await savePrefs(c.get('deps'), c.get('actor').id, input)
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation') {
      const t = c.get('t')
      const [f, e] = Object.entries(err.fields ?? {})[0] ?? ['newCases', { key: 'console:errors.invalid' }]
      return page(c, 400, t('console:notify.errorLine', { field: t(`console:notify.fields.${f}`), message: t(e.key) }))
    }
    throw err
  }
  return c.redirect('/console/account?done=1', 303)
})
