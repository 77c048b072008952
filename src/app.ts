/**
 * @module app
 * `createApp(resolve)` builds the Hono app both runtimes mount. `resolve` returns the Deps for a
 * request (built once by the Node entry; built lazily per isolate on Workers).
 * This is the one place that shows every route prefix: each sub-app is mounted here under its
 * full prefix, and a sub-app's own paths are relative to it.
 */
import { Hono, type Context } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import type { AppEnv, Deps } from './deps.js'
import { AppError } from './errors.js'
import { LANG_PARAM } from './i18n/languages.js'
import { limitBody } from './middleware/body.js'
import { handleError, renderError } from './middleware/errors.js'
import { language } from './middleware/language.js'
import { requestLog } from './middleware/request-log.js'
import { publicRoutes } from './routes/public.js'
import { reportApi } from './routes/report-api.js'
import { transparencyRoutes } from './routes/transparency.js'
import { followUpRoutes } from './channels/web/follow-up-routes.js'
import { reportRoutes } from './channels/web/report-routes.js'
import { smsRoutes } from './channels/sms/routes.js'
import { whatsappRoutes } from './channels/whatsapp/routes.js'
import { voiceRoutes } from './channels/voice/routes.js'
import { devPhoneRoutes } from './channels/dev/phone.js'
import { statusRoutes } from './channels/twilio/status.js'
import { staffApi } from './console/api.js'
import { ngoApi } from './console/ngo-api.js'
import { consentsApi } from './console/consents-api.js'
import { escalationsApi } from './console/escalations-api.js'
import { ngoPages } from './console/ngo-pages.js'
import { escalationPages } from './console/escalation-pages.js'
import { authRoutes } from './console/auth-routes.js'
import { custodianPages } from './console/custodian.js'
import { casePages } from './console/pages.js'
import { dailyPages } from './console/daily.js'
import { auditPages } from './console/audit-page.js'
import { retentionPages } from './console/retention-page.js'
import { consoleAssets, consoleLanguage } from './console/routes.js'
import { staffPages } from './console/staff.js'
import { caseFacilityApi, facilitiesApi } from './console/facilities-api.js'
import { caseFacilityPages, facilityPages } from './console/facilities.js'
import { statsApi } from './console/stats-api.js'
import { statsPages } from './console/stats-pages.js'
import { staffManagePages } from './console/staff-manage.js'
import { evidenceApi } from './routes/evidence-api.js'
import { evidencePages } from './console/evidence-pages.js'
import { accountPages } from './console/account.js'
import { exceptUploads } from './middleware/uploads.js'

/** The largest request body any route accepts (a report is at most 25,000 characters). */
export const MAX_BODY_BYTES = 256 * 1024

/** The language prefix of the reporter's pages, from the registry (the language middleware reads the same). */
const LANG = LANG_PARAM

export type ResolveDeps = (c: Context) => Deps | Promise<Deps>

export function createApp(resolve: ResolveDeps) {
  const app = new Hono<AppEnv>()
  app.use(async function injectDeps(c, next) {
    c.set('deps', await resolve(c))
    await next()
  })
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      crossOriginResourcePolicy: 'same-origin',
      permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    }),
  )
  app.use(async function noStore(c, next) {
    await next()
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store')
  })
  app.use(language)
  app.use(requestLog)
  // A ceiling for every request body; routes set tighter limits of their own. Evidence uploads
  // (multipart to the upload paths) have their own (evidence/limits.ts).
  app.use(exceptUploads(limitBody(MAX_BODY_BYTES)))
  app.onError(handleError)
  app.notFound((c) => renderError(c, new AppError('not_found')))

  // Public pages: /health, /assets/app.css, the language chooser at / and /{lang}/.
  app.route('/', publicRoutes)
  // The reporter's web pages (server-rendered, no script).
  app.route(`/${LANG}/report`, reportRoutes)
  app.route(`/${LANG}/follow-up`, followUpRoutes)
  app.route(`/${LANG}/transparency`, transparencyRoutes)
  // JSON API: the reporter's (/reports, /follow-up…) and the staff's cases.
  app.route('/api/v1', reportApi)
  app.route('/api/v1/cases', staffApi)
  app.route('/api/v1/ngo', ngoApi)
  app.route('/api/v1/consents', consentsApi)
  app.route('/api/v1/facilities', facilitiesApi)
  app.route('/api/v1/cases', caseFacilityApi) // /:id/facility
  app.route('/api/v1/escalations', escalationsApi)
  app.route('/api/v1/stats', statsApi)
  // Evidence: /follow-up/attachments (reporter), /cases/:id/attachments (staff).
  app.route('/api/v1', evidenceApi)
  // Twilio webhooks.
  app.route('/twilio/sms', smsRoutes)
  app.route('/twilio/whatsapp', whatsappRoutes)
  app.route('/twilio/voice', voiceRoutes)
  app.route('/twilio/status', statusRoutes)
  app.route('/dev', devPhoneRoutes) // development only: every route answers 404 in production
  // Staff console: sign-in at /console/, /console/login, /console/totp, /console/logout;
  // /console/queue and /console/cases/:id…; the custodian's and the admin's pages.
  app.use('/console/*', consoleLanguage)
  app.route('/console/assets', consoleAssets)
  app.route('/console', authRoutes)
  app.get('/console/', (c) => c.redirect('/console', 308)) // the old header link (issue 20)
  app.route('/console', casePages)
  app.route('/console', dailyPages) // bulk actions, saved filters, reply templates (issue 20)
  app.route('/console/account', accountPages) // e-mail notifications, each staff member's own (issue 20)
  app.route('/console/audit', auditPages) // the audit-log viewer, admins only (issue 20)
  app.route('/console/retention', retentionPages) // retention settings as data, admins only (issue 20)
  app.route('/console/custodian', custodianPages)
  app.route('/console/staff', staffPages)
  app.route('/console/staff', staffManagePages) // add accounts, scopes, tokens (issue 20)
  app.route('/console/ngo', ngoPages)
  app.route('/console/facilities', facilityPages)
  app.route('/console', caseFacilityPages) // /cases/:id/facility
  app.route('/console/escalations', escalationPages)
  app.route('/console/stats', statsPages)
  app.route('/console', evidencePages)
  return app
}

export type App = ReturnType<typeof createApp>
