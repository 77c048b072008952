/** @jsxImportSource hono/jsx */
/**
 * @module console/views/case
 * One case, redacted: narrative, its encrypted voice recordings (that they exist, their length
 * and state: never the audio), commitments with titles and articles, facility, channel, clocks,
 * messages with the reporter and the timeline; and, for monitors and admins, the actions
 * (each a plain form: no JavaScript needed).
 */
import type { EvidenceView } from '../../evidence/access.js'
import { EvidenceSection } from './evidence.js'
import { commitmentLabel, getCatalog } from '../../catalog/index.js'
import type { Actor } from '../../cases/scope.js'
import { ACCESS_KINDS, OUTCOMES, TRANSITIONS } from '../../cases/staff-actions.js'
import type { Lang, TFunction } from '../../i18n/index.js'
import { describeOccurred } from '../../intake/occurred.js'
import { MAX_COMMITMENTS } from '../../routing/rank.js'
import type { ConsoleCaseView, VoiceRecordingInfo } from '../voice.js'
import { ConsoleLayout, Csrf, day } from './layout.js'
import { FacilitySection, type FacilitySectionProps } from './facility-section.js'
import {
  ConsentRecord,
  NgoActions,
  ShareSection,
  type ConsentRecordProps,
  type NgoActionsProps,
  type ShareProps,
} from './partners.js'

/** When it happened, in the reader's language. */
const occurred = (t: TFunction, value: string, lang: Lang) => {
  const d = describeOccurred(value, lang)
  return t(d.key, d.params)
}

/** The country's own working ages (catalog/countries.json), for child-labour cases. */
function minimumAge(t: TFunction, catalog: ReturnType<typeof getCatalog>, country: string, lang: Lang) {
  const c = catalog.countries[country]
  const a = c?.minimumAge
  if (!c || !a) return ''
  const key = a.light === undefined ? 'console:case.minimumAge' : 'console:case.minimumAgeLight'
  return t(key, { country: c.name[lang], general: a.general, light: a.light, hazardous: a.hazardous })
}

interface Props {
  lang: Lang
  t: TFunction
  actor: Actor
  kase: ConsoleCaseView
  monitors: { id: string; email: string }[]
  /** Sharing with organisations (admins and monitors only). */
  sharing?: Omit<ShareProps, 't' | 'actor' | 'caseId'> | undefined
  /** An NGO's own actions and its organisation's notes. */
  ngo?: Omit<NgoActionsProps, 't' | 'actor' | 'caseId'> | undefined
  /** The consent ledger (for an NGO: its organisation's consents). */
  consents?: Omit<ConsentRecordProps, 't' | 'actor' | 'caseId'> | undefined
  /** The case's facility: links from matching and staff, and the registry to choose from. */
  facility?: FacilitySectionProps | undefined
  error?: string | undefined
  done?: string | undefined
  /** Reply templates to pick from, and the chosen one's text in the case's language. */
  templates?: { id: string; name: string }[]
  template?: { id: string; text: string } | undefined
  /** Evidence files (console/views/evidence.tsx). */
  evidence?: EvidenceView[] | undefined
}

const Action = (p: {
  actor: Actor
  id: string
  name: string
  title: string
  children?: unknown
  submit: string
}) => (
  <form method="post" action={`/console/cases/${p.id}/${p.name}`} id={`action-${p.name}`}>
    <Csrf actor={p.actor} />
    <h3>{p.title}</h3>
    {p.children}
    <p>
      <button type="submit">{p.submit}</button>
    </p>
  </form>
)

function Actions(props: Props) {
  const { t, actor, kase, monitors } = props
  const next = TRANSITIONS[kase.status as keyof typeof TRANSITIONS] ?? []
  const catalog = getCatalog()
  // Voice access only where there is (or will be) audio for the custodian to open.
  const hasAudio = kase.voice.some((v) => v.state === 'stored' || v.state === 'pending')
  return (
    <section class="actions" aria-labelledby="actions-h">
      <h2 id="actions-h">{t('console:actions.title')}</h2>
      {next.length > 0 ? (
        <Action
          actor={actor}
          id={kase.id}
          name="status"
          title={t('console:actions.status')}
          submit={t('console:actions.save')}
        >
          <label for="status">{t('console:case.status')}</label>
          <select id="status" name="status">
            {next.map((s) => (
              <option value={s}>{t(`console:status.${s}`)}</option>
            ))}
          </select>
          <label for="outcome">{t('console:actions.outcome')}</label>
          <select id="outcome" name="outcome">
            <option value="">—</option>
            {OUTCOMES.map((o) => (
              <option value={o}>{t(`console:outcome.${o}`)}</option>
            ))}
          </select>
        </Action>
      ) : null}
      {props.templates && props.templates.length > 0 ? (
        <form method="get" action={`/console/cases/${kase.id}`} class="templates" id="use-template">
          <label for="template">{t('console:daily.templates.use')}</label>
          <select id="template" name="template">
            {props.templates.map((x) => (
              <option value={x.id} selected={props.template?.id === x.id}>
                {x.name}
              </option>
            ))}
          </select>{' '}
          <button type="submit" class="secondary">
            {t('console:daily.templates.fill', { lang: t(`common:lang.${kase.language}`) })}
          </button>
        </form>
      ) : null}
      <Action
        actor={actor}
        id={kase.id}
        name="question"
        title={t('console:actions.question')}
        submit={t('console:actions.send')}
      >
        <label for="question">{t('console:actions.questionHint')}</label>
        <textarea id="question" name="body" maxlength={2000} required>
          {props.template?.text ?? ''}
        </textarea>
      </Action>
      <Action
        actor={actor}
        id={kase.id}
        name="note"
        title={t('console:actions.note')}
        submit={t('console:actions.save')}
      >
        <label for="note">{t('console:actions.noteHint')}</label>
        <textarea id="note" name="note" maxlength={10000} required></textarea>
      </Action>
      <Action
        actor={actor}
        id={kase.id}
        name="assign"
        title={t('console:actions.assign')}
        submit={t('console:actions.save')}
      >
        <label for="assignTo">{t('console:case.assignedTo')}</label>
        <select id="assignTo" name="assignTo">
          {actor.role === 'admin' ? <option value="">{t('console:filter.unrouted')}</option> : null}
          {monitors.map((m) => (
            <option value={m.id} selected={kase.assignedTo === m.id}>
              {m.email}
            </option>
          ))}
        </select>
      </Action>
      <Action
        actor={actor}
        id={kase.id}
        name="commitments"
        title={t('console:actions.commitments')}
        submit={t('console:actions.save')}
      >
        <fieldset>
          <legend>{t('console:case.commitments')}</legend>
          {catalog.commitments
            .filter(
              (c) =>
                !c.meta && (!c.requires?.countries || c.requires.countries.includes(kase.country)),
            )
            // The case's own first, in its ranked order: saving keeps the primary first.
            .map((c, i) => ({ c, at: kase.commitments.indexOf(c.code), i }))
            .sort((a, b) => (a.at < 0 ? 1e6 + a.i : a.at) - (b.at < 0 ? 1e6 + b.i : b.at))
            .map(({ c }) => (
              <label class="check">
                <input
                  type="checkbox"
                  name="commitments"
                  value={c.code}
                  checked={kase.commitments.includes(c.code)}
                />
                {commitmentLabel(catalog, c, props.lang)}
              </label>
            ))}
        </fieldset>
      </Action>
      <Action
        actor={actor}
        id={kase.id}
        name="review-request"
        title={t('console:actions.reviewRequest')}
        submit={t('console:actions.save')}
      >
        <label for="on">{t('console:actions.reviewRequestHint')}</label>
        <input id="on" name="on" type="date" required />
      </Action>
      <Action
        actor={actor}
        id={kase.id}
        name="merge"
        title={t('console:actions.merge')}
        submit={t('console:actions.merge')}
      >
        <label for="into">{t('console:actions.mergeHint')}</label>
        <input id="into" name="into" type="text" required />
      </Action>
      <Action
        actor={actor}
        id={kase.id}
        name="access"
        title={t('console:actions.access')}
        submit={t('console:actions.request')}
      >
        <label for="what">{t('console:actions.accessWhat')}</label>
        <select id="what" name="what">
          {ACCESS_KINDS.filter((w) => w !== 'voice' || hasAudio).map((w) => (
            <option value={w}>{t(`console:access.${w}`)}</option>
          ))}
        </select>
        <label for="reason">{t('console:actions.reason')}</label>
        <textarea id="reason" name="reason" minlength={10} maxlength={1000} required></textarea>
      </Action>
      {props.sharing ? <ShareSection t={t} actor={actor} caseId={kase.id} {...props.sharing} /> : null}
    </section>
  )
}

/** Seconds as "2 min 14 s" (the wording of the voice case description). */
const duration = (t: TFunction, s: number) =>
  t('voice:case.duration', { min: Math.floor(s / 60), sec: s % 60 })

/**
 * The case's voice recordings: that they exist, how long, where they stand. The audio is sealed
 * to the custodian; the only way to hear it is an access request.
 */
function VoiceRecordings({ t, voice }: { t: TFunction; voice: VoiceRecordingInfo[] }) {
  return (
    <section id="voice" aria-labelledby="voice-h">
      <h2 id="voice-h">{t('console:voice.title')}</h2>
      <p>{t('console:voice.count', { count: voice.length })}</p>
      <ul>
        {voice.map((v) => (
          <li class={`voice-${v.state}`}>
            {t(`console:voice.purpose.${v.purpose}`, { defaultValue: v.purpose })}
            {v.durationS == null ? '' : ` · ${duration(t, v.durationS)}`} ·{' '}
            {t(`console:voice.state.${v.state}`)}
          </li>
        ))}
      </ul>
      <p class="notice">{t('console:voice.sealed')}</p>
    </section>
  )
}

export function CasePage(props: Props) {
  const { lang, t, actor, kase, error, done } = props
  const catalog = getCatalog()
  return (
    <ConsoleLayout lang={lang} t={t} title={kase.reference} actor={actor}>
      <h1>{kase.reference}</h1>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {done ? (
        <p class="notice" role="status">
          {t('console:actions.done')}
        </p>
      ) : null}
      {kase.mergedInto ? (
        <p class="notice">
          {t('console:case.mergedInto')}{' '}
          <a href={`/console/cases/${kase.mergedInto}`}>{kase.mergedInto}</a>
        </p>
      ) : null}
      <div class="cols">
        <div>
          <dl>
            <dt>{t('console:case.status')}</dt>
            <dd id="case-status">
              {t(`console:status.${kase.status}`)}
              {kase.outcome ? ` (${t(`console:outcome.${kase.outcome}`)})` : ''}
            </dd>
            <dt>{t('console:case.priority')}</dt>
            <dd>{t(`console:priority.${kase.priority}`)}</dd>
            <dt>{t('console:case.where')}</dt>
            <dd>
              {[
                kase.employer,
                kase.facility,
                kase.location,
                kase.country,
                kase.sector ? catalog.sectors[kase.sector]?.title[lang] : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </dd>
            <dt>{t('console:filter.channel')}</dt>
            <dd>{t(`console:channel.${kase.channel}`)}</dd>
            <dt>{t('console:case.received')}</dt>
            <dd>{day(kase.createdAt)}</dd>
            {kase.occurredOn ? (
              <>
                <dt>{t('console:case.occurred')}</dt>
                <dd>{occurred(t, kase.occurredOn, lang)}</dd>
              </>
            ) : null}
          </dl>
          <h2>{t('console:case.narrative')}</h2>
          <p class="narrative" lang={kase.language}>
            {kase.description}
          </p>
          {kase.voice.length > 0 ? <VoiceRecordings t={t} voice={kase.voice} /> : null}
          {props.evidence ? <EvidenceSection t={t} actor={actor} caseId={kase.id} evidence={props.evidence} /> : null}
          <h2>{t('console:case.commitments')}</h2>
          {/* Ranked: the primary first, then at most four more (routing/rank.ts). */}
          <ol id="commitments">
            {kase.commitmentDetails.slice(0, MAX_COMMITMENTS).map((c, i) => (
              <li>
                {i === 0 ? <span class="tag">{t('console:case.primary')}</span> : null}{' '}
                <strong>{c.article}</strong> {c.title} <span class="tag">{c.code}</span>
              </li>
            ))}
          </ol>
          {kase.commitmentDetails.length > MAX_COMMITMENTS ? (
            <p>{t('console:case.moreCommitments', { count: kase.commitmentDetails.length - MAX_COMMITMENTS })}</p>
          ) : null}
          {kase.rights.includes('child_labor') && catalog.countries[kase.country]?.minimumAge ? (
            <p id="minimum-age">{minimumAge(t, catalog, kase.country, lang)}</p>
          ) : null}
          {props.facility ? <FacilitySection {...props.facility} t={t} actor={actor} caseId={kase.id} /> : null}
          {kase.actBefore !== null ? (
            <p id="act-before" class="overdue">
              {t('console:escalation.page.actBefore', { date: day(kase.actBefore) })}
            </p>
          ) : null}
          <h2>{t('console:case.clocks')}</h2>
          <ul id="clocks">
            {kase.clocks.map((k) => (
              <li class={k.state} id={`clock-${k.id}`}>
                {t(k.label)}: {k.dueAt ? day(k.dueAt) : t('console:clock.waitingStart')} —{' '}
                {t(`console:clockState.${k.state}`)}
                {k.tag ? <span class="tag" title={k.source}>{`[${k.tag}]`}</span> : null}
              </li>
            ))}
          </ul>
          <h2>{t('console:escalation.page.escalations')}</h2>
          <ul id="escalations">
            {kase.escalations.map((e) => (
              <li>
                <a href={`/console/escalations/${e.id}`}>{e.kind}</a> · {t(`console:escalation.stage.${e.stage}`)}
              </li>
            ))}
          </ul>
          {kase.country === 'MX' ? (
            <form method="post" action="/console/escalations/dismissal" id="dismissal">
              <Csrf actor={actor} />
              <input type="hidden" name="caseId" value={kase.id} />
              <label for="dismissal-on">{t('console:escalation.page.dismissedOn')}</label>
              <input id="dismissal-on" name="on" type="date" required />
              <button type="submit">{t('console:escalation.page.record')}</button>
            </form>
          ) : null}
          <p>
            <a id="escalate" href={`/console/escalations/new?case=${encodeURIComponent(kase.reference)}`}>
              {t('console:escalation.page.escalate')}
            </a>
          </p>
          <h2>{t('console:case.messages')}</h2>
          <ul class="thread" id="messages">
            {kase.messages.map((m) => (
              <li class={m.direction}>
                <strong>{t(`console:direction.${m.direction}`)}</strong> · {day(m.at)} ·{' '}
                {t(`console:channel.${m.channel}`, { defaultValue: m.channel })}
                <p lang={m.direction === 'from_reporter' ? kase.language : undefined}>{m.body}</p>
              </li>
            ))}
          </ul>
          {kase.duplicates.length > 0 ? (
            <>
              <h2>{t('console:case.duplicates')}</h2>
              <ul>
                {kase.duplicates.map((d) => (
                  <li>
                    <a href={`/console/cases/${d.id}`}>{d.reference}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {props.consents ? <ConsentRecord t={t} actor={actor} caseId={kase.id} {...props.consents} /> : null}
          <h2>{t('console:case.timeline')}</h2>
          <ol id="timeline">
            {kase.timeline.map((e) => (
              <li>
                {day(e.at)} · {t(`console:event.${e.kind}`, { defaultValue: e.kind })}
                {e.kind === 'status' ? ` → ${t(`console:status.${String(e.data.to)}`)}` : ''}
                {e.kind === 'voice_recording'
                  ? ` · ${t(`console:voice.state.${String(e.data.state)}`, { defaultValue: '' })}`
                  : ''}
                {e.note ? <p class="narrative">{e.note}</p> : null}
              </li>
            ))}
          </ol>
          {actor.role !== 'ngo' && kase.accessRequests.length > 0 ? (
            <>
              <h2>{t('console:case.accessRequests')}</h2>
              <ul>
                {kase.accessRequests.map((r) => (
                  <li>
                    {t(`console:access.${r.what}`)} · {day(r.requestedAt)} ·{' '}
                    {r.decision
                      ? t(`console:decision.${r.decision}`)
                      : t('console:decision.pending')}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
        {actor.role === 'admin' || actor.role === 'monitor' ? <Actions {...props} /> : null}
        {actor.role === 'ngo' && props.ngo ? <NgoActions t={t} actor={actor} caseId={kase.id} {...props.ngo} /> : null}
      </div>
    </ConsoleLayout>
  )
}
