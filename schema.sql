-- GENERATED from migrations/ by `npm run schema`: do not edit; add a migration instead.
-- The whole schema, to read. Node applies migrations/ at start (tracked in d1_migrations, as
-- wrangler does on D1).
-- Nothing here holds a reporter's identity in plaintext: identities are sealed to the
-- custodian (identity_sealed), originals are encrypted with a server key (*_enc),
-- phone numbers exist only as keyed hashes (*_hash). Times are Unix milliseconds, coarse: rows
-- tied to a reporter's action hold the minute (kept under a day) or the UTC day (kept longer);
-- the rowid orders rows within a day (src/clock.ts).

CREATE TABLE IF NOT EXISTS cases (
  id TEXT PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,
  receipt_hash TEXT NOT NULL UNIQUE,
  idempotency_key TEXT UNIQUE,
  channel TEXT NOT NULL,
  language TEXT NOT NULL,
  country TEXT NOT NULL,
  sector TEXT,
  employer TEXT NOT NULL,
  facility TEXT,
  facility_id TEXT,
  location TEXT,
  description_redacted TEXT NOT NULL,
  original_enc BLOB,
  identity_sealed BLOB,
  rights TEXT NOT NULL DEFAULT '[]',
  rights_chosen TEXT NOT NULL DEFAULT '[]',
  commitments TEXT NOT NULL DEFAULT '[]',
  occurred_on TEXT,
  workers_affected INTEGER,
  retaliation_feared INTEGER,
  authorities_notified INTEGER,
  consent_to_contact INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'new',
  outcome TEXT,
  priority TEXT NOT NULL DEFAULT 'normal',
  assigned_to TEXT,
  merged_into TEXT,
  filed_by TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  ack_due_at INTEGER NOT NULL,
  reporter_seen_at INTEGER,
  purged_at INTEGER,
  employer_hash TEXT,
  fields_enc BLOB,
  filed_by_org TEXT REFERENCES organisations (id),
  rank INTEGER GENERATED ALWAYS AS (CASE priority WHEN 'high' THEN 0 ELSE 1 END) VIRTUAL,
  due_key INTEGER NOT NULL DEFAULT 8000000000000000
);
CREATE INDEX IF NOT EXISTS cases_queue ON cases (assigned_to, status, priority, created_at);
CREATE INDEX IF NOT EXISTS cases_status_updated ON cases (status, updated_at);
CREATE INDEX IF NOT EXISTS cases_employer_hash ON cases (employer_hash);
-- Indexes that let maintenance work in small batches without walking old rows.
-- The purge takes the next batch of due cases from an index of unpurged cases only: a purged case
-- keeps its status and date, and in cases_status_updated every run would step over all of them.
CREATE INDEX IF NOT EXISTS cases_purge_due ON cases (status, updated_at) WHERE purged_at IS NULL;
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

-- Messages between monitors and the reporter. body_redacted is what staff read;
-- body_enc keeps the reporter's original words for custodian-approved access.
CREATE TABLE IF NOT EXISTS case_messages (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  direction TEXT NOT NULL CHECK (direction IN ('to_reporter', 'from_reporter')),
  channel TEXT NOT NULL,
  body_redacted TEXT NOT NULL,
  body_enc BLOB,
  author_id TEXT,
  idempotency_key TEXT UNIQUE,
  created_at INTEGER NOT NULL,
  delivered_at INTEGER
);
CREATE INDEX IF NOT EXISTS case_messages_case ON case_messages (case_id, created_at);

-- The timeline of a case: status changes, assignment, notes, merges, access requests.
CREATE TABLE IF NOT EXISTS case_events (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  actor_id TEXT,
  data TEXT NOT NULL DEFAULT '{}',
  data_enc BLOB
);
CREATE INDEX IF NOT EXISTS case_events_case ON case_events (case_id, at);
-- The queue's clocks read three dates from a case's events (store/queue.ts COLUMNS): each has a
-- partial index holding just those events, so a page reads them without opening event rows.
CREATE INDEX IF NOT EXISTS case_events_ack ON case_events (case_id, at) WHERE kind IN ('status', 'question');
CREATE INDEX IF NOT EXISTS case_events_escalated ON case_events (case_id, at) WHERE kind = 'status' AND json_extract(data, '$.to') = 'escalated';
CREATE INDEX IF NOT EXISTS case_events_review ON case_events (case_id, json_extract(data, '$.at')) WHERE kind = 'review_request';

-- Twilio webhook idempotency: the reply given for a keyed hash of MessageSid / CallSid + step.
-- The reply may carry a receipt, so it is encrypted, and purged after a day.
CREATE TABLE IF NOT EXISTS webhook_replies (
  key TEXT PRIMARY KEY,
  reply_enc BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
-- Expired replies and rate-limit counters, deleted oldest first in batches.
CREATE INDEX IF NOT EXISTS webhook_replies_created ON webhook_replies (created_at);

-- SMS conversations, keyed by a keyed hash of the sender's number. state_enc is the
-- encrypted draft (it may hold the worker's words); no number is ever stored.
CREATE TABLE IF NOT EXISTS sms_sessions (
  sender_hash TEXT PRIMARY KEY,
  language TEXT,
  step TEXT NOT NULL,
  state_enc BLOB,
  updated_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sms_sessions_expiry ON sms_sessions (expires_at);

CREATE TABLE IF NOT EXISTS sms_optouts (
  sender_hash TEXT PRIMARY KEY,
  language TEXT,
  at INTEGER NOT NULL
);

-- Voice calls in progress, keyed by a keyed hash of the CallSid.
CREATE TABLE IF NOT EXISTS voice_calls (
  call_hash TEXT PRIMARY KEY,
  language TEXT,
  step TEXT NOT NULL,
  state_enc BLOB,
  case_id TEXT,
  updated_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

-- Encrypted voice statements (sealed to the custodian) attached to a case.
CREATE TABLE IF NOT EXISTS voice_recordings (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL DEFAULT 'statement',
  audio_sealed BLOB,
  duration_s INTEGER,
  created_at INTEGER NOT NULL
);
-- A purged case's voice statements, found by case instead of by reading the whole table.
CREATE INDEX IF NOT EXISTS voice_recordings_case ON voice_recordings (case_id);

-- Expiring keyed counters for rate limits (no IP addresses in the clear).
CREATE TABLE IF NOT EXISTS rate_limits (
  key TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS rate_limits_expiry ON rate_limits (expires_at);

-- Retried background work (Twilio erasure, recording download).
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  payload_enc BLOB NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  run_at INTEGER NOT NULL,
  last_error TEXT,
  done_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_due ON jobs (done_at, run_at);

-- Staff: monitors, NGOs, admins, custodians.
CREATE TABLE IF NOT EXISTS staff (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT,
  role TEXT NOT NULL CHECK (role IN ('admin', 'monitor', 'ngo', 'custodian')),
  password_hash TEXT,
  totp_secret_enc BLOB,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  totp_last_step INTEGER,
  enrol_code_hash TEXT,
  enrol_expires_at INTEGER,
  org_id TEXT REFERENCES organisations (id)
);

-- A monitor's scope: a commitment code or a right, in a country, optionally a sector.
CREATE TABLE IF NOT EXISTS staff_scopes (
  staff_id TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('commitment', 'right')),
  value TEXT NOT NULL,
  country TEXT NOT NULL,
  sector TEXT NOT NULL DEFAULT '*',
  PRIMARY KEY (staff_id, kind, value, country, sector)
);

-- Conflict of interest: a monitor never receives cases about this employer.
CREATE TABLE IF NOT EXISTS staff_exclusions (
  staff_id TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  employer_key TEXT NOT NULL,
  PRIMARY KEY (staff_id, employer_key)
);

CREATE TABLE IF NOT EXISTS staff_sessions (
  token_hash TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_sessions_expiry ON staff_sessions (expires_at);

CREATE TABLE IF NOT EXISTS api_tokens (
  token_hash TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  label TEXT,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);

-- Facilities registry: groups cases about one workplace (Annex 31-A covered facilities).
CREATE TABLE IF NOT EXISTS facilities (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  employer TEXT,
  country TEXT NOT NULL,
  sector TEXT,
  location TEXT,
  covered INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  code TEXT,
  aliases TEXT NOT NULL DEFAULT '[]',
  state TEXT,
  priority_sector INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER
);
CREATE UNIQUE INDEX IF NOT EXISTS facilities_code ON facilities (code);

-- Append-only, hash-chained audit log.
CREATE TABLE IF NOT EXISTS audit_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_id TEXT,
  action TEXT NOT NULL,
  case_id TEXT,
  data TEXT NOT NULL DEFAULT '{}',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);

-- Cases an NGO or a monitor was granted beyond its scope.
CREATE TABLE IF NOT EXISTS case_grants (
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  staff_id TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  granted_by TEXT,
  granted_at INTEGER NOT NULL,
  PRIMARY KEY (case_id, staff_id)
);
CREATE INDEX IF NOT EXISTS case_grants_staff ON case_grants (staff_id);

-- The audit chain's head (seq and hash of the newest row), moved in the same
-- batch as every append, so that deleting the newest rows shows.
CREATE TABLE IF NOT EXISTS audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);

-- NGO and union partners. Organisations are first-class: staff with role ngo
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

-- Escalation packages (docs/escalation.md). A package is drafted from cases (or a
-- facility's cases), read and masked by a person, exported, then tracked through the forum's
-- stages with their dates. Package text is built from the cases' redacted columns when read:
-- nothing a reporter wrote is copied here. What a reviewer masks is encrypted (span_enc), and
-- each mask also becomes an encrypted redaction-miss item for the redaction eval.
CREATE TABLE IF NOT EXISTS escalations (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('usmca-rrm', 'dol-hotline', 'canada-31b', 'eu-sep', 'mx-cfcrl', 'cbp-307', 'cafta-16')),
  org_id TEXT REFERENCES organisations (id),
  facility_id TEXT,
  -- What the drafter adds (remedy sought, goods, evidence list…), redacted, as JSON.
  details TEXT NOT NULL DEFAULT '{}',
  stage TEXT NOT NULL DEFAULT 'drafted',
  outcome TEXT,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  reviewed_by TEXT,
  reviewed_at INTEGER
);
CREATE INDEX IF NOT EXISTS escalations_org ON escalations (org_id);

CREATE TABLE IF NOT EXISTS escalation_cases (
  escalation_id TEXT NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  -- The custodian's approval used to put this case's original words in this package.
  original_approval TEXT,
  PRIMARY KEY (escalation_id, case_id)
);
CREATE INDEX IF NOT EXISTS escalation_cases_case ON escalation_cases (case_id);

-- Tracking: each stage with the day it happened (filed: the day the forum received it).
CREATE TABLE IF NOT EXISTS escalation_stages (
  id TEXT PRIMARY KEY,
  escalation_id TEXT NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
  stage TEXT NOT NULL CHECK (stage IN ('drafted', 'filed', 'acknowledged', 'accepted', 'declined',
    'review_requested', 'remediation_plan', 'panel', 'closed')),
  on_day INTEGER NOT NULL,
  outcome TEXT,
  recorded_by TEXT,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS escalation_stages_escalation ON escalation_stages (escalation_id, on_day);

-- Spans a reviewer masked by hand: the text encrypted, a keyed hash so a repeat adds nothing.
CREATE TABLE IF NOT EXISTS escalation_masks (
  id TEXT PRIMARY KEY,
  escalation_id TEXT NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
  span_enc BLOB NOT NULL,
  span_hash TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (escalation_id, span_hash)
);

-- Redaction misses found by reviewers: an eval item (text, the missed value, rights), encrypted;
-- `npm run hotline -- redaction misses --out FILE` writes them for `npm run eval:redaction -- --corpus FILE`.
CREATE TABLE IF NOT EXISTS redaction_misses (
  id TEXT PRIMARY KEY,
  lang TEXT NOT NULL,
  kind TEXT NOT NULL,
  item_enc BLOB NOT NULL,
  created_at INTEGER NOT NULL
);

-- The forum and LFT deadlines still running per case (derived from events by the clock engine;
-- recomputed on every change), so the queue can sort and filter by what is due soonest.
CREATE TABLE IF NOT EXISTS case_deadlines (
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  track TEXT NOT NULL,
  clock TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  PRIMARY KEY (case_id, track, clock)
);
CREATE INDEX IF NOT EXISTS case_deadlines_due ON case_deadlines (due_at);

-- Settings and the statistics snapshot.
-- settings: general key/value settings an administrator changes at run time (the statistics'
-- k, the public transparency page switch, the statistics lattice; retention may reuse it).
-- value is text (JSON where structured); updated_by is a staff id, or NULL from the CLI.
CREATE TABLE IF NOT EXISTS settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT
);

-- The statistics' base cells over every case (docs/analytics.md): one row per combination of the
-- lattice's dimensions (cell, a JSON array of their values) with its exact count. Replaced as a
-- whole in one batch; its lattice and time are the setting 'stats.snapshot'. Never published as
-- is: every figure is a sum of these counts rounded down to a multiple of k.
CREATE TABLE IF NOT EXISTS stats_cells (
  cell TEXT PRIMARY KEY,
  n INTEGER NOT NULL
);

-- The console for daily work (issue 20). Nothing here is about a reporter:
-- read markers, saved filters and reply templates belong to staff.
-- Read markers: how many of a case's messages from the reporter this staff member has seen
-- (a count, not a time: message times are stored as days). The case is unread while the case
-- holds more.
CREATE TABLE IF NOT EXISTS case_reads (
  staff_id TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  seen INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (staff_id, case_id)
);
CREATE INDEX IF NOT EXISTS case_reads_case ON case_reads (case_id);

-- A staff member's named queue filters (the query string of /console/queue).
CREATE TABLE IF NOT EXISTS saved_filters (
  id TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (staff_id, name)
);

-- Questions to reporters that monitors send often, in the three languages; the console picks
-- the case's language.
CREATE TABLE IF NOT EXISTS reply_templates (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  body_en TEXT NOT NULL,
  body_es TEXT NOT NULL,
  body_fr TEXT NOT NULL,
  created_by TEXT,
  created_at INTEGER NOT NULL
);

-- Retention settings as data: an admin's per-status override of RETENTION_<STATUS>_DAYS (days a
-- case in that status is kept before the purge). No row: the environment's value.
CREATE TABLE IF NOT EXISTS retention_settings (
  status TEXT PRIMARY KEY,
  days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 36500),
  updated_by TEXT,
  updated_at INTEGER NOT NULL
);

-- Requests to open an original text, an identity or a voice statement; the custodian decides.
CREATE TABLE IF NOT EXISTS "access_requests" (
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
  facility_id TEXT, due_key INTEGER NOT NULL DEFAULT 8000000000000000,
  PRIMARY KEY (code, status, rank, created_at, case_rowid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS case_rights_case ON case_rights (case_rowid);
-- Every queue page is a seek in queue order (store/queue-ranges.ts,
-- docs/architecture.md "The queue at a million cases").
-- A right's or commitment's rows per country, per country and sector, and per assignee, each in
-- queue order: a monitor's scope narrowed to a place, a filter's country or assignee, and a
-- monitor's own cases under a right filter become seeks instead of walks over every row of the
-- code checked one by one. (WITHOUT ROWID: each index entry ends with case_rowid, the key's last
-- column, so the entries are in queue order within each prefix.)
CREATE INDEX IF NOT EXISTS case_rights_country ON case_rights (code, country, status, rank, created_at);
CREATE INDEX IF NOT EXISTS case_rights_place ON case_rights (code, country, sector, status, rank, created_at);
CREATE INDEX IF NOT EXISTS case_rights_assigned ON case_rights (code, assigned_to, status, rank, created_at);
-- WITHOUT ROWID tables: an index entry ends with the key's columns in key order, so case_rowid is
-- named to make it the tie-break after due_key.
CREATE INDEX IF NOT EXISTS case_rights_due ON case_rights (code, status, due_key, case_rowid);
-- A scope or filter in one country seeks its rows, as 0014's case_*_country do in priority order.
CREATE INDEX IF NOT EXISTS case_rights_due_country ON case_rights (code, country, status, due_key, case_rowid);

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
  facility_id TEXT, due_key INTEGER NOT NULL DEFAULT 8000000000000000,
  PRIMARY KEY (code, status, rank, created_at, case_rowid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS case_commitments_case ON case_commitments (case_rowid);
CREATE INDEX IF NOT EXISTS case_commitments_country ON case_commitments (code, country, status, rank, created_at);
CREATE INDEX IF NOT EXISTS case_commitments_place ON case_commitments (code, country, sector, status, rank, created_at);
CREATE INDEX IF NOT EXISTS case_commitments_assigned ON case_commitments (code, assigned_to, status, rank, created_at);
CREATE INDEX IF NOT EXISTS case_commitments_due ON case_commitments (code, status, due_key, case_rowid);
CREATE INDEX IF NOT EXISTS case_commitments_due_country ON case_commitments (code, country, status, due_key, case_rowid);

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
  facility_id TEXT, due_key INTEGER NOT NULL DEFAULT 8000000000000000,
  PRIMARY KEY (code, status, rank, created_at, case_rowid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS case_access_case ON case_access (case_rowid);
CREATE INDEX IF NOT EXISTS case_access_due ON case_access (code, status, due_key, case_rowid);

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

CREATE VIRTUAL TABLE IF NOT EXISTS message_search USING fts5(
  body_redacted, content='case_messages', content_rowid='rowid', tokenize='trigram', detail='none'
);

-- Evidence attachments (photos, documents, voice notes). The file itself is
-- not here: its bytes, stripped of metadata and encrypted with a key of its own
-- (XChaCha20-Poly1305 secretstream), live in a blob store (the data folder on Node, R2 on
-- Workers) under object_name. The row keeps what staff may know (kind, type, size, pages or
-- duration), a keyed hash of the stripped bytes (duplicates), and the file key twice: sealed to
-- the custodian (key_sealed) and encrypted with the server's content key (key_enc, opened only
-- under an approved access request or for the organisation that uploaded it). Never a file name.
CREATE TABLE IF NOT EXISTS "evidence" (
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

-- Each staff member's choice, per kind of event: none, each event, or a daily digest; and the
-- language of their e-mails (their console language when they saved it).
CREATE TABLE IF NOT EXISTS staff_notify (
  staff_id TEXT PRIMARY KEY REFERENCES staff(id) ON DELETE CASCADE,
  new_cases TEXT NOT NULL DEFAULT 'none' CHECK (new_cases IN ('none', 'each', 'daily')),
  replies TEXT NOT NULL DEFAULT 'none' CHECK (replies IN ('none', 'each', 'daily')),
  lang TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

-- The outbox: one row per event, written in the event's own batch (intake, a reporter's reply),
-- only while notifications are on and someone wants that kind. The maintenance run turns it into
-- deliveries (who may see the case: cases/scope.ts) and deletes it in the same batch.
CREATE TABLE IF NOT EXISTS notify_outbox (
  id TEXT PRIMARY KEY,                  -- 'new:<case id>' or 'reply:<message id>': one per event
  kind TEXT NOT NULL CHECK (kind IN ('new_case', 'reply')),
  case_id TEXT NOT NULL,
  actor_id TEXT,                        -- the staff account that filed the case (not told of it)
  created_at INTEGER NOT NULL           -- the UTC day
);

-- What each staff member is owed: at most one row per event and staff member, so at most one
-- e-mail. Deleted once sent (or given up).
CREATE TABLE IF NOT EXISTS notify_deliveries (
  event_id TEXT NOT NULL,
  staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('new_case', 'reply')),
  due_at INTEGER NOT NULL,              -- now (each event) or the next digest hour; later after a refusal
  attempts INTEGER NOT NULL DEFAULT 0,
  sending_until INTEGER,                -- set while an e-mail carrying it is being sent
  last_error TEXT,
  PRIMARY KEY (event_id, staff_id)
);
CREATE INDEX IF NOT EXISTS notify_deliveries_due ON notify_deliveries (due_at) WHERE sending_until IS NULL;
CREATE INDEX IF NOT EXISTS notify_deliveries_staff ON notify_deliveries (staff_id, due_at);

CREATE TRIGGER IF NOT EXISTS cases_terms_delete AFTER DELETE ON cases
BEGIN
  DELETE FROM case_rights WHERE case_rowid = old.rowid;
  DELETE FROM case_commitments WHERE case_rowid = old.rowid;
END;
CREATE TRIGGER IF NOT EXISTS case_shares_access_delete AFTER DELETE ON case_shares
BEGIN
  DELETE FROM case_access WHERE code = 's:' || old.org_id AND case_rowid = (SELECT rowid FROM cases WHERE id = old.case_id);
END;
CREATE TRIGGER IF NOT EXISTS case_grants_access_delete AFTER DELETE ON case_grants
BEGIN
  DELETE FROM case_access WHERE code = 'g:' || old.staff_id AND case_rowid = (SELECT rowid FROM cases WHERE id = old.case_id);
END;
CREATE TRIGGER IF NOT EXISTS cases_access_delete AFTER DELETE ON cases
BEGIN
  DELETE FROM case_access WHERE case_rowid = old.rowid;
END;
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
-- Every write to a case that changes what the queue reads rewrites its rows: intake, status,
-- assignment, reclassification, merge and purge (a merged or purged case has none), delete.
-- On D1 a statement's `changes` also counts the rows its triggers write: the purge, which counts
-- cases by its UPDATE's changes, deletes their rows in a statement before it (store/purge.ts).
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
-- Kept by triggers in the same transaction as the share, the grant or the write to the case.
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
