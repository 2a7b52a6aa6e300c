-- When each consumer's applicability was last regenerated: without it "nothing applies" and
-- "never computed" (after a profile upload, which drops what was computed) read the same.
CREATE TABLE consumer_applicability_regenerated (
  consumer_id   VARCHAR(255) NOT NULL REFERENCES consumers (consumer_id) ON DELETE CASCADE,
  regenerated   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (consumer_id)
);
-- Applicability computed before this table: it was regenerated (its time is not known).
INSERT INTO consumer_applicability_regenerated (consumer_id, regenerated)
  SELECT DISTINCT consumer_id, CURRENT_TIMESTAMP FROM consumer_applicability;
