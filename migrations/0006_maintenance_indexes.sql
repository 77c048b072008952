-- Migration 0006: indexes that let maintenance work in small batches without walking old rows.
-- The purge takes the next batch of due cases from an index of unpurged cases only: a purged case
-- keeps its status and date, and in cases_status_updated every run would step over all of them.
CREATE INDEX IF NOT EXISTS cases_purge_due ON cases (status, updated_at) WHERE purged_at IS NULL;
-- A purged case's voice statements, found by case instead of by reading the whole table.
CREATE INDEX IF NOT EXISTS voice_recordings_case ON voice_recordings (case_id);
-- Expired replies and rate-limit counters, deleted oldest first in batches.
CREATE INDEX IF NOT EXISTS webhook_replies_created ON webhook_replies (created_at);
CREATE INDEX IF NOT EXISTS rate_limits_expiry ON rate_limits (expires_at);
