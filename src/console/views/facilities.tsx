/** @jsxImportSource hono/jsx */
/**
 * @module console/views/facilities
 * The registry list (with the form to add a facility, for admins) and one facility's page: its
 * details, pattern flags, cases over time by right (month × right; counts outside the viewer's
 * scope suppressed below k), the cases the viewer may open, and the edit form (admins).
 */
import { getCatalog } from '../../catalog/index.js'
import type { Actor } from '../../cases/scope.js'
import type { FieldError } from '../../errors.js'
import type { Facility } from '../../facilities/registry.js'
import type { Cell, FacilityReport } from '../../facilities/report.js'
import type { Lang, TFunction } from '../../i18n/index.js'
import { ConsoleLayout, Csrf, day } from './layout.js'

export type FormValues = Record<string, string | undefined>
const P = 'console:facility'

interface Base {
  lang: Lang
  t: TFunction
  actor: Actor
}

/** The values of a stored facility, as the form shows them. */
export const formValuesOf = (f: Facility): FormValues => ({
  code: f.code,
  name: f.name,
  aliases: f.aliases.join('\n'),
  employer: f.employer ?? '',
  country: f.country,
  state: f.state ?? '',
  location: f.location ?? '',
  sector: f.sector ?? '',
  covered: f.covered ? 'yes' : '',
  prioritySector: f.prioritySector ? 'yes' : 'no',
})

function Errors({ t, errors }: { t: TFunction; errors: Record<string, FieldError> }) {
  const list = Object.entries(errors)
  if (list.length === 0) return null
  return (
    <div class="error" role="alert" id="facility-errors">
      <p>{t(`${P}.errorsTitle`)}</p>
      <ul>
        {list.map(([f, e]) => (
          <li>
            {t(`${P}.field.${f}`, { defaultValue: f })}: {t(e.key, e.params)}
          </li>
        ))}
      </ul>
    </div>
  )
}

function FacilityForm(props: Base & { action: string; values: FormValues; submit: string }) {
  const { t, lang, actor, values: v } = props
  const catalog = getCatalog()
  const s = (k: string) => v[k] ?? ''
  const text = (k: string, max: number, required = false) => (
    <>
      <label for={`f-${k}`}>{t(`${P}.field.${k}`)}</label>
      <input id={`f-${k}`} name={k} type="text" maxlength={max} required={required} value={s(k)} />
    </>
  )
  return (
    <form method="post" action={props.action} id="facility-form">
      <Csrf actor={actor} />
      {text('code', 64, true)}
      <p class="hint">{t(`${P}.codeHint`)}</p>
      {text('name', 200, true)}
      <label for="f-aliases">{t(`${P}.field.aliases`)}</label>
      <textarea id="f-aliases" name="aliases" rows={3}>
        {s('aliases')}
      </textarea>
      <p class="hint">{t(`${P}.aliasesHint`)}</p>
      {text('employer', 200)}
      <label for="f-country">{t(`${P}.field.country`)}</label>
      <select id="f-country" name="country" required>
        <option value="">—</option>
        {Object.entries(catalog.countries).map(([code, c]) => (
          <option value={code} selected={s('country') === code}>
            {c.name[lang]}
          </option>
        ))}
      </select>
      {text('state', 100)}
      {text('location', 200)}
      <label for="f-sector">{t(`${P}.field.sector`)}</label>
      <select id="f-sector" name="sector">
        <option value="">—</option>
        {Object.entries(catalog.sectors).map(([code, sec]) => (
          <option value={code} selected={s('sector') === code}>
            {sec.title[lang]}
          </option>
        ))}
      </select>
      <label for="f-prioritySector">{t(`${P}.field.prioritySector`)}</label>
      <select id="f-prioritySector" name="prioritySector">
        <option value="" selected={s('prioritySector') === ''}>
          {t(`${P}.fromSector`)}
        </option>
        <option value="yes" selected={s('prioritySector') === 'yes'}>
          {t(`${P}.yes`)}
        </option>
        <option value="no" selected={s('prioritySector') === 'no'}>
          {t(`${P}.no`)}
        </option>
      </select>
      <p>
        <input id="f-covered" name="covered" type="checkbox" value="yes" checked={s('covered') === 'yes'} />{' '}
        <label for="f-covered" class="inline">
          {t(`${P}.field.covered`)}
        </label>
      </p>
      <p>
        <button type="submit">{props.submit}</button>
      </p>
    </form>
  )
}

const flags = (t: TFunction, f: Facility) =>
  [f.covered ? t(`${P}.covered`) : null, f.prioritySector ? t(`${P}.prioritySector`) : null].filter(Boolean).join(' · ')

export function FacilitiesPage(props: Base & { facilities: Facility[]; values: FormValues; errors: Record<string, FieldError> }) {
  const { t, lang, actor, facilities } = props
  const catalog = getCatalog()
  return (
    <ConsoleLayout lang={lang} t={t} title={t(`${P}.listTitle`)} actor={actor}>
      <h1>{t(`${P}.listTitle`)}</h1>
      {facilities.length === 0 ? (
        <p>{t(`${P}.none`)}</p>
      ) : (
        <table id="facilities">
          <thead>
            <tr>
              <th scope="col">{t(`${P}.field.name`)}</th>
              <th scope="col">{t(`${P}.field.employer`)}</th>
              <th scope="col">{t(`${P}.where`)}</th>
              <th scope="col">{t(`${P}.field.sector`)}</th>
              <th scope="col">{t(`${P}.annex`)}</th>
            </tr>
          </thead>
          <tbody>
            {facilities.map((f) => (
              <tr data-code={f.code}>
                <td>
                  <a href={`/console/facilities/${f.id}`}>{f.name}</a>
                </td>
                <td>{f.employer ?? '–'}</td>
                <td>{[f.location, f.state, catalog.countries[f.country]?.name[lang] ?? f.country].filter(Boolean).join(', ')}</td>
                <td>{f.sector ? (catalog.sectors[f.sector]?.title[lang] ?? f.sector) : '–'}</td>
                <td>{flags(t, f) || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {actor.role === 'admin' ? (
        <section id="facility-new">
          <h2>{t(`${P}.newTitle`)}</h2>
          <p>{t(`${P}.importHint`)}</p>
          <Errors t={t} errors={props.errors} />
          <FacilityForm {...props} action="/console/facilities" values={props.values} submit={t(`${P}.create`)} />
        </section>
      ) : null}
    </ConsoleLayout>
  )
}

/**
 * A cell: exact inside the viewer's scope, plus what lies outside it (a multiple of k rounded
 * down, or "<k"; an administrator has nobody outside). Shown apart, never added: "3 + <5".
 */
function count(c: Cell | undefined): string {
  if (!c) return '0'
  if (c.outside === 0) return String(c.inScope)
  return c.inScope === 0 ? String(c.outside) : `${c.inScope} + ${c.outside}`
}

export function FacilityPage(
  props: Base & {
    report: FacilityReport
    values?: FormValues | undefined
    errors: Record<string, FieldError>
    done?: string | undefined
  },
) {
  const { t, lang, actor, report: r } = props
  const f = r.facility
  const catalog = getCatalog()
  return (
    <ConsoleLayout lang={lang} t={t} title={f.name} actor={actor}>
      <h1>{f.name}</h1>
      {props.done ? (
        <p class="notice" role="status">
          {t(`${P}.done.${props.done}`, { defaultValue: t('console:actions.done') })}
        </p>
      ) : null}
      <dl id="facility-details">
        <dt>{t(`${P}.field.code`)}</dt>
        <dd>{f.code}</dd>
        {f.aliases.length > 0 ? (
          <>
            <dt>{t(`${P}.field.aliases`)}</dt>
            <dd>{f.aliases.join(' · ')}</dd>
          </>
        ) : null}
        <dt>{t(`${P}.field.employer`)}</dt>
        <dd>{f.employer ?? '–'}</dd>
        <dt>{t(`${P}.where`)}</dt>
        <dd>{[f.location, f.state, catalog.countries[f.country]?.name[lang] ?? f.country].filter(Boolean).join(', ')}</dd>
        <dt>{t(`${P}.field.sector`)}</dt>
        <dd>{f.sector ? (catalog.sectors[f.sector]?.title[lang] ?? f.sector) : '–'}</dd>
        <dt>{t(`${P}.annex`)}</dt>
        <dd id="facility-annex">{flags(t, f) || t(`${P}.notCovered`)}</dd>
      </dl>
      <h2>{t(`${P}.patternsTitle`)}</h2>
      {r.flags.length === 0 ? (
        <p id="facility-flags">{t(`${P}.noPattern`)}</p>
      ) : (
        <ul id="facility-flags">
          {r.flags.map((x) => (
            <li class="overdue" data-pattern={x.pattern}>
              {t(`${P}.pattern.${x.pattern}`, { count: x.count, from: day(x.from), to: day(x.to) })}
            </li>
          ))}
        </ul>
      )}
      <h2>{t(`${P}.byRightTitle`)}</h2>
      <p>{t(`${P}.suppressed`, { k: r.k })}</p>
      {r.months.length === 0 ? (
        <p>{t(`${P}.noCases`)}</p>
      ) : (
        <table id="facility-counts">
          <thead>
            <tr>
              <th scope="col">{t(`${P}.month`)}</th>
              {r.rights.map((right) => (
                <th scope="col" data-right={right}>
                  {(catalog.rights as Record<string, { title: Record<Lang, string> } | undefined>)[right]?.title[lang] ?? right}
                </th>
              ))}
              <th scope="col">{t(`${P}.allRights`)}</th>
            </tr>
          </thead>
          <tbody>
            {r.months.map((m) => (
              <tr data-month={m}>
                <th scope="row">{m}</th>
                {r.rights.map((right) => (
                  <td data-right={right}>{count(r.cells[m]?.[right])}</td>
                ))}
                <td data-right="*">{count(r.cells[m]?.['*'])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p id="facility-total">
        {t(`${P}.total`, { count: count(r.total) })} · {t(`${P}.waiting`, { count: String(r.suggested) })}
      </p>
      {r.cases.length > 0 ? (
        <>
          <h2>{t(`${P}.casesTitle`)}</h2>
          <ul id="facility-cases">
            {r.cases.map((k) => (
              <li>
                <a href={`/console/cases/${k.id}`}>{k.reference}</a> · {day(k.createdAt)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {actor.role === 'admin' ? (
        <section id="facility-edit">
          <h2>{t(`${P}.editTitle`)}</h2>
          <Errors t={t} errors={props.errors} />
          <FacilityForm {...props} action={`/console/facilities/${f.id}`} values={props.values ?? formValuesOf(f)} submit={t(`${P}.save`)} />
        </section>
      ) : null}
    </ConsoleLayout>
  )
}
