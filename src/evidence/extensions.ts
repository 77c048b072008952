/**
 * @module evidence/extensions
 * The file extension of each stored type, for the names files are opened under
 * (`evidence-<id>.<ext>`: never the name the worker gave the file).
 */
export const EXTENSION: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'audio/ogg; codecs=opus': 'opus',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/wav': 'wav',
}
