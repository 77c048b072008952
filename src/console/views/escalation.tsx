/** @jsxImportSource hono/jsx */
/**
 * @module console/views/escalation
 * Escalation pages (server-rendered, no JavaScript): the list, choosing a forum for some cases,
 * and one package: its fields and cases as the forum will read them, hiding words by hand, the
 * human read that unlocks export, export links, tracking with dates, and the forum's clocks.
 */
import type { Actor } from '../../cases/scope.js'
import type { ForumOption } from '../../escalation/forum-list.js'
import { getForums, STAGES } from '../../escalation/forums.js'
import type { Package } from '../../escalation/package.js'
import { DETAIL_KEYS, MASK_KINDS, OUTCOMES } from '../../escalation/service.js'
import type { Lang, TFunction } from '../../i18n/index.js'
import type { EscalationRow } from '../../store/escalations.js'
import { ConsoleLayout, Csrf, day } from './layout.js'

interface Base {
  lang: Lang
  t: TFunction
  actor: Actor
}

const Notices = ({ t, done, error }: { t: TFunction; done?: string; error?: string }) => (
  <>
    {done ? (
      <p class="notice" role="status" id="done">
        {t(`console:escalation.page.${done}`)}
      </p>
    ) : null}
    {error ? (
      <p class="error" role="alert" id="error">
        {t(error)}
      </p>
    ) : null}
  </>
)

export function EscalationListPage(p: Base & { rows: EscalationRow[] }) {
  const { t, lang } = p
  const forums = getForums()
  return (
    <ConsoleLayout lang={lang} t={t} title={t('console:escalation.page.title')} actor={p.actor}>
      <h1>{t('console:escalation.page.title')}</h1>
      <p>{t('console:escalation.page.intro')}</p>
      <form method="get" action="/console/escalations/new" id="new-escalation">
        <h2>{t('console:escalation.page.new')}</h2>
        <label for="refs">{t('console:escalation.page.caseRefs')}</label>
        <textarea id="refs" name="refs" rows={4}></textarea>
        <label for="facility">{t('console:escalation.page.facilityId')}</label>
        <input id="facility" name="facility" type="text" />
        <button type="submit">{t('console:escalation.page.findForums')}</button>
      </form>
      {p.rows.length === 0 ? (
        <p>{t('console:escalation.page.none')}</p>
      ) : (
        <ul id="escalations">
          {p.rows.map((r) => (
            <li>
              <a href={`/console/escalations/${r.id}`}>{forums.forums[r.kind as keyof typeof forums.forums]?.name[lang] ?? r.kind}</a>{' '}
              · {t(`console:escalation.stage.${r.stage}`)} · {day(r.created_at)}
            </li>
          ))}
        </ul>
      )}
    </ConsoleLayout>
  )
}

export function ChooseForumPage(p: Base & { refs: string[]; facilityId: string; options: ForumOption[]; error?: string }) {
  const { t, lang, actor } = p
  const forums = getForums()
  const who = (o: ForumOption) =>
    o.filers === 'any' ? t('console:escalation.page.anyone') : t(o.filers === 'eu_based' ? 'console:escalation.page.onlyEu' : 'console:escalation.page.onlyCa')
  return (
    <ConsoleLayout lang={lang} t={t} title={t('console:escalation.page.new')} actor={actor}>
      <h1>{t('console:escalation.page.new')}</h1>
      <Notices t={t} error={p.error} />
      <p>{[...p.refs, p.facilityId].filter(Boolean).join(', ')}</p>
      <h2>{t('console:escalation.page.forums')}</h2>
      {p.options.length === 0 ? <p id="no-forum">{t('console:escalation.page.noForum')}</p> : null}
      {p.options.map((o) => (
        <form method="post" action="/console/escalations" class="forum" id={`forum-${o.kind}`}>
          <Csrf actor={actor} />
          <h3>{forums.forums[o.kind].name[lang]}</h3>
          <p>
            {t('console:escalation.page.whoFiles')}: {who(o)}
            {o.filers !== 'any' ? ` (${o.organisations.join(', ') || '—'})` : ''}
          </p>
          <input type="hidden" name="kind" value={o.kind} />
          {p.facilityId ? <input type="hidden" name="facilityId" value={p.facilityId} /> : p.refs.map((r) => <input type="hidden" name="caseRefs" value={r} />)}
          {actor.role !== 'ngo' ? (
            <>
              <label for={`org-${o.kind}`}>{t('console:escalation.page.org')}</label>
              <input id={`org-${o.kind}`} name="org" type="text" />
            </>
          ) : null}
          {(['remedy', 'evidence', 'goods', 'supplyChain'] as const).map((k) => (
            <>
              <label for={`${k}-${o.kind}`}>{t(`console:escalation.page.${k}`)}</label>
              <textarea id={`${k}-${o.kind}`} name={k} rows={2}></textarea>
            </>
          ))}
          <button type="submit">{t('console:escalation.page.draft')}</button>
        </form>
      ))}
    </ConsoleLayout>
  )
}

export function PackagePage(p: Base & { pkg: Package; done?: string; error?: string }) {
  const { t, lang, actor, pkg } = p
  const filed = pkg.stages.some((s) => s.stage !== 'drafted')
  const base = `/console/escalations/${pkg.id}`
  return (
    <ConsoleLayout lang={lang} t={t} title={pkg.forum.name} actor={actor}>
      <h1>{pkg.forum.name}</h1>
      <Notices t={t} done={p.done} error={p.error} />
      <p id="stage">
        {t('console:escalation.export.stage')}: {t(`console:escalation.stage.${pkg.stage}`)}
        {pkg.outcome ? ` (${t(`console:escalation.outcome.${pkg.outcome}`)})` : ''}
        {pkg.filer ? ` · ${t('console:escalation.export.filer')}: ${pkg.filer}` : ''}
      </p>

      <h2>{t('console:escalation.page.read')}</h2>
      <p>{t('console:escalation.page.readHint')}</p>
      <dl id="fields">
        {pkg.fields.map((f) => (
          <div>
            <dt>{f.label}</dt>
            <dd class={f.missing ? 'missing' : ''}>
              {f.value}
            </dd>
          </div>
        ))}
      </dl>
      <h3>{t('console:escalation.export.cases')}</h3>
      {pkg.cases.map((c) => (
        <section class="case" id={`case-${c.reference}`}>
          <h4>{c.reference}</h4>
          <p>{[c.facility, c.employer, c.location, c.country].filter(Boolean).join(', ')}</p>
          <p class="description">{c.description}</p>
        </section>
      ))}
      {pkg.removed.map((r) => (
        <p class="removed">
          {r.reference}: {t('console:escalation.page.removed')}
        </p>
      ))}

      {!filed ? (
        <form method="post" action={`${base}/mask`} id="mask">
          <Csrf actor={actor} />
          <label for="mask-text">{t('console:escalation.page.maskText')}</label>
          <input id="mask-text" name="text" type="text" required maxlength={200} />
          <label for="mask-kind">{t('console:escalation.page.maskKind')}</label>
          <select id="mask-kind" name="kind">
            {MASK_KINDS.map((k) => (
              <option value={k}>{t(`console:escalation.maskKind.${k}`)}</option>
            ))}
          </select>
          <button type="submit">{t('console:escalation.page.mask')}</button>
        </form>
      ) : null}

      <p id="review-state">
        {pkg.reviewed ? t('console:escalation.page.reviewed', { date: pkg.reviewedOn ?? '' }) : t('console:escalation.page.notReviewed')}
      </p>
      {!pkg.reviewed && !filed ? (
        <form method="post" action={`${base}/review`} id="review">
          <Csrf actor={actor} />
          <button type="submit">{t('console:escalation.page.review')}</button>
        </form>
      ) : null}
      {pkg.reviewed ? (
        <p id="export">
          {t('console:escalation.page.export')}:{' '}
          {(['html', 'md', 'json'] as const).map((f) => (
            <>
              <a href={`/api/v1/escalations/${pkg.id}/export?format=${f}&lang=${lang}`} id={`export-${f}`}>
                {f.toUpperCase()}
              </a>{' '}
            </>
          ))}
        </p>
      ) : null}

      <h2>{t('console:escalation.page.clocks')}</h2>
      {pkg.clocks.length === 0 ? <p id="no-clock">{t('console:escalation.page.noClock')}</p> : null}
      <ul id="clocks">
        {pkg.clocks.map((k) => (
          <li id={`clock-${k.id}`} class={k.state}>
            {t(`console:escalation.clock.${k.id}`)}: {t('console:escalation.page.due', { date: k.dueOn })} —{' '}
            {t(`console:clockState.${k.state}`)}{' '}
            <span class="tag" title={k.cite}>{`[${k.verified}]`}</span>
          </li>
        ))}
      </ul>

      <h2>{t('console:escalation.page.track')}</h2>
      <ol id="stages">
        {pkg.stages.map((s) => (
          <li>
            {s.on}: {t(`console:escalation.stage.${s.stage}`)}
            {s.outcome ? ` (${t(`console:escalation.outcome.${s.outcome}`)})` : ''}
          </li>
        ))}
      </ol>
      <form method="post" action={`${base}/stage`} id="track">
        <Csrf actor={actor} />
        <label for="stage-select">{t('console:escalation.page.stage')}</label>
        <select id="stage-select" name="stage">
          {STAGES.filter((s) => s !== 'drafted').map((s) => (
            <option value={s}>{t(`console:escalation.stage.${s}`)}</option>
          ))}
        </select>
        <label for="stage-on">{t('console:escalation.page.on')}</label>
        <input id="stage-on" name="on" type="date" required />
        <small>{t('console:escalation.page.onHint')}</small>
        <label for="stage-outcome">{t('console:escalation.page.outcome')}</label>
        <select id="stage-outcome" name="outcome">
          <option value="">—</option>
          {OUTCOMES.map((o) => (
            <option value={o}>{t(`console:escalation.outcome.${o}`)}</option>
          ))}
        </select>
        <button type="submit">{t('console:escalation.page.record')}</button>
      </form>
    </ConsoleLayout>
  )
}

export { DETAIL_KEYS }
