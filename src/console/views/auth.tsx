/** @jsxImportSource hono/jsx */
/**
 * @module console/views/auth
 * Sign-in pages: e-mail and password; the TOTP code; TOTP enrolment (the one-time enrolment
 * code from an administrator, the QR code as inline SVG and the secret as text, for apps that
 * cannot scan).
 */
import { raw } from 'hono/html'
import type { Lang, TFunction } from '../../i18n/index.js'
import { ConsoleLayout } from './layout.js'

interface Base {
  lang: Lang
  t: TFunction
  error?: string | undefined
}

export function LoginPage({ lang, t, error }: Base) {
  return (
    <ConsoleLayout lang={lang} t={t} title={t('console:login.title')}>
      <h1>{t('console:login.title')}</h1>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <form method="post" action="/console/login">
        <label for="email">{t('console:login.email')}</label>
        <input id="email" name="email" type="email" autocomplete="username" required />
        <label for="password">{t('console:login.password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
        />
        <p>
          <button type="submit">{t('console:login.submit')}</button>
        </p>
      </form>
    </ConsoleLayout>
  )
}

function CodeField({ t }: { t: TFunction }) {
  return (
    <>
      <label for="code">{t('console:totp.code')}</label>
      <input
        id="code"
        name="code"
        type="text"
        inputmode="numeric"
        autocomplete="one-time-code"
        pattern="[0-9 ]{6,7}"
        required
      />
      <p>
        <button type="submit">{t('console:totp.submit')}</button>
      </p>
    </>
  )
}

function CodeForm({ t }: { t: TFunction }) {
  return (
    <form method="post" action="/console/totp">
      <CodeField t={t} />
    </form>
  )
}

export function TotpPage({ lang, t, error }: Base) {
  return (
    <ConsoleLayout lang={lang} t={t} title={t('console:totp.title')}>
      <h1>{t('console:totp.title')}</h1>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <p>{t('console:totp.hint')}</p>
      <CodeForm t={t} />
    </ConsoleLayout>
  )
}

export function EnrolPage({
  lang,
  t,
  error,
  qrSvg,
  secret,
}: Base & { qrSvg: string; secret: string }) {
  return (
    <ConsoleLayout lang={lang} t={t} title={t('console:enrol.title')}>
      <h1>{t('console:enrol.title')}</h1>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <form method="post" action="/console/totp">
        <label for="enrol_code">{t('console:enrol.code')}</label>
        <input
          id="enrol_code"
          name="enrol_code"
          type="text"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          aria-describedby="enrol-code-hint"
          required
        />
        <p id="enrol-code-hint" class="hint">
          {t('console:enrol.codeHint')}
        </p>
        <p>{t('console:enrol.scan')}</p>
        <div class="qr" role="img" aria-label={t('console:enrol.qr')}>
          {raw(qrSvg)}
        </div>
        <p>{t('console:enrol.manual')}</p>
        <p class="secret" id="totp-secret">
          {secret.replace(/(.{4})(?=.)/g, '$1 ')}
        </p>
        <CodeField t={t} />
      </form>
    </ConsoleLayout>
  )
}
