-- Migration 0014: the staff queue reads index ranges instead of sorting the open set
-- (store/queue.ts, docs/architecture.md "The queue at a million cases").
-- The queue order is (rank, created_at, rowid): high priority first, then the day of intake, then
-- the insertion order within a day. The rank is a generated column, so no writer can forget it.
ALTER TABLE cases ADD COLUMN rank INTEGER GENERATED ALWAYS AS (CASE priority WHEN 'high' THEN 0 ELSE 1 END) VIRTUAL;
-- Live cases (not purged, not merged) in queue order per status and per country: one range per
-- status gives a page without sorting.
CREATE INDEX IF NOT EXISTS cases_q_status ON cases (status, rank, created_at) WHERE purged_at IS NULL AND merged_into IS NULL;
CREATE INDEX IF NOT EXISTS cases_q_country ON cases (country, status, rank, created_at) WHERE purged_at IS NULL AND merged_into IS NULL;
-- An assignee's and an NGO's cases: their ranges also carry what the filters compare (country,
-- sector, facility, assignee), so a filter is checked on the index; SQLite sorts each day's few
-- rows by rowid.
CREATE INDEX IF NOT EXISTS cases_q_assigned ON cases (assigned_to, status, rank, created_at, country, sector, facility, facility_id) WHERE purged_at IS NULL AND merged_into IS NULL;
CREATE INDEX IF NOT EXISTS cases_q_filed_by ON cases (filed_by, status, rank, created_at, country, sector, facility, facility_id, assigned_to) WHERE filed_by IS NOT NULL AND purged_at IS NULL AND merged_into IS NULL;
CREATE INDEX IF NOT EXISTS cases_q_org ON cases (filed_by_org, status, rank, created_at, country, sector, facility, facility_id, assigned_to) WHERE filed_by_org IS NOT NULL AND purged_at IS NULL AND merged_into IS NULL;
-- The facility filter matches part of a name: this order carries the names (and the country and
-- sector a monitor's scope checks), so the match is made on the index; SQLite sorts each day's
-- few matches by rowid.
CREATE INDEX IF NOT EXISTS cases_q_facility ON cases (status, rank, created_at, facility, facility_id, country, sector) WHERE purged_at IS NULL AND merged_into IS NULL;
-- Duplicates: the cases merged into one (case page, merges, the queue's merged=1).
CREATE INDEX IF NOT EXISTS cases_merged ON cases (merged_into) WHERE merged_into IS NOT NULL;
-- The queue's clocks read three dates from a case's events (store/queue.ts COLUMNS): each has a
-- partial index holding just those events, so a page reads them without opening event rows.
CREATE INDEX IF NOT EXISTS case_events_ack ON case_events (case_id, at) WHERE kind IN ('status', 'question');
CREATE INDEX IF NOT EXISTS case_events_escalated ON case_events (case_id, at) WHERE kind = 'status' AND json_extract(data, '$.to') = 'escalated';
CREATE INDEX IF NOT EXISTS case_events_review ON case_events (case_id, json_extract(data, '$.at')) WHERE kind = 'review_request';
-- A live case's rights, one row each, in queue order per right and status. The rows copy what
-- the queue filters on (country, sector, assignee, facility), so a monitor's scope and those
-- filters are checked on the index row.
-- Kept by the triggers below in the same transaction as any write to the case.
CREATE TABLE IF NOT EXISTS case_rights (
  code TEXT NOT NULL,
  status TEXT NOT NULL,
  rank INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  case_rowid INTEGER NOT NULL,
  country TEXT NOT NULL,
  sector TEXT,
  assigned_to TEXT,
  facility TEXT,
  facility_id TEXT,
  PRIMARY KEY (code, status, rank, created_at, case_rowid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS case_rights_case ON case_rights (case_rowid);
-- A live case's commitments, one row each, like case_rights.
CREATE TABLE IF NOT EXISTS case_commitments (
  code TEXT NOT NULL,
  status TEXT NOT NULL,
  rank INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  case_rowid INTEGER NOT NULL,
  country TEXT NOT NULL,
  sector TEXT,
  assigned_to TEXT,
  facility TEXT,
  facility_id TEXT,
  PRIMARY KEY (code, status, rank, created_at, case_rowid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS case_commitments_case ON case_commitments (case_rowid);
-- Every write to a case that changes what the queue reads rewrites its rows: intake, status,
-- assignment, reclassification, merge and purge (a merged or purged case has none), delete.
-- On D1 a statement's `changes` also counts the rows its triggers write: the purge, which counts
-- cases by its UPDATE's changes, deletes their rows in a statement before it (store/purge.ts).
CREATE TRIGGER IF NOT EXISTS cases_terms_insert AFTER INSERT ON cases
WHEN new.purged_at IS NULL AND new.merged_into IS NULL
BEGIN
  INSERT INTO case_rights (code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id)
    SELECT DISTINCT value, new.status, new.rank, new.created_at, new.rowid, new.country, new.sector, new.assigned_to, new.facility, new.facility_id
    FROM json_each(new.rights);
  INSERT INTO case_commitments (code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id)
    SELECT DISTINCT value, new.status, new.rank, new.created_at, new.rowid, new.country, new.sector, new.assigned_to, new.facility, new.facility_id
    FROM json_each(new.commitments);
END;
CREATE TRIGGER IF NOT EXISTS cases_terms_update
AFTER UPDATE OF rights, commitments, status, priority, created_at, country, sector, assigned_to, facility, facility_id,
  merged_into, purged_at ON cases
BEGIN
  DELETE FROM case_rights WHERE case_rowid = old.rowid;
  DELETE FROM case_commitments WHERE case_rowid = old.rowid;
  INSERT INTO case_rights (code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id)
    SELECT DISTINCT value, new.status, new.rank, new.created_at, new.rowid, new.country, new.sector, new.assigned_to, new.facility, new.facility_id
    FROM json_each(new.rights) WHERE new.purged_at IS NULL AND new.merged_into IS NULL;
  INSERT INTO case_commitments (code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id)
    SELECT DISTINCT value, new.status, new.rank, new.created_at, new.rowid, new.country, new.sector, new.assigned_to, new.facility, new.facility_id
    FROM json_each(new.commitments) WHERE new.purged_at IS NULL AND new.merged_into IS NULL;
END;
CREATE TRIGGER IF NOT EXISTS cases_terms_delete AFTER DELETE ON cases
BEGIN
  DELETE FROM case_rights WHERE case_rowid = old.rowid;
  DELETE FROM case_commitments WHERE case_rowid = old.rowid;
END;
-- The cases filed before this migration.
INSERT INTO case_rights (code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id)
  SELECT DISTINCT j.value, c.status, c.rank, c.created_at, c.rowid, c.country, c.sector, c.assigned_to, c.facility, c.facility_id
  FROM cases c, json_each(c.rights) j WHERE c.purged_at IS NULL AND c.merged_into IS NULL;
INSERT INTO case_commitments (code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id)
  SELECT DISTINCT j.value, c.status, c.rank, c.created_at, c.rowid, c.country, c.sector, c.assigned_to, c.facility, c.facility_id
  FROM cases c, json_each(c.commitments) j WHERE c.purged_at IS NULL AND c.merged_into IS NULL;
