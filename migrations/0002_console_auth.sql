-- Migration 0002: TOTP replay protection, case grants for NGOs, session expiry index.
ALTER TABLE staff ADD COLUMN totp_last_step INTEGER;
CREATE INDEX IF NOT EXISTS staff_sessions_expiry ON staff_sessions (expires_at);
-- Cases an NGO or a monitor was granted beyond its scope.
CREATE TABLE IF NOT EXISTS case_grants (
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  staff_id TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  granted_by TEXT,
  granted_at INTEGER NOT NULL,
  PRIMARY KEY (case_id, staff_id)
);
CREATE INDEX IF NOT EXISTS case_grants_staff ON case_grants (staff_id);
