-- Certificates POST /actions/login/ issued: each authenticates its user over HTTPS until it
-- expires or the user is deleted (the cascade revokes it).
CREATE TABLE user_certificates (
  cert_sha256  CHAR(64)     PRIMARY KEY,
  login        VARCHAR(255) NOT NULL REFERENCES users (login) ON DELETE CASCADE,
  expires      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX user_certificates_by_login ON user_certificates (login);
