/**
 * @module store/voice-notes
 * WhatsApp voice notes live in `voice_recordings` beside call recordings (purpose `voice_note`),
 * so that staff see them, the custodian opens them and retention purges them the same way. Two
 * statements of their own: the head row without a length (Twilio does not say how long a voice
 * note is), and the length once the fetched audio has been read.
 */
import { stmt, type Statement } from './port.js'

/** The empty head row of a voice note (a repeat changes nothing). */
export function insertVoiceNote(r: { id: string; caseId: string; at: number }): Statement {
  return stmt(
    `INSERT OR IGNORE INTO voice_recordings (id, case_id, purpose, audio_sealed, duration_s, created_at)
     VALUES (?, ?, 'voice_note', NULL, NULL, ?)`,
    r.id,
    r.caseId,
    r.at,
  )
}

/** Record a voice note's length in seconds (read from the audio before it was sealed). */
export function setDuration(id: string, seconds: number): Statement {
  return stmt('UPDATE voice_recordings SET duration_s = ? WHERE id = ?', seconds, id)
}
