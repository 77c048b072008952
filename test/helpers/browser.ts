/**
 * @module test/helpers/browser
 * Real-browser test plumbing: Debian's Chromium driven by playwright-core (never a downloaded
 * browser), the real app served on 127.0.0.1, axe-core injected over the DevTools protocol (not
 * through a <script>, which the CSP rightly blocks), and mobile screenshots kept as artifacts.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { chromium, type Browser, type Page } from 'playwright-core'
import { totpCode } from '../../src/staff/totp.js'
import type { TestRuntime } from './runtime.js'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Skip only on a developer machine without Chromium; in CI the browser tests must run. */
export const skipBrowser = !existsSync(CHROMIUM) && !process.env.CI

export const SCREENSHOTS = join(process.cwd(), 'artifacts', 'screenshots')

/** The mobile viewport of a cheap phone. */
export const MOBILE = { width: 360, height: 740 }

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })
}

export interface Served {
  origin: string
  close(): Promise<void>
}

/** Serve the test runtime's app on a free loopback port. */
export function serveApp(rt: TestRuntime): Promise<Served> {
  return new Promise((resolve) => {
    const server = serve(
      { fetch: rt.app.fetch, hostname: '127.0.0.1', port: 0 },
      (info: AddressInfo) => {
        resolve({
          origin: `http://127.0.0.1:${info.port}`,
          close: () => new Promise<void>((done) => server.close(() => done())),
        })
      },
    )
  })
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: string[]
}

/** Run axe-core on the page; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(ctx: unknown, o: unknown): Promise<{ violations: any[] }> }
      }
    ).axe
    const r = await axe.run(document, { resultTypes: ['violations'] })
    return r.violations.map((v) => ({
      id: v.id as string,
      impact: v.impact as string | null,
      help: v.help as string,
      nodes: (v.nodes as { target: string[] }[]).map((n) => n.target.join(' ')),
    }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** Save a full-page screenshot to artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true })
}

/** Sign a staff account in through the console's pages, computing its TOTP code as an app would. */
export async function signIn(
  page: Page,
  origin: string,
  s: { email: string; secret: string },
  now: number,
  password = 'correct horse battery staple', // test/console/setup.ts PASSWORD
): Promise<void> {
  await page.goto(`${origin}/console/login`)
  await page.fill('#email', s.email)
  await page.fill('#password', password)
  await page.click('button[type=submit]')
  await page.waitForURL('**/console/totp')
  await page.fill('#code', totpCode(s.secret, now))
  await page.click('form[action="/console/totp"] button[type=submit]')
  await page.waitForURL(/\/console\/(queue|custodian)/)
}
