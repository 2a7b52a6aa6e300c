-- One row that orphan removal locks exclusively and every transaction adding units to a
-- repository locks in share mode (H2, which has no shared row lock, exclusively): a unit's file
-- is never removed between a sync finding it in place and the sync's association committing.
CREATE TABLE content_files_lock (
  id INT PRIMARY KEY
);
INSERT INTO content_files_lock (id) VALUES (1);
