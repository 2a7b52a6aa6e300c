-- Where each distributor's last successful publish can be reached, as the distributor reported it
-- (JSON list of {protocol, served_path, tree_path}); NULL until it first reports. Consumers, the
-- rsync distributor and the REST API read it instead of guessing paths from config keys.
ALTER TABLE repo_distributors ADD COLUMN published_locations TEXT;

-- One row every distributor add or update that claims served paths locks until it commits, so two
-- concurrent ones (any types, any repositories) cannot both take the same path.
CREATE TABLE served_paths_lock (
  id INT PRIMARY KEY
);
INSERT INTO served_paths_lock (id) VALUES (1);
