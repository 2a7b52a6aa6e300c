-- Where each distributor's last successful publish can be reached, as the distributor reported it
-- (JSON list of {protocol, served_path, tree_path}); NULL until it first reports. Consumers, the
-- rsync distributor and the REST API read it instead of guessing paths from config keys.
ALTER TABLE repo_distributors ADD COLUMN published_locations TEXT;
