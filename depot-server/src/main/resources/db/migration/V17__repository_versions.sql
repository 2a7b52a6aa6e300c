-- Repository versions: every change of a repository's content is a numbered version. The current
-- content stays in repo_units (each row stamped with the version that added it); a row leaving the
-- repository moves to repo_units_removed with the version that removed it. Version N holds the
-- rows added at or before N that were not removed at or before N, so storage grows with the
-- changes, not with versions times units. Changes of a running task carry latest_version + 1 until
-- the task ends and that version is recorded.
ALTER TABLE repositories ADD COLUMN latest_version BIGINT NOT NULL DEFAULT 0;
-- How many versions to keep (the latest included); NULL keeps all.
ALTER TABLE repositories ADD COLUMN retain_versions INTEGER;

ALTER TABLE repo_units ADD COLUMN version_added BIGINT NOT NULL DEFAULT 0;
CREATE INDEX repo_units_by_version ON repo_units (repo_id, version_added);

CREATE TABLE repo_units_removed (
  repo_id          VARCHAR(255) NOT NULL REFERENCES repositories (repo_id) ON DELETE CASCADE,
  unit_id          CHAR(36)     NOT NULL REFERENCES units (unit_id),
  unit_type_id     VARCHAR(128) NOT NULL,
  created          TIMESTAMP WITH TIME ZONE NOT NULL,
  updated          TIMESTAMP WITH TIME ZONE NOT NULL,
  version_added    BIGINT       NOT NULL,
  version_removed  BIGINT       NOT NULL,
  PRIMARY KEY (repo_id, unit_id, version_added)
);
CREATE INDEX repo_units_removed_by_version ON repo_units_removed (repo_id, version_removed);
-- Orphan cleanup asks, unit by unit, whether any kept version still holds it.
CREATE INDEX repo_units_removed_by_unit ON repo_units_removed (unit_id);

CREATE TABLE repo_versions (
  repo_id         VARCHAR(255) NOT NULL REFERENCES repositories (repo_id) ON DELETE CASCADE,
  version_number  BIGINT       NOT NULL,
  created         TIMESTAMP WITH TIME ZONE NOT NULL,
  task_id         CHAR(36),
  -- JSON objects: units added and removed per type against the version before; content per type.
  added           TEXT         NOT NULL,
  removed         TEXT         NOT NULL,
  content_counts  TEXT,
  PRIMARY KEY (repo_id, version_number)
);
-- Existing repositories start at version 0 holding their current content (counted when first
-- shown).
INSERT INTO repo_versions (repo_id, version_number, created, task_id, added, removed)
  SELECT repo_id, 0, created, NULL, '{}', '{}' FROM repositories;

-- The version each distributor last published successfully, for the next publish's diff.
ALTER TABLE repo_distributors ADD COLUMN published_version BIGINT;
