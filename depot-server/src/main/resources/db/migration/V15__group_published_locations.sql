-- Where each group distributor's last successful publish can be reached, as it reported it (the
-- same JSON as repo_distributors.published_locations); NULL until it first reports.
ALTER TABLE repo_group_distributors ADD COLUMN published_locations TEXT;
