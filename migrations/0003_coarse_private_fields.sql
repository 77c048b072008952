-- Migration 0003: reporter-typed fields are redacted, so conflict-of-interest checks and facility
-- matching compare a keyed hash of the folded original employer name (never the plaintext).
ALTER TABLE cases ADD COLUMN employer_hash TEXT;
-- The reporter's typed employer, facility and location, where redaction changed them (encrypted).
ALTER TABLE cases ADD COLUMN fields_enc BLOB;
CREATE INDEX IF NOT EXISTS cases_employer_hash ON cases (employer_hash);
-- Rows written before this release: times tied to a reporter's action go to their UTC day
-- (src/clock.ts), and an "occurred on" that is not a day, a month or a coarse choice (free text,
-- which could hold names and numbers) is dropped.
UPDATE cases SET created_at = created_at - created_at % 86400000,
  updated_at = updated_at - updated_at % 86400000, ack_due_at = ack_due_at - ack_due_at % 86400000;
UPDATE case_messages SET created_at = created_at - created_at % 86400000;
UPDATE case_events SET at = at - at % 86400000;
UPDATE voice_recordings SET created_at = created_at - created_at % 86400000;
UPDATE sms_optouts SET at = at - at % 86400000;
UPDATE jobs SET created_at = created_at - created_at % 86400000;
UPDATE cases SET occurred_on = NULL WHERE occurred_on IS NOT NULL
  AND occurred_on NOT IN ('this_week', 'this_month', 'earlier')
  AND occurred_on NOT GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'
  AND occurred_on NOT GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]';
