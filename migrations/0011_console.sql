-- Migration 0011: the console for daily work (issue 20). Nothing here is about a reporter:
-- read markers, saved filters and reply templates belong to staff.
-- Read markers: how many of a case's messages from the reporter this staff member has seen
-- (a count, not a time: message times are stored as days). The case is unread while the case
-- holds more.
CREATE TABLE IF NOT EXISTS case_reads (
  staff_id TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  seen INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (staff_id, case_id)
);
CREATE INDEX IF NOT EXISTS case_reads_case ON case_reads (case_id);
-- A staff member's named queue filters (the query string of /console/queue).
CREATE TABLE IF NOT EXISTS saved_filters (
  id TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (staff_id, name)
);
-- Questions to reporters that monitors send often, in the three languages; the console picks
-- the case's language.
CREATE TABLE IF NOT EXISTS reply_templates (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  body_en TEXT NOT NULL,
  body_es TEXT NOT NULL,
  body_fr TEXT NOT NULL,
  created_by TEXT,
  created_at INTEGER NOT NULL
);
-- Retention settings as data: an admin's per-status override of RETENTION_<STATUS>_DAYS (days a
-- case in that status is kept before the purge). No row: the environment's value.
CREATE TABLE IF NOT EXISTS retention_settings (
  status TEXT PRIMARY KEY,
  days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 36500),
  updated_by TEXT,
  updated_at INTEGER NOT NULL
);
