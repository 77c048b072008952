-- Migration 0007: NGO and union partners. Organisations are first-class: staff with role ngo
-- belong to one, cases are shared with an organisation (all its staff), and a case filed on a
-- worker's behalf records the filing organisation.
CREATE TABLE IF NOT EXISTS organisations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  kind TEXT NOT NULL CHECK (kind IN ('union', 'ngo', 'legal_aid', 'worker_centre')),
  countries TEXT NOT NULL DEFAULT '[]',
  eu_based INTEGER NOT NULL DEFAULT 0,
  ca_based INTEGER NOT NULL DEFAULT 0,
  us_based INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
ALTER TABLE staff ADD COLUMN org_id TEXT REFERENCES organisations (id);
ALTER TABLE cases ADD COLUMN filed_by_org TEXT REFERENCES organisations (id);
CREATE TABLE IF NOT EXISTS case_shares (
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  org_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  shared_by TEXT,
  shared_at INTEGER NOT NULL,
  PRIMARY KEY (case_id, org_id)
);
CREATE INDEX IF NOT EXISTS case_shares_org ON case_shares (org_id);
-- The consent ledger: what a worker agreed may be disclosed (JSON array of redacted, original,
-- identity), to whom (JSON array of recipient codes), until which day, how it was given and who
-- recorded it. A referral asks first (status asked); withdrawal keeps the row and its history.
CREATE TABLE IF NOT EXISTS consents (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  org_id TEXT REFERENCES organisations (id),
  disclose TEXT NOT NULL,
  recipients TEXT NOT NULL,
  until_day TEXT,
  method TEXT NOT NULL CHECK (method IN ('oral', 'written', 'sms')),
  recorded_by TEXT,
  status TEXT NOT NULL CHECK (status IN ('asked', 'given', 'refused', 'withdrawn')),
  created_at INTEGER NOT NULL,
  decided_at INTEGER,
  withdrawn_at INTEGER,
  withdrawn_by TEXT
);
CREATE INDEX IF NOT EXISTS consents_case ON consents (case_id);
