-- Migration 0017: the queue's due order (sort=due, due=overdue|week|any) is an index walk
-- (issue 18; store/queue-ranges.ts, docs/architecture.md "The queue at a million cases").
-- cases.due_key is the day a case's earliest running clock falls due, exactly what the queue
-- computed per case before (store/queue.ts DUE_SQL): 8000000000000000 (NO_DUE) once the case is
-- resolved or closed; else the earlier of the acknowledgement due date (until the first status
-- change or question event) and the earliest forum deadline (case_deadlines). Triggers on every
-- table it reads keep it, in the same transaction as the write; the join tables of 0013/0014 copy
-- it so that a monitor's scopes and an NGO's shares are walked in due order too.
ALTER TABLE cases ADD COLUMN due_key INTEGER NOT NULL DEFAULT 8000000000000000;
ALTER TABLE case_rights ADD COLUMN due_key INTEGER NOT NULL DEFAULT 8000000000000000;
ALTER TABLE case_commitments ADD COLUMN due_key INTEGER NOT NULL DEFAULT 8000000000000000;
ALTER TABLE case_access ADD COLUMN due_key INTEGER NOT NULL DEFAULT 8000000000000000;

-- The recomputation, one copy per trigger (SQLite has no stored procedures). The join rows are
-- rewritten only when the value changes (cases_due_terms).
-- store/cases.ts inserts a case with its due_key (its acknowledgement due date): then this
-- checks it and writes nothing.
CREATE TRIGGER IF NOT EXISTS cases_due_insert AFTER INSERT ON cases
BEGIN
  UPDATE cases SET due_key = (CASE WHEN status IN ('resolved', 'closed') THEN 8000000000000000 ELSE MIN(
      CASE WHEN EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = cases.id AND e.kind IN ('status', 'question'))
        THEN 8000000000000000 ELSE ack_due_at END,
      COALESCE((SELECT MIN(d.due_at) FROM case_deadlines d WHERE d.case_id = cases.id), 8000000000000000)) END)
  WHERE rowid = new.rowid AND due_key IS NOT (CASE WHEN status IN ('resolved', 'closed') THEN 8000000000000000 ELSE MIN(
      CASE WHEN EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = cases.id AND e.kind IN ('status', 'question'))
        THEN 8000000000000000 ELSE ack_due_at END,
      COALESCE((SELECT MIN(d.due_at) FROM case_deadlines d WHERE d.case_id = cases.id), 8000000000000000)) END);
END;
CREATE TRIGGER IF NOT EXISTS cases_due_update AFTER UPDATE OF status, ack_due_at, id ON cases
BEGIN
  UPDATE cases SET due_key = (CASE WHEN status IN ('resolved', 'closed') THEN 8000000000000000 ELSE MIN(
      CASE WHEN EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = cases.id AND e.kind IN ('status', 'question'))
        THEN 8000000000000000 ELSE ack_due_at END,
      COALESCE((SELECT MIN(d.due_at) FROM case_deadlines d WHERE d.case_id = cases.id), 8000000000000000)) END)
  WHERE rowid = new.rowid;
END;
-- Only a status change or a question ends the acknowledgement clock; other events change nothing.
CREATE TRIGGER IF NOT EXISTS case_events_due_insert AFTER INSERT ON case_events
WHEN new.kind IN ('status', 'question')
BEGIN
  UPDATE cases SET due_key = (CASE WHEN status IN ('resolved', 'closed') THEN 8000000000000000 ELSE MIN(
      CASE WHEN EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = cases.id AND e.kind IN ('status', 'question'))
        THEN 8000000000000000 ELSE ack_due_at END,
      COALESCE((SELECT MIN(d.due_at) FROM case_deadlines d WHERE d.case_id = cases.id), 8000000000000000)) END)
  WHERE id = new.case_id AND due_key IS NOT 8000000000000000;
END;
CREATE TRIGGER IF NOT EXISTS case_events_due_delete AFTER DELETE ON case_events
WHEN old.kind IN ('status', 'question')
BEGIN
  UPDATE cases SET due_key = (CASE WHEN status IN ('resolved', 'closed') THEN 8000000000000000 ELSE MIN(
      CASE WHEN EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = cases.id AND e.kind IN ('status', 'question'))
        THEN 8000000000000000 ELSE ack_due_at END,
      COALESCE((SELECT MIN(d.due_at) FROM case_deadlines d WHERE d.case_id = cases.id), 8000000000000000)) END)
  WHERE id = old.case_id;
END;
CREATE TRIGGER IF NOT EXISTS case_events_due_update AFTER UPDATE OF kind, case_id ON case_events
WHEN old.kind IN ('status', 'question') OR new.kind IN ('status', 'question')
BEGIN
  UPDATE cases SET due_key = (CASE WHEN status IN ('resolved', 'closed') THEN 8000000000000000 ELSE MIN(
      CASE WHEN EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = cases.id AND e.kind IN ('status', 'question'))
        THEN 8000000000000000 ELSE ack_due_at END,
      COALESCE((SELECT MIN(d.due_at) FROM case_deadlines d WHERE d.case_id = cases.id), 8000000000000000)) END)
  WHERE id IN (old.case_id, new.case_id);
END;
CREATE TRIGGER IF NOT EXISTS case_deadlines_due_insert AFTER INSERT ON case_deadlines
BEGIN
  UPDATE cases SET due_key = (CASE WHEN status IN ('resolved', 'closed') THEN 8000000000000000 ELSE MIN(
      CASE WHEN EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = cases.id AND e.kind IN ('status', 'question'))
        THEN 8000000000000000 ELSE ack_due_at END,
      COALESCE((SELECT MIN(d.due_at) FROM case_deadlines d WHERE d.case_id = cases.id), 8000000000000000)) END)
  WHERE id = new.case_id;
END;
CREATE TRIGGER IF NOT EXISTS case_deadlines_due_delete AFTER DELETE ON case_deadlines
BEGIN
  UPDATE cases SET due_key = (CASE WHEN status IN ('resolved', 'closed') THEN 8000000000000000 ELSE MIN(
      CASE WHEN EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = cases.id AND e.kind IN ('status', 'question'))
        THEN 8000000000000000 ELSE ack_due_at END,
      COALESCE((SELECT MIN(d.due_at) FROM case_deadlines d WHERE d.case_id = cases.id), 8000000000000000)) END)
  WHERE id = old.case_id;
END;
CREATE TRIGGER IF NOT EXISTS case_deadlines_due_update AFTER UPDATE OF case_id, due_at ON case_deadlines
BEGIN
  UPDATE cases SET due_key = (CASE WHEN status IN ('resolved', 'closed') THEN 8000000000000000 ELSE MIN(
      CASE WHEN EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = cases.id AND e.kind IN ('status', 'question'))
        THEN 8000000000000000 ELSE ack_due_at END,
      COALESCE((SELECT MIN(d.due_at) FROM case_deadlines d WHERE d.case_id = cases.id), 8000000000000000)) END)
  WHERE id IN (old.case_id, new.case_id);
END;
-- A case's join rows follow its due_key.
CREATE TRIGGER IF NOT EXISTS cases_due_terms AFTER UPDATE OF due_key ON cases
WHEN old.due_key IS NOT new.due_key
BEGIN
  UPDATE case_rights SET due_key = new.due_key WHERE case_rowid = new.rowid;
  UPDATE case_commitments SET due_key = new.due_key WHERE case_rowid = new.rowid;
  UPDATE case_access SET due_key = new.due_key WHERE case_rowid = new.rowid;
END;
-- The join rows' writers of 0013 and 0014, now copying due_key. They read it from the case row as
-- it stands (not new.due_key): cases_due_update may already have run and rewritten it.
DROP TRIGGER IF EXISTS cases_terms_insert;
DROP TRIGGER IF EXISTS cases_terms_update;
DROP TRIGGER IF EXISTS case_shares_access_insert;
DROP TRIGGER IF EXISTS case_grants_access_insert;
DROP TRIGGER IF EXISTS cases_access_update;
CREATE TRIGGER IF NOT EXISTS cases_terms_insert AFTER INSERT ON cases
WHEN new.purged_at IS NULL AND new.merged_into IS NULL
BEGIN
  INSERT INTO case_rights (code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id, due_key)
    SELECT DISTINCT value, new.status, new.rank, new.created_at, new.rowid, new.country, new.sector, new.assigned_to, new.facility, new.facility_id,
      (SELECT due_key FROM cases WHERE rowid = new.rowid)
    FROM json_each(new.rights);
  INSERT INTO case_commitments (code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id, due_key)
    SELECT DISTINCT value, new.status, new.rank, new.created_at, new.rowid, new.country, new.sector, new.assigned_to, new.facility, new.facility_id,
      (SELECT due_key FROM cases WHERE rowid = new.rowid)
    FROM json_each(new.commitments);
END;
CREATE TRIGGER IF NOT EXISTS cases_terms_update
AFTER UPDATE OF rights, commitments, status, priority, created_at, country, sector, assigned_to, facility, facility_id,
  merged_into, purged_at ON cases
BEGIN
  DELETE FROM case_rights WHERE case_rowid = old.rowid;
  DELETE FROM case_commitments WHERE case_rowid = old.rowid;
  INSERT INTO case_rights (code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id, due_key)
    SELECT DISTINCT value, new.status, new.rank, new.created_at, new.rowid, new.country, new.sector, new.assigned_to, new.facility, new.facility_id,
      (SELECT due_key FROM cases WHERE rowid = new.rowid)
    FROM json_each(new.rights) WHERE new.purged_at IS NULL AND new.merged_into IS NULL;
  INSERT INTO case_commitments (code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id, due_key)
    SELECT DISTINCT value, new.status, new.rank, new.created_at, new.rowid, new.country, new.sector, new.assigned_to, new.facility, new.facility_id,
      (SELECT due_key FROM cases WHERE rowid = new.rowid)
    FROM json_each(new.commitments) WHERE new.purged_at IS NULL AND new.merged_into IS NULL;
END;
CREATE TRIGGER IF NOT EXISTS case_shares_access_insert AFTER INSERT ON case_shares
BEGIN
  INSERT OR IGNORE INTO case_access (code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id, due_key)
    SELECT 's:' || new.org_id, c.status, c.rank, c.created_at, c.rowid, c.country, c.sector, c.assigned_to, c.facility, c.facility_id, c.due_key
    FROM cases c WHERE c.id = new.case_id AND c.purged_at IS NULL AND c.merged_into IS NULL;
END;
CREATE TRIGGER IF NOT EXISTS case_grants_access_insert AFTER INSERT ON case_grants
BEGIN
  INSERT OR IGNORE INTO case_access (code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id, due_key)
    SELECT 'g:' || new.staff_id, c.status, c.rank, c.created_at, c.rowid, c.country, c.sector, c.assigned_to, c.facility, c.facility_id, c.due_key
    FROM cases c WHERE c.id = new.case_id AND c.purged_at IS NULL AND c.merged_into IS NULL;
END;
CREATE TRIGGER IF NOT EXISTS cases_access_update
AFTER UPDATE OF status, priority, created_at, country, sector, assigned_to, facility, facility_id, merged_into, purged_at ON cases
BEGIN
  DELETE FROM case_access WHERE case_rowid = old.rowid;
  INSERT OR IGNORE INTO case_access (code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id, due_key)
    SELECT 's:' || sh.org_id, new.status, new.rank, new.created_at, new.rowid, new.country, new.sector, new.assigned_to, new.facility, new.facility_id,
      (SELECT due_key FROM cases WHERE rowid = new.rowid)
    FROM case_shares sh WHERE sh.case_id = new.id AND new.purged_at IS NULL AND new.merged_into IS NULL;
  INSERT OR IGNORE INTO case_access (code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id, due_key)
    SELECT 'g:' || g.staff_id, new.status, new.rank, new.created_at, new.rowid, new.country, new.sector, new.assigned_to, new.facility, new.facility_id,
      (SELECT due_key FROM cases WHERE rowid = new.rowid)
    FROM case_grants g WHERE g.case_id = new.id AND new.purged_at IS NULL AND new.merged_into IS NULL;
END;

-- The cases filed before this migration (their join rows follow through cases_due_terms).
UPDATE cases SET due_key = (CASE WHEN status IN ('resolved', 'closed') THEN 8000000000000000 ELSE MIN(
    CASE WHEN EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = cases.id AND e.kind IN ('status', 'question'))
      THEN 8000000000000000 ELSE ack_due_at END,
    COALESCE((SELECT MIN(d.due_at) FROM case_deadlines d WHERE d.case_id = cases.id), 8000000000000000)) END);

-- The due order (due_key, rowid) of live cases per status, per country and per viewer column,
-- like 0013's priority order; the join tables' per code and status. A `due=` filter is a bound on
-- the same ranges (due_key <= day), so it stops where the clocks stop.
CREATE INDEX IF NOT EXISTS cases_d_status ON cases (status, due_key) WHERE purged_at IS NULL AND merged_into IS NULL;
CREATE INDEX IF NOT EXISTS cases_d_country ON cases (country, status, due_key) WHERE purged_at IS NULL AND merged_into IS NULL;
CREATE INDEX IF NOT EXISTS cases_d_assigned ON cases (assigned_to, status, due_key) WHERE purged_at IS NULL AND merged_into IS NULL;
CREATE INDEX IF NOT EXISTS cases_d_filed_by ON cases (filed_by, status, due_key) WHERE filed_by IS NOT NULL AND purged_at IS NULL AND merged_into IS NULL;
CREATE INDEX IF NOT EXISTS cases_d_org ON cases (filed_by_org, status, due_key) WHERE filed_by_org IS NOT NULL AND purged_at IS NULL AND merged_into IS NULL;
-- Merged cases (the queue's merged=1) in due order.
CREATE INDEX IF NOT EXISTS cases_d_merged ON cases (due_key) WHERE merged_into IS NOT NULL;
-- WITHOUT ROWID tables: an index entry ends with the key's columns in key order, so case_rowid is
-- named to make it the tie-break after due_key.
CREATE INDEX IF NOT EXISTS case_rights_due ON case_rights (code, status, due_key, case_rowid);
CREATE INDEX IF NOT EXISTS case_commitments_due ON case_commitments (code, status, due_key, case_rowid);
CREATE INDEX IF NOT EXISTS case_access_due ON case_access (code, status, due_key, case_rowid);
-- A scope or filter in one country seeks its rows, as 0014's case_*_country do in priority order.
CREATE INDEX IF NOT EXISTS case_rights_due_country ON case_rights (code, country, status, due_key, case_rowid);
CREATE INDEX IF NOT EXISTS case_commitments_due_country ON case_commitments (code, country, status, due_key, case_rowid);
