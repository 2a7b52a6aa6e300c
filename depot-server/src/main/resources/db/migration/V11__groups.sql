-- Repository groups and consumer groups: named sets of repositories or consumers with notes.
-- A member row goes with its group and with its member, so a deleted repository or an
-- unregistered consumer leaves every group it was in without the platform doing anything.
-- Portable SQL: the same file migrates H2 and PostgreSQL.

CREATE TABLE repo_groups (
  group_id      VARCHAR(255) PRIMARY KEY,
  oid           CHAR(24)     NOT NULL UNIQUE,
  display_name  TEXT,
  description   TEXT,
  notes         TEXT         NOT NULL,
  created       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE repo_group_members (
  group_id   VARCHAR(255) NOT NULL REFERENCES repo_groups (group_id) ON DELETE CASCADE,
  member_id  VARCHAR(255) NOT NULL REFERENCES repositories (repo_id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, member_id)
);
CREATE INDEX repo_group_members_by_member ON repo_group_members (member_id);

CREATE TABLE consumer_groups (
  group_id      VARCHAR(255) PRIMARY KEY,
  oid           CHAR(24)     NOT NULL UNIQUE,
  display_name  TEXT,
  description   TEXT,
  notes         TEXT         NOT NULL,
  created       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE consumer_group_members (
  group_id   VARCHAR(255) NOT NULL REFERENCES consumer_groups (group_id) ON DELETE CASCADE,
  member_id  VARCHAR(255) NOT NULL REFERENCES consumers (consumer_id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, member_id)
);
CREATE INDEX consumer_group_members_by_member ON consumer_group_members (member_id);
