-- Migration 0008: the facility registry (docs/facilities.md). Facilities get a stable import key
-- (`code`), aliases, a state, an Annex 31-A priority-sector flag; their names are matched to
-- reports through keyed hashes only (the names a reporter typed are redacted, never compared).
ALTER TABLE facilities ADD COLUMN code TEXT;
ALTER TABLE facilities ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]';
ALTER TABLE facilities ADD COLUMN state TEXT;
ALTER TABLE facilities ADD COLUMN priority_sector INTEGER NOT NULL DEFAULT 0;
ALTER TABLE facilities ADD COLUMN updated_at INTEGER;
UPDATE facilities SET code = id WHERE code IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS facilities_code ON facilities (code);
-- Keyed hashes of a facility's folded names: its name and aliases, and its employer or parent
-- company (kind 'employer', matched only when it names one facility of the country).
CREATE TABLE IF NOT EXISTS facility_names (
  facility_id TEXT NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('name', 'employer')),
  name_hash TEXT NOT NULL,
  PRIMARY KEY (facility_id, kind, name_hash)
);
CREATE INDEX IF NOT EXISTS facility_names_hash ON facility_names (name_hash);
-- Keyed hashes of the folded employer and facility names a reporter typed, kept so that a
-- facility added later still finds the cases about it.
CREATE TABLE IF NOT EXISTS case_name_hashes (
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  field TEXT NOT NULL CHECK (field IN ('employer', 'facility')),
  name_hash TEXT NOT NULL,
  PRIMARY KEY (case_id, field)
);
CREATE INDEX IF NOT EXISTS case_name_hashes_hash ON case_name_hashes (name_hash);
-- A case's link to a facility: suggested by matching, confirmed or rejected by staff, or set by
-- hand (grouping). At most one confirmed facility per case; cases.facility_id mirrors it.
CREATE TABLE IF NOT EXISTS case_facilities (
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  facility_id TEXT NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
  state TEXT NOT NULL CHECK (state IN ('suggested', 'confirmed', 'rejected')),
  matched_by TEXT NOT NULL CHECK (matched_by IN ('facility', 'employer', 'parent', 'hand')),
  decided_by TEXT,
  decided_at INTEGER,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (case_id, facility_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS case_facilities_confirmed ON case_facilities (case_id) WHERE state = 'confirmed';
CREATE INDEX IF NOT EXISTS case_facilities_facility ON case_facilities (facility_id, state);
