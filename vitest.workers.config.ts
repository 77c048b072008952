/**
 * @module vitest.workers.config
 * Tests that run inside workerd with a real local D1 (`npm run test:workers`, after
 * `npm run build:wasm`). Bindings and flags come from wrangler.toml; the pool ignores wrangler's
 * [alias], so libsodium's precompiled-wasm loader is aliased again here.
 */
import { fileURLToPath } from 'node:url'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'
import { startSmtp } from './test/helpers/smtp.js'

const path = (p: string) => fileURLToPath(new URL(p, import.meta.url))

/**
 * Fixed test keys: DATA_KEY = 32 × 0x01; the custodian's public key is that of the private key
 * 32 × 0x03 (crypto_scalarmult_base), so that the evidence test can release a file's key as the
 * custodian does (test/workers/evidence.test.ts).
 */
const TEST_VARS = {
  HOTLINE_ENV: 'development',
  PUBLIC_BASE_URL: 'http://localhost:8788',
  DATA_KEY: btoa(String.fromCharCode(...new Uint8Array(32).fill(1))),
  CUSTODIAN_PUBLIC_KEY: 'Xf7dO2vUf2+ijuFdlp1bsOpTd01Ii9r53xxuASSz7yI=',
  TWILIO_AUTH_TOKEN: 'test-token-0123456789abcdef',
}

/**
 * A real SMTP server on loopback, in this (Node) process: the Worker sends staff notifications to
 * it over cloudflare:sockets (test/workers/notifications.test.ts), and reads what it received
 * through the SMTP_INBOX service binding.
 */
const smtp = await startSmtp({ unref: true })

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      main: './src/worker.ts',
      remoteBindings: false,
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: { ...TEST_VARS, TEST_MIGRATIONS: await readD1Migrations(path('./migrations')), TEST_SMTP_URL: smtp.url },
        serviceBindings: {
          // GET: the mails received so far (JSON); POST ?refuse=451|0: refuse from now on, or not.
          SMTP_INBOX: async (request: Request) => {
            const url = new URL(request.url)
            if (request.method === 'POST') smtp.refuse = Number(url.searchParams.get('refuse')) || undefined
            return Response.json(smtp.mails)
          },
        },
      },
    })),
  ],
  resolve: {
    alias: { 'libsodium-sumo': path('./src/workers/libsodium-sumo-loader.ts') },
  },
  test: {
    name: 'workers',
    include: ['test/workers/**/*.test.ts'],
    setupFiles: ['./test/workers/apply-migrations.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
})
