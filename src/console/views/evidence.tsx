/** @jsxImportSource hono/jsx */
/**
 * @module console/views/evidence
 * The case page's evidence: each file's kind, type, size, pages or length and who sent it; per
 * file, a request to the custodian (admin, monitor), and an Open button once an approval is
 * usable (for a worker's file: once the custodian has also released it), or for the
 * organisation's own uploads; an upload form (multipart, no script).
 */
import type { Actor } from '../../cases/scope.js'
import type { EvidenceView } from '../../evidence/access.js'
import type { TFunction } from '../../i18n/index.js'
import { Csrf } from './layout.js'

const kb = (n: number) => Math.max(1, Math.round(n / 1024))

export function EvidenceSection(p: { t: TFunction; actor: Actor; caseId: string; evidence: EvidenceView[] }) {
  const { t, actor, caseId } = p
  const worker = actor.role === 'admin' || actor.role === 'monitor'
  return (
    <section id="evidence" aria-labelledby="evidence-h">
      <h2 id="evidence-h">{t('console:evidence.title')}</h2>
      {p.evidence.length === 0 ? <p>{t('console:evidence.none')}</p> : null}
      <ul>
        {p.evidence.map((e) => (
          <li class={`evidence-${e.kind}`} id={`evidence-${e.id}`}>
            {t(`console:evidence.kind.${e.kind}`)} · {e.mime} · {t('console:evidence.size', { kb: kb(e.size) })}
            {e.pages != null ? ` · ${t('console:evidence.pages', { count: e.pages })}` : ''}
            {e.durationS != null ? ` · ${t('console:evidence.seconds', { count: e.durationS })}` : ''} ·{' '}
            {t(`console:evidence.source.${e.source}`)} · {t(`console:evidence.access.${e.own ? 'own' : e.access}`)}
            {e.own || (worker && e.access === 'approved') ? (
              <form method="post" action={`/console/cases/${caseId}/evidence/${e.id}/open`} class="inline">
                <Csrf actor={actor} />
                <button type="submit">{t('console:evidence.open')}</button>
              </form>
            ) : null}
            {worker && e.access !== 'pending' && e.access !== 'approved' && e.access !== 'release' ? (
              <form method="post" action={`/console/cases/${caseId}/evidence/${e.id}/access`}>
                <Csrf actor={actor} />
                <label for={`reason-${e.id}`}>{t('console:evidence.reason')}</label>
                <textarea id={`reason-${e.id}`} name="reason" minlength={10} maxlength={1000} required></textarea>
                <button type="submit">{t('console:evidence.request')}</button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      <p class="notice">{t('console:evidence.sealed')}</p>
      <form method="post" action={`/console/cases/${caseId}/attachments`} enctype="multipart/form-data">
        <Csrf actor={actor} />
        <label for="evidence-file">{t('console:evidence.upload')}</label>
        <input type="file" id="evidence-file" name="file" multiple />
        <button type="submit">{t('console:evidence.send')}</button>
      </form>
    </section>
  )
}
