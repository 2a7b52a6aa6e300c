-- The version a distributor's publish is publishing, recorded before the plugin runs and cleared
-- when the publish ends. A publish killed with its process after its tree was switched in (before
-- its success was recorded) leaves that tree served while published_version still names the one
-- before: this column keeps the served tree's version pinned, so that pruning keeps the rows it
-- shows and orphan cleanup never deletes a file the served tree links to.
ALTER TABLE repo_distributors ADD COLUMN publishing_version BIGINT;
