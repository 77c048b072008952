/** @jsxImportSource hono/jsx */
/**
 * @module console/retention-page
 * GET/POST /console/retention (admins): the days a case is kept in each status before the purge,
 * and how long an SMS conversation lives; the environment's value beside each, and an input that
 * overrides it (empty: back to the environment's). privacy/retention-settings.ts checks and audits.
 */
import { Hono, type Context } from 'hono'
import { AppError } from '../errors.js'
import { effectiveRetention, RETENTION_KEYS, retentionOverrides, setRetention } from '../privacy/retention-settings.js'
import { fields, requireStaff, type ConsoleEnv } from './middleware.js'
import { ConsoleLayout, Csrf } from './views/layout.js'

export const retentionPages = new Hono<ConsoleEnv>()

const admin = requireStaff(['admin'], 'page')

const label = (c: Context<ConsoleEnv>, k: string) =>
  k === 'conversation' ? c.get('t')('console:daily.retention.conversation') : c.get('t')(`console:status.${k}`)

async function page(c: Context<ConsoleEnv>, status: 200 | 400, error?: string) {
  const deps = c.get('deps')
  const t = c.get('t')
  const actor = c.get('actor')
  const effective = await effectiveRetention(deps)
  const overrides = await retentionOverrides(deps)
  return c.html(
    <ConsoleLayout lang={c.get('lang')} t={t} title={t('console:daily.retention.title')} actor={actor}>
      <h1>{t('console:daily.retention.title')}</h1>
      <p>{t('console:daily.retention.intro')}</p>
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
      <form method="post" action="/console/retention" id="retention">
        <Csrf actor={actor} />
        <table>
          <thead>
            <tr>
              <th>{t('console:daily.retention.what')}</th>
              <th>{t('console:daily.retention.env')}</th>
              <th>{t('console:daily.retention.days')}</th>
            </tr>
          </thead>
          <tbody>
            {RETENTION_KEYS.map((k) => (
              <tr data-key={k}>
                <td>
                  <label for={`days-${k}`}>{label(c, k)}</label>
                </td>
                <td>{deps.config.retentionDays[k]}</td>
                <td>
                  <input
                    type="number"
                    id={`days-${k}`}
                    name={k}
                    min={1}
                    max={36500}
                    value={overrides[k] === undefined ? '' : String(overrides[k])}
                    placeholder={String(effective[k])}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <button type="submit">{t('console:daily.retention.save')}</button>
        </p>
      </form>
    </ConsoleLayout>,
    status,
  )
}

retentionPages.get('/', admin, (c) => page(c, 200))

retentionPages.post('/', admin, async (c) => {
  const values: Record<string, string> = {}
  for (const k of RETENTION_KEYS) values[k] = (await fields(c, k))[0] ?? ''
  try {
    await setRetention(c.get('deps'), c.get('actor').id, values)
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation') {
      const t = c.get('t')
      const [k, e] = Object.entries(err.fields ?? {})[0] ?? ['', { key: 'console:errors.invalid' }]
      return page(c, 400, `${label(c, k)}: ${t(e.key)}`)
    }
    throw err
  }
  return c.redirect('/console/retention?done=1', 303)
})
