-- Staff e-mail notifications (issue 20; docs/notifications.md). Nothing here is case text or
-- about a reporter: a staff member's choice, which event happened on which case, and who is owed
-- a notification of it.

-- Each staff member's choice, per kind of event: none, each event, or a daily digest; and the
-- language of their e-mails (their console language when they saved it).
CREATE TABLE staff_notify (
  staff_id TEXT PRIMARY KEY REFERENCES staff(id) ON DELETE CASCADE,
  new_cases TEXT NOT NULL DEFAULT 'none' CHECK (new_cases IN ('none', 'each', 'daily')),
  replies TEXT NOT NULL DEFAULT 'none' CHECK (replies IN ('none', 'each', 'daily')),
  lang TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

-- The outbox: one row per event, written in the event's own batch (intake, a reporter's reply),
-- only while notifications are on and someone wants that kind. The maintenance run turns it into
-- deliveries (who may see the case: cases/scope.ts) and deletes it in the same batch.
CREATE TABLE notify_outbox (
  id TEXT PRIMARY KEY,                  -- 'new:<case id>' or 'reply:<message id>': one per event
  kind TEXT NOT NULL CHECK (kind IN ('new_case', 'reply')),
  case_id TEXT NOT NULL,
  actor_id TEXT,                        -- the staff account that filed the case (not told of it)
  created_at INTEGER NOT NULL           -- the UTC day
);

-- What each staff member is owed: at most one row per event and staff member, so at most one
-- e-mail. Deleted once sent (or given up).
CREATE TABLE notify_deliveries (
  event_id TEXT NOT NULL,
  staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('new_case', 'reply')),
  due_at INTEGER NOT NULL,              -- now (each event) or the next digest hour; later after a refusal
  attempts INTEGER NOT NULL DEFAULT 0,
  sending_until INTEGER,                -- set while an e-mail carrying it is being sent
  last_error TEXT,
  PRIMARY KEY (event_id, staff_id)
);
CREATE INDEX notify_deliveries_due ON notify_deliveries (due_at) WHERE sending_until IS NULL;
CREATE INDEX notify_deliveries_staff ON notify_deliveries (staff_id, due_at);
