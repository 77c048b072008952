/**
 * @module scripts/dev-edge
 * `npm run dev:edge`: the hotline on a local Workers runtime (wrangler dev + local D1), offline.
 *   1. ensures `.dev.vars` (git-ignored) with development keys. Workers have no file system, so
 *      keys cannot be generated on first request as on Node: they are made here, with libsodium
 *      in Node. When the Node runtime already made keys (data/server.env), the same are reused;
 *      otherwise new ones are written to data/server.env and data/custodian.key as well;
 *   2. extracts libsodium's WebAssembly (`npm run build:wasm`);
 *   3. applies migrations/ to the local D1 (`wrangler d1 migrations apply DB --local`) and seeds
 *      the demo staff and cases into it (`npm run hotline -- seed demo --edge`, which prints the
 *      demo password and the enrolment codes on first run);
 *   4. runs `wrangler dev --local --ip 127.0.0.1 --port $PORT` (default 8788).
 * Development only: production secrets are set with `wrangler secret put`.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const port = Number(process.env.PORT ?? 8788)
const wranglerBin = join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js')
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
}

/** KEY=value lines (the format of data/server.env and .dev.vars). */
function parseEnvFile(text) {
  const out = {}
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*"?(.*?)"?\s*$/.exec(line)
    if (m) out[m[1]] = m[2]
  }
  return out
}

/** Development keys: reuse the Node runtime's, or generate and keep them for both runtimes. */
async function devSecrets() {
  const dataDir = join(root, 'data')
  const serverEnv = join(dataDir, 'server.env')
  if (existsSync(serverEnv)) {
    const vars = parseEnvFile(readFileSync(serverEnv, 'utf8'))
    if (vars.DATA_KEY && vars.CUSTODIAN_PUBLIC_KEY) {
      console.log('dev:edge: using the development keys in data/server.env')
      return vars
    }
  }
  const { default: sodium } = await import('libsodium-wrappers-sumo')
  await sodium.ready
  const b64 = (bytes) => sodium.to_base64(bytes, sodium.base64_variants.ORIGINAL)
  const kp = sodium.crypto_box_keypair()
  const vars = {
    DATA_KEY: b64(sodium.crypto_kdf_keygen()),
    CUSTODIAN_PUBLIC_KEY: b64(kp.publicKey),
    TWILIO_AUTH_TOKEN: sodium.to_hex(sodium.randombytes_buf(16)),
  }
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(
    serverEnv,
    '# Generated for development (npm run dev:edge). Never use these in production.\n' +
      Object.entries(vars)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    { mode: 0o600 },
  )
  writeFileSync(join(dataDir, 'custodian.key'), `${b64(kp.privateKey)}\n`, { mode: 0o600 })
  console.log(
    'dev:edge: development keys generated. The custodian private key is in data/custodian.key: ' +
      'only for trying the hotline locally; in production the custodian keeps it offline.',
  )
  return vars
}

/** Write .dev.vars when it is missing (wrangler dev reads it as secrets). */
async function ensureDevVars() {
  const file = join(root, '.dev.vars')
  if (existsSync(file)) return
  const { DATA_KEY, CUSTODIAN_PUBLIC_KEY, TWILIO_AUTH_TOKEN } = await devSecrets()
  writeFileSync(
    file,
    '# Development secrets for `npm run dev:edge` (git-ignored), by scripts/dev-edge.mjs.\n' +
      `DATA_KEY="${DATA_KEY}"\nCUSTODIAN_PUBLIC_KEY="${CUSTODIAN_PUBLIC_KEY}"\n` +
      `TWILIO_AUTH_TOKEN="${TWILIO_AUTH_TOKEN}"\n`,
    { mode: 0o600 },
  )
  console.log('dev:edge: wrote .dev.vars')
}

/** Run a step to completion; exit with its status when it fails. */
function step(args, label) {
  const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' })
  if (r.status !== 0) {
    console.error(`dev:edge: ${label} failed`)
    process.exit(r.status ?? 1)
  }
}

async function main() {
  await ensureDevVars()
  step([join(root, 'scripts', 'extract-sodium-wasm.mjs')], 'build:wasm')
  step([wranglerBin, 'd1', 'migrations', 'apply', 'DB', '--local'], 'D1 migrations')
  // Demo staff and cases in the local D1, as `npm start` seeds them on first start (issue 20).
  step(['--import', 'tsx', join(root, 'src', 'cli.ts'), 'seed', 'demo', '--edge'], 'seed demo')
  const dev = spawn(
    process.execPath,
    [
      wranglerBin,
      'dev',
      '--local',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--var',
      `PUBLIC_BASE_URL:http://localhost:${port}`,
    ],
    { cwd: root, env, stdio: 'inherit' },
  )
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => dev.kill(sig))
  dev.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)))
}

main().catch((err) => {
  console.error('dev:edge:', err)
  process.exit(1)
})
