-- Migration 0005: the audit chain's head (seq and hash of the newest row), moved in the same
-- batch as every append, so that deleting the newest rows shows.
CREATE TABLE IF NOT EXISTS audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
-- A log written before this migration: its head is its last row.
INSERT INTO audit_head (id, seq, hash) SELECT 1, seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1;
