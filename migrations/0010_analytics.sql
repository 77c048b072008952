-- Migration 0010: settings and the statistics snapshot.
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
