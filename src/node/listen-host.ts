/**
 * @module node/listen-host
 * Which address the Node server listens on. Development mode generates keys, seeds demo staff
 * and runs the phone simulator: it stays on this machine unless told otherwise with
 * HOTLINE_ALLOW_PUBLIC_DEV=1. Production listens where HOST says (a reverse proxy in front).
 */
import { isLoopbackHost } from '../loopback.js'

/** The listen address from the environment; throws, naming the variable, when refused. */
export function listenHost(env: Record<string, string | undefined>): string {
  const host = env.HOST?.trim() || '127.0.0.1'
  const development = (env.HOTLINE_ENV ?? 'development') === 'development'
  if (development && !isLoopbackHost(host) && env.HOTLINE_ALLOW_PUBLIC_DEV !== '1') {
    throw new Error(
      `HOST=${host} is not a loopback address: development mode (demo staff, the phone ` +
        `simulator) stays on this machine. Set HOTLINE_ALLOW_PUBLIC_DEV=1 to listen on ${host} anyway.`,
    )
  }
  return host
}
