/**
 * @module jobs/handlers
 * The handler of every job kind, in one place. Entry points (Node's maintenance loop, the Workers
 * Cron) and tests pass this map to runMaintenance / runDueJobs.
 */
import { fetchRecording } from '../channels/voice/recording.js'
import { fetchVoiceNote } from '../channels/whatsapp/voice-notes.js'
import { deleteRecord } from '../twilio/rest.js'
import type { JobHandlers } from './runner.js'

export const jobHandlers: JobHandlers = {
  'twilio.delete': (deps, p) => deleteRecord(deps, p.resource, p.sid),
  'recording.fetch': fetchRecording,
  'whatsapp.voice_note': fetchVoiceNote,
}
