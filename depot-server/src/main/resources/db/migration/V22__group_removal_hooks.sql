-- Group distributors' removed-hooks are recorded here too. Their removal (alone, or with their
-- group) deleted the row and then ran the hook outside any record, so a kill in between left the
-- group's published tree served with no distributor naming it, and nothing ever removed it. A
-- group's hook names its group in group_id (repo_id is then null) and keeps the group's plugin view
-- in the repository column; its plugin_kind, group_distributor, needs a wider column.
ALTER TABLE removal_hooks ADD COLUMN group_id VARCHAR(255);
ALTER TABLE removal_hooks ALTER COLUMN repo_id DROP NOT NULL;
ALTER TABLE removal_hooks ALTER COLUMN plugin_kind SET DATA TYPE VARCHAR(32);
