/** @jsxImportSource hono/jsx */
/**
 * @module console/views/facility-section
 * The case page's facility: the confirmed facility and the suggestions from matching, each with
 * its forms (confirm, reject), and a form to set the case under any facility by hand (grouping,
 * or correcting a wrong suggestion). Plain forms: no JavaScript needed.
 */
import type { Actor } from '../../cases/scope.js'
import type { Facility } from '../../facilities/registry.js'
import type { CaseFacilityLink } from '../../facilities/links.js'
import type { TFunction } from '../../i18n/index.js'
import { Csrf } from './layout.js'

const P = 'console:facility'

export interface FacilitySectionProps {
  links: CaseFacilityLink[]
  /** Facilities to choose from when setting by hand (the case's country first). */
  choices: Facility[]
  /** An error from the last decision (a key under console:facility.errors). */
  error?: string | undefined
}

function Decide(p: { actor: Actor; caseId: string; facilityId: string; action: string; label: string; secondary?: boolean }) {
  return (
    <form method="post" action={`/console/cases/${p.caseId}/facility`} class="inline">
      <Csrf actor={p.actor} />
      <input type="hidden" name="facilityId" value={p.facilityId} />
      <input type="hidden" name="action" value={p.action} />
      <button type="submit" class={p.secondary ? 'secondary' : undefined} data-action={p.action}>
        {p.label}
      </button>
    </form>
  )
}

export function FacilitySection(props: FacilitySectionProps & { t: TFunction; actor: Actor; caseId: string }) {
  const { t, actor, caseId, links } = props
  const open = links.filter((l) => l.state !== 'rejected')
  return (
    <section id="facility">
      <h2>{t(`${P}.caseTitle`)}</h2>
      {props.error ? (
        <p class="error" role="alert">
          {t(`${P}.errors.${props.error}`, { defaultValue: t(`${P}.errors.action`) })}
        </p>
      ) : null}
      {open.length === 0 ? <p>{t(`${P}.noLink`)}</p> : null}
      <ul id="facility-links">
        {open.map((l) => (
          <li data-state={l.state} data-facility={l.facilityId}>
            <a href={`/console/facilities/${l.facilityId}`}>{l.name}</a>{' '}
            <span class="tag">{t(`${P}.state.${l.state}`)}</span>{' '}
            {l.state === 'suggested' ? <span>{t(`${P}.matchedBy.${l.matchedBy}`)} </span> : null}
            {l.covered ? <span class="tag">{t(`${P}.covered`)}</span> : null}{' '}
            {l.state === 'suggested' ? (
              <Decide actor={actor} caseId={caseId} facilityId={l.facilityId} action="confirm" label={t(`${P}.confirm`)} />
            ) : null}{' '}
            <Decide actor={actor} caseId={caseId} facilityId={l.facilityId} action="reject" label={t(`${P}.reject`)} secondary />
          </li>
        ))}
      </ul>
      {props.choices.length > 0 ? (
        <form method="post" action={`/console/cases/${caseId}/facility`} id="facility-set">
          <Csrf actor={actor} />
          <input type="hidden" name="action" value="set" />
          <label for="facility-choice">{t(`${P}.setLabel`)}</label>
          <select id="facility-choice" name="facilityId" required>
            <option value="">—</option>
            {props.choices.map((f) => (
              <option value={f.id}>{[f.name, f.state, f.country].filter(Boolean).join(', ')}</option>
            ))}
          </select>
          <p>
            <button type="submit">{t(`${P}.set`)}</button>
          </p>
        </form>
      ) : null}
    </section>
  )
}
