-- Group distributors (Pulp's repo_group_distributors): each publishes a whole repository group
-- at once. They go with their group.
CREATE TABLE repo_group_distributors (
  group_id        VARCHAR(255) NOT NULL REFERENCES repo_groups (group_id) ON DELETE CASCADE,
  distributor_id  VARCHAR(255) NOT NULL,
  oid             CHAR(24)     NOT NULL UNIQUE,
  type_id         VARCHAR(255) NOT NULL,
  config          TEXT         NOT NULL,
  scratchpad      TEXT,
  last_publish    TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (group_id, distributor_id)
);
