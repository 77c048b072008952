/**
 * @module evidence/crc32
 * CRC-32 (IEEE 802.3, as PNG uses it) and the Ogg variant (polynomial 0x04C11DB7, not reflected).
 */
let table: Uint32Array | undefined
let oggTable: Uint32Array | undefined

export function crc32(bytes: Uint8Array): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const t = table
  let c = 0xffffffff
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

export function oggCrc(bytes: Uint8Array): number {
  oggTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n << 24
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1
    return c >>> 0
  })
  const t = oggTable
  let c = 0
  for (let i = 0; i < bytes.length; i++) c = ((c << 8) ^ t[((c >>> 24) ^ bytes[i]!) & 0xff]!) >>> 0
  return c >>> 0
}
