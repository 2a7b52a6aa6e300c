-- Every Depot process heartbeats here, whatever its roles: before, only worker processes did (in
-- workers), so a migration went ahead under an older API-only or content-only process still
-- writing rows as its schema knew them. /status/ lists them, with each one's build.
CREATE TABLE processes (
  process_id      CHAR(36)     PRIMARY KEY,
  name            VARCHAR(255) NOT NULL,
  roles           VARCHAR(64)  NOT NULL,
  version         VARCHAR(128) NOT NULL,
  pid             BIGINT       NOT NULL,
  started         TIMESTAMP WITH TIME ZONE NOT NULL,
  last_heartbeat  TIMESTAMP WITH TIME ZONE NOT NULL
);
