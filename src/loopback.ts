/**
 * @module loopback
 * Whether a host name or address can only be this machine: `localhost`, 127.0.0.0/8, ::1
 * (with or without brackets), IPv4-mapped 127.x. Used to keep development-only features (the
 * phone simulator, a development server) on this machine.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1')
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true
  const m = /^(?:::ffff:)?127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h)
  return m !== null && m.slice(1).every((n) => Number(n) <= 255)
}
