-- The version a distributor published before its last one. A served-tree distributor keeps two
-- trees: the served one (published_version) and the one before it, which its next publish takes
-- over and brings up to date from the changes since its version. Both versions stay diffable when
-- retain_versions drops them from the list: pruning spares the rows they hold (so orphan cleanup
-- never deletes a file a published tree links to, either).
ALTER TABLE repo_distributors ADD COLUMN previous_published_version BIGINT;
