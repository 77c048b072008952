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
-- Full-text search (the queue's q=) over the REDACTED text only: the case's redacted description,
-- employer, facility, place and reference, and the redacted bodies of its messages. Never the
-- encrypted originals, identities or anything sealed. Trigram tables find any part of a word
-- (as LIKE '%word%' did) for words of 3 characters or more; the queue still checks each word with
-- LIKE, so results are exactly what the scan gave (store/queue.ts). External content: the text
-- stays in cases and case_messages, only the index is added. Kept by triggers in the same
-- transaction as the write. (detail=column keeps the index small; positions are not needed
-- because LIKE re-checks every candidate.)
CREATE VIRTUAL TABLE IF NOT EXISTS case_search USING fts5(
  description_redacted, employer, facility, location, reference,
  content='cases', content_rowid='rowid', tokenize='trigram', detail='column'
);
CREATE TRIGGER IF NOT EXISTS case_search_insert AFTER INSERT ON cases
BEGIN
  INSERT INTO case_search (rowid, description_redacted, employer, facility, location, reference)
    VALUES (new.rowid, new.description_redacted, new.employer, new.facility, new.location, new.reference);
END;
CREATE TRIGGER IF NOT EXISTS case_search_update AFTER UPDATE OF description_redacted, employer, facility, location, reference ON cases
BEGIN
  INSERT INTO case_search (case_search, rowid, description_redacted, employer, facility, location, reference)
    VALUES ('delete', old.rowid, old.description_redacted, old.employer, old.facility, old.location, old.reference);
  INSERT INTO case_search (rowid, description_redacted, employer, facility, location, reference)
    VALUES (new.rowid, new.description_redacted, new.employer, new.facility, new.location, new.reference);
END;
CREATE TRIGGER IF NOT EXISTS case_search_delete AFTER DELETE ON cases
BEGIN
  INSERT INTO case_search (case_search, rowid, description_redacted, employer, facility, location, reference)
    VALUES ('delete', old.rowid, old.description_redacted, old.employer, old.facility, old.location, old.reference);
END;
CREATE VIRTUAL TABLE IF NOT EXISTS message_search USING fts5(
  body_redacted, content='case_messages', content_rowid='rowid', tokenize='trigram', detail='none'
);
CREATE TRIGGER IF NOT EXISTS message_search_insert AFTER INSERT ON case_messages
BEGIN
  INSERT INTO message_search (rowid, body_redacted) VALUES (new.rowid, new.body_redacted);
END;
CREATE TRIGGER IF NOT EXISTS message_search_update AFTER UPDATE OF body_redacted ON case_messages
BEGIN
  INSERT INTO message_search (message_search, rowid, body_redacted) VALUES ('delete', old.rowid, old.body_redacted);
  INSERT INTO message_search (rowid, body_redacted) VALUES (new.rowid, new.body_redacted);
END;
CREATE TRIGGER IF NOT EXISTS message_search_delete AFTER DELETE ON case_messages
BEGIN
  INSERT INTO message_search (message_search, rowid, body_redacted) VALUES ('delete', old.rowid, old.body_redacted);
END;
-- The text written before this migration.
INSERT INTO case_search (case_search) VALUES ('rebuild');
INSERT INTO message_search (message_search) VALUES ('rebuild');
