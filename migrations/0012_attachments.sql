-- Migration 0012: evidence attachments (photos, documents, voice notes). The file itself is
-- not here: its bytes, stripped of metadata and encrypted with a key of its own
-- (XChaCha20-Poly1305 secretstream), live in a blob store (the data folder on Node, R2 on
-- Workers) under object_name. The row keeps what staff may know (kind, type, size, pages or
-- duration), a keyed hash of the stripped bytes (duplicates), and the file key twice: sealed to
-- the custodian (key_sealed) and encrypted with the server's content key (key_enc, opened only
-- under an approved access request or for the organisation that uploaded it). Never a file name.
CREATE TABLE IF NOT EXISTS evidence (
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
  key_enc BLOB NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('reporter', 'staff', 'ngo')),
  uploaded_by TEXT,
  uploaded_by_org TEXT REFERENCES organisations (id),
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS evidence_case ON evidence (case_id);
CREATE INDEX IF NOT EXISTS evidence_hash ON evidence (content_hash);
-- Access requests learn a fourth kind, `evidence`, for one file (item = evidence.id). SQLite
-- cannot change a CHECK in place: the table is rebuilt with every row kept.
CREATE TABLE access_requests_0012 (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  what TEXT NOT NULL CHECK (what IN ('original', 'identity', 'voice', 'evidence')),
  reason TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  decision TEXT CHECK (decision IN ('approved', 'refused')),
  decision_reason TEXT,
  decided_by TEXT,
  decided_at INTEGER,
  expires_at INTEGER,
  used_at INTEGER,
  item TEXT
);
INSERT INTO access_requests_0012 (id, case_id, what, reason, requested_by, requested_at, decision,
  decision_reason, decided_by, decided_at, expires_at, used_at)
SELECT id, case_id, what, reason, requested_by, requested_at, decision, decision_reason, decided_by,
  decided_at, expires_at, used_at FROM access_requests;
DROP TABLE access_requests;
ALTER TABLE access_requests_0012 RENAME TO access_requests;
