-- Migration 0015: the stricter evidence key design (issue 21; docs/evidence.md, "Keys").
-- A file's key is kept sealed to the custodian (key_sealed) and, under the server's content key
-- (key_enc), ONLY for an organisation's own upload, which that organisation opens without the
-- custodian. A reporter's file (and a monitor's or admin's upload) has no server-openable key:
-- after an approval the custodian releases its key for that one request (evidence_releases).
-- The CHECK holds every other row's key_enc to NULL.
-- Rows of earlier releases: key_enc is wiped here for every file that is not an organisation's
-- upload. SQLite cannot relax NOT NULL in place, so the table is rebuilt without those values;
-- on Node, secure_delete overwrites the freed pages. key_sealed is kept: the custodian still
-- opens (evidence open) or releases (evidence release) every file.
CREATE TABLE evidence_0015 (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('image', 'document', 'audio')),
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  pages INTEGER,
  duration_s INTEGER,
  content_hash TEXT NOT NULL,
  object_name TEXT NOT NULL UNIQUE,
  key_sealed BLOB NOT NULL,
  key_enc BLOB,
  source TEXT NOT NULL CHECK (source IN ('reporter', 'staff', 'ngo')),
  uploaded_by TEXT,
  uploaded_by_org TEXT REFERENCES organisations (id),
  created_at INTEGER NOT NULL,
  CHECK (key_enc IS NULL OR (source = 'ngo' AND uploaded_by_org IS NOT NULL))
);
INSERT INTO evidence_0015 (id, case_id, kind, mime, size, pages, duration_s, content_hash, object_name,
  key_sealed, key_enc, source, uploaded_by, uploaded_by_org, created_at)
SELECT id, case_id, kind, mime, size, pages, duration_s, content_hash, object_name, key_sealed,
  CASE WHEN source = 'ngo' AND uploaded_by_org IS NOT NULL THEN key_enc END,
  source, uploaded_by, uploaded_by_org, created_at
FROM evidence;
DROP TABLE evidence;
ALTER TABLE evidence_0015 RENAME TO evidence;
CREATE INDEX IF NOT EXISTS evidence_case ON evidence (case_id);
CREATE INDEX IF NOT EXISTS evidence_hash ON evidence (content_hash);
-- One file key released by the custodian for one approved request: the key unsealed offline with
-- the custodian's private key, encrypted with the server's content key bound to (request, staff
-- member who asked, file). Used once, by that staff member, when they open the file in the
-- console (deleted in the same batch as the approval is marked used); expires with the approval
-- (ACCESS_APPROVAL_DAYS) and is then deleted by the purge.
CREATE TABLE IF NOT EXISTS evidence_releases (
  request_id TEXT PRIMARY KEY REFERENCES access_requests (id) ON DELETE CASCADE,
  evidence_id TEXT NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  staff_id TEXT NOT NULL,
  key_wrapped BLOB NOT NULL,
  released_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS evidence_releases_expires ON evidence_releases (expires_at);
CREATE INDEX IF NOT EXISTS evidence_releases_case ON evidence_releases (case_id);
