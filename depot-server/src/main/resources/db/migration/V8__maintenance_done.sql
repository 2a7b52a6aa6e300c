-- One-off work the server does in Java at start-up (it needs the plugins' type definitions, so it
-- cannot be a SQL migration), recorded once done so that later starts skip it without a scan.
CREATE TABLE maintenance_done (
  name     VARCHAR(64) PRIMARY KEY,
  done_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
