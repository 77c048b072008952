/**
 * @module views/error-page
 * A tiny HTML error page (no JSX, so the error handler never fails while rendering).
 */
import { html } from 'hono/html'
import type { Lang } from '../i18n/index.js'

export function errorPage(lang: Lang, message: string) {
  return html`<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/app.css"><title>${message}</title></head>
<body><main><h1>${message}</h1><p><a href="/${lang}/">←</a></p></main></body></html>`
}
