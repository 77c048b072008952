-- Migration 0004: staff access safety. A new account enrols TOTP only with a one-time code
-- (keyed hash, expiry); an approval to open an identity, an original or a voice statement is
-- used once and expires.
ALTER TABLE staff ADD COLUMN enrol_code_hash TEXT;
ALTER TABLE staff ADD COLUMN enrol_expires_at INTEGER;
ALTER TABLE access_requests ADD COLUMN expires_at INTEGER;
ALTER TABLE access_requests ADD COLUMN used_at INTEGER;
