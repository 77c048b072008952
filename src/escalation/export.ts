/**
 * @module escalation/export
 * A package as Markdown, JSON or print-ready HTML, with a print stylesheet (A4 margins, no page
 * break inside a case, URLs printed). The HTML links the stylesheet from /console/assets/package.css
 * (the console's strict CSP allows only same-origin styles) and also carries it inline, so a saved
 * copy opened from disk, where no CSP applies, prints the same.
 */
import type { TFunction } from '../i18n/index.js'
import type { Package } from './package.js'

export const FORMATS = ['md', 'json', 'html'] as const
export type Format = (typeof FORMATS)[number]

export const PACKAGE_CSS = `body{font:11pt/1.45 Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.5rem}h2{font-size:1.15rem;border-bottom:1px solid #999;margin-top:1.6rem}
dt{font-weight:bold;margin-top:.6rem}dd{margin:0 0 0 1rem;white-space:pre-wrap}
.case{border:1px solid #ccc;padding:.5rem 1rem;margin:.8rem 0}.meta{color:#444;font-size:.9rem}
.missing{color:#a00}.original{background:#fffbe6;padding:.4rem;white-space:pre-wrap}
@media print{@page{size:A4;margin:18mm}body{margin:0;max-width:none;font-size:10.5pt}
.case,dl>div{break-inside:avoid}a[href]::after{content:" (" attr(href) ")";font-size:.8em}}`


const esc = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

export function toJson(p: Package): string {
  return JSON.stringify(p, null, 2)
}

export function toMarkdown(p: Package, t: TFunction): string {
  const out: string[] = [`# ${p.forum.name}`, '']
  out.push(`- ${t('console:escalation.export.id')}: ${p.id}`)
  out.push(`- ${t('console:escalation.export.stage')}: ${t(`console:escalation.stage.${p.stage}`)}`)
  if (p.filer) out.push(`- ${t('console:escalation.export.filer')}: ${p.filer}`)
  out.push(`- ${t('console:escalation.export.source')}: ${p.forum.source}`, '')
  out.push(`## ${t('console:escalation.export.fields')}`, '')
  for (const f of p.fields) {
    out.push(`### ${f.label}`, '', f.missing ? `_${f.value}_` : f.value, '')
  }
  out.push(`## ${t('console:escalation.export.cases')}`, '')
  for (const c of p.cases) {
    out.push(`### ${c.reference}`, '')
    out.push(`- ${t('console:escalation.export.where')}: ${[c.facility, c.employer, c.location, c.country].filter(Boolean).join(', ')}`)
    if (c.occurredOn) out.push(`- ${t('console:escalation.export.when')}: ${c.occurredOn}`)
    out.push(`- ${t('console:escalation.export.commitments')}: ${c.commitments.map((x) => x.article).join('; ')}`)
    out.push(`- ${t('console:escalation.export.identity')}: ${c.identity}`, '', c.description, '')
    if (c.original !== undefined) out.push(`> ${t('console:escalation.export.original')}:`, '>', ...c.original.split('\n').map((l) => `> ${l}`), '')
  }
  if (p.clocks.length) {
    out.push(`## ${t('console:escalation.export.clocks')}`, '')
    for (const k of p.clocks) out.push(`- ${k.dueOn}: ${k.rule} (${k.cite}) [${k.verified}]`)
    out.push('')
  }
  if (p.stages.length) {
    out.push(`## ${t('console:escalation.export.stages')}`, '')
    for (const s of p.stages) out.push(`- ${s.on}: ${t(`console:escalation.stage.${s.stage}`)}${s.outcome ? ` (${s.outcome})` : ''}`)
    out.push('')
  }
  return out.join('\n')
}

export function toHtml(p: Package, t: TFunction): string {
  const fields = p.fields
    .map((f) => `<div><dt>${esc(f.label)}</dt><dd${f.missing ? ' class="missing"' : ''}>${esc(f.value)}</dd></div>`)
    .join('')
  const cases = p.cases
    .map(
      (c) => `<section class="case"><h3>${esc(c.reference)}</h3>
<p class="meta">${esc([c.facility, c.employer, c.location, c.country].filter(Boolean).join(', '))}${c.occurredOn ? ` · ${esc(c.occurredOn)}` : ''}</p>
<p class="meta">${esc(c.commitments.map((x) => x.article).join('; '))}</p>
<p>${esc(c.description)}</p>
${c.original !== undefined ? `<p class="original"><strong>${esc(t('console:escalation.export.original'))}:</strong> ${esc(c.original)}</p>` : ''}
<p class="meta">${esc(t('console:escalation.export.identity'))}: ${esc(c.identity)}</p></section>`,
    )
    .join('\n')
  const clocks = p.clocks.length
    ? `<h2>${esc(t('console:escalation.export.clocks'))}</h2><ul>${p.clocks
        .map((k) => `<li id="clock-${esc(k.id)}"><strong>${esc(k.dueOn)}</strong>: ${esc(k.rule)} (${esc(k.cite)}) [${esc(k.verified)}]</li>`)
        .join('')}</ul>`
    : ''
  return `<!doctype html>
<html lang="${p.language}"><head><meta charset="utf-8"><title>${esc(p.forum.name)} · ${esc(p.id)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/console/assets/package.css"><style>${PACKAGE_CSS}</style></head><body>
<h1>${esc(p.forum.name)}</h1>
<p class="meta">${esc(t('console:escalation.export.id'))}: ${esc(p.id)} · ${esc(t('console:escalation.export.stage'))}: ${esc(t(`console:escalation.stage.${p.stage}`))}${p.filer ? ` · ${esc(t('console:escalation.export.filer'))}: ${esc(p.filer)}` : ''}</p>
<p class="meta">${esc(t('console:escalation.export.source'))}: <a href="${esc(p.forum.source)}">${esc(p.forum.source)}</a></p>
<h2>${esc(t('console:escalation.export.fields'))}</h2><dl>${fields}</dl>
<h2>${esc(t('console:escalation.export.cases'))}</h2>
${cases}
${clocks}
</body></html>`
}
