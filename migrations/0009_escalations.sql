-- Migration 0009: escalation packages (docs/escalation.md). A package is drafted from cases (or a
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
