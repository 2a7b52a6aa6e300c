-- What each consumer has installed, by content type, as it uploaded it (Pulp's unit profiles),
-- and the units of its bound repositories applicable to it, as last regenerated.
CREATE TABLE consumer_profiles (
  consumer_id   VARCHAR(255) NOT NULL REFERENCES consumers (consumer_id) ON DELETE CASCADE,
  content_type  VARCHAR(255) NOT NULL,
  profile       TEXT         NOT NULL,
  profile_hash  CHAR(64)     NOT NULL,
  updated       TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (consumer_id, content_type)
);
CREATE TABLE consumer_applicability (
  consumer_id   VARCHAR(255) NOT NULL REFERENCES consumers (consumer_id) ON DELETE CASCADE,
  type_id       VARCHAR(255) NOT NULL,
  unit_ids      TEXT         NOT NULL,
  PRIMARY KEY (consumer_id, type_id)
);
