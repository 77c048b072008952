-- Migration 0014: every queue page is a seek in queue order (store/queue-ranges.ts,
-- docs/architecture.md "The queue at a million cases").
-- A right's or commitment's rows per country, per country and sector, and per assignee, each in
-- queue order: a monitor's scope narrowed to a place, a filter's country or assignee, and a
-- monitor's own cases under a right filter become seeks instead of walks over every row of the
-- code checked one by one. (WITHOUT ROWID: each index entry ends with case_rowid, the key's last
-- column, so the entries are in queue order within each prefix.)
CREATE INDEX IF NOT EXISTS case_rights_country ON case_rights (code, country, status, rank, created_at);
CREATE INDEX IF NOT EXISTS case_rights_place ON case_rights (code, country, sector, status, rank, created_at);
CREATE INDEX IF NOT EXISTS case_rights_assigned ON case_rights (code, assigned_to, status, rank, created_at);
CREATE INDEX IF NOT EXISTS case_commitments_country ON case_commitments (code, country, status, rank, created_at);
CREATE INDEX IF NOT EXISTS case_commitments_place ON case_commitments (code, country, sector, status, rank, created_at);
CREATE INDEX IF NOT EXISTS case_commitments_assigned ON case_commitments (code, assigned_to, status, rank, created_at);
-- The live cases shared with an organisation ('s:' || org_id) or granted to a staff account
-- ('g:' || staff_id), in queue order, like case_rights: an NGO's page walks them from the cursor
-- instead of reading and sorting every shared case.
CREATE TABLE IF NOT EXISTS case_access (
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
CREATE INDEX IF NOT EXISTS case_access_case ON case_access (case_rowid);
-- Kept by triggers in the same transaction as the share, the grant or the write to the case.
CREATE TRIGGER IF NOT EXISTS case_shares_access_insert AFTER INSERT ON case_shares
BEGIN
  INSERT OR IGNORE INTO case_access (code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id)
    SELECT 's:' || new.org_id, c.status, c.rank, c.created_at, c.rowid, c.country, c.sector, c.assigned_to, c.facility, c.facility_id
    FROM cases c WHERE c.id = new.case_id AND c.purged_at IS NULL AND c.merged_into IS NULL;
END;
CREATE TRIGGER IF NOT EXISTS case_shares_access_delete AFTER DELETE ON case_shares
BEGIN
  DELETE FROM case_access WHERE code = 's:' || old.org_id AND case_rowid = (SELECT rowid FROM cases WHERE id = old.case_id);
END;
CREATE TRIGGER IF NOT EXISTS case_grants_access_insert AFTER INSERT ON case_grants
BEGIN
  INSERT OR IGNORE INTO case_access (code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id)
    SELECT 'g:' || new.staff_id, c.status, c.rank, c.created_at, c.rowid, c.country, c.sector, c.assigned_to, c.facility, c.facility_id
    FROM cases c WHERE c.id = new.case_id AND c.purged_at IS NULL AND c.merged_into IS NULL;
END;
CREATE TRIGGER IF NOT EXISTS case_grants_access_delete AFTER DELETE ON case_grants
BEGIN
  DELETE FROM case_access WHERE code = 'g:' || old.staff_id AND case_rowid = (SELECT rowid FROM cases WHERE id = old.case_id);
END;
CREATE TRIGGER IF NOT EXISTS cases_access_update
AFTER UPDATE OF status, priority, created_at, country, sector, assigned_to, facility, facility_id, merged_into, purged_at ON cases
BEGIN
  DELETE FROM case_access WHERE case_rowid = old.rowid;
  INSERT OR IGNORE INTO case_access (code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id)
    SELECT 's:' || sh.org_id, new.status, new.rank, new.created_at, new.rowid, new.country, new.sector, new.assigned_to, new.facility, new.facility_id
    FROM case_shares sh WHERE sh.case_id = new.id AND new.purged_at IS NULL AND new.merged_into IS NULL;
  INSERT OR IGNORE INTO case_access (code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id)
    SELECT 'g:' || g.staff_id, new.status, new.rank, new.created_at, new.rowid, new.country, new.sector, new.assigned_to, new.facility, new.facility_id
    FROM case_grants g WHERE g.case_id = new.id AND new.purged_at IS NULL AND new.merged_into IS NULL;
END;
CREATE TRIGGER IF NOT EXISTS cases_access_delete AFTER DELETE ON cases
BEGIN
  DELETE FROM case_access WHERE case_rowid = old.rowid;
END;
-- The shares and grants made before this migration.
INSERT OR IGNORE INTO case_access (code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id)
  SELECT 's:' || sh.org_id, c.status, c.rank, c.created_at, c.rowid, c.country, c.sector, c.assigned_to, c.facility, c.facility_id
  FROM case_shares sh JOIN cases c ON c.id = sh.case_id WHERE c.purged_at IS NULL AND c.merged_into IS NULL;
INSERT OR IGNORE INTO case_access (code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id)
  SELECT 'g:' || g.staff_id, c.status, c.rank, c.created_at, c.rowid, c.country, c.sector, c.assigned_to, c.facility, c.facility_id
  FROM case_grants g JOIN cases c ON c.id = g.case_id WHERE c.purged_at IS NULL AND c.merged_into IS NULL;
