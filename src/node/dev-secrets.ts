/**
 * @module node/dev-secrets
 * Development only: on first start, generate a DATA_KEY, a custodian key pair and a Twilio
 * auth token for the phone simulator, next to the database. Production never comes here.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { encodeBase64 } from '../config.js'
import { generateKeys } from '../privacy/crypto.js'
import type { Sodium } from '../privacy/sodium.js'

/** Parse KEY=value lines. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line)
    if (m) out[m[1]!] = m[2]!
  }
  return out
}

/**
 * Fill missing development secrets from `<data dir>/server.env`, creating it (and
 * `custodian.key`) when absent. Returns the merged variables and whether anything was created.
 */
export function ensureDevSecrets(
  sodium: Sodium,
  vars: Record<string, string | undefined>,
): { vars: Record<string, string | undefined>; created: string | undefined } {
  // Keys given by the environment (e.g. `--edge`, from .dev.vars) are used as they are: a key
  // pair made here would not match them.
  if (vars.DATA_KEY && vars.CUSTODIAN_PUBLIC_KEY) return { vars, created: undefined }
  const dbPath = resolve(vars.DATABASE_PATH ?? './data/hotline.db')
  const dir = dirname(dbPath)
  const envFile = join(dir, 'server.env')
  let created: string | undefined
  if (!existsSync(envFile)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    const k = generateKeys(sodium)
    const token = sodium.to_hex(sodium.randombytes_buf(16))
    writeFileSync(
      envFile,
      `# Generated for development on first start. Never use these in production.\n` +
        `DATA_KEY=${encodeBase64(k.dataKey)}\nCUSTODIAN_PUBLIC_KEY=${encodeBase64(k.custodianPublicKey)}\n` +
        `TWILIO_AUTH_TOKEN=${token}\n`,
      { mode: 0o600 },
    )
    writeFileSync(join(dir, 'custodian.key'), `${encodeBase64(k.custodianPrivateKey)}\n`, { mode: 0o600 })
    created = dir
  }
  const fileVars = parseEnvFile(readFileSync(envFile, 'utf8'))
  const merged = { ...vars }
  for (const [k, v] of Object.entries(fileVars)) if (!merged[k]) merged[k] = v
  return { vars: merged, created }
}
