/** @jsxImportSource hono/jsx */
/**
 * @module channels/web/evidence-field
 * The file input of the report form and the follow-up page: up to 3 photos, documents or voice
 * notes (`file`), with what is accepted and what happens to them. A plain multipart input: no
 * script needed.
 */
import type { TFunction } from '../../i18n/index.js'
import { MAX_FILE_BYTES, MAX_FILES } from '../../evidence/limits.js'

/** What the picker offers (the server decides by the bytes, whatever is picked). */
export const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf,audio/ogg,audio/mpeg,audio/mp4,audio/x-m4a,audio/wav,.opus,.m4a'

export function EvidenceField({ t, error }: { t: TFunction; error?: string }) {
  const params = { max: MAX_FILES, mb: MAX_FILE_BYTES / 1024 / 1024 }
  return (
    <div class="field">
      <label for="file">{t('web:attachments.label')}</label>
      <p class="hint" id="file-hint">
        {t('web:attachments.hint', params)} {t('web:attachments.privacy')}
      </p>
      {error ? (
        <p class="error" id="file-error">
          {error}
        </p>
      ) : null}
      <input
        type="file"
        id="file"
        name="file"
        multiple
        accept={ACCEPT}
        aria-describedby={error ? 'file-hint file-error' : 'file-hint'}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  )
}
