-- Pulp's roles and per-resource permissions. Portable SQL: the same file migrates H2 and
-- PostgreSQL.

CREATE TABLE roles (
  role_id       VARCHAR(255)  PRIMARY KEY,
  oid           CHAR(24)      NOT NULL UNIQUE,
  display_name  VARCHAR(1024) NOT NULL,
  description   TEXT
);

CREATE TABLE user_roles (
  login    VARCHAR(255) NOT NULL REFERENCES users (login) ON DELETE CASCADE,
  role_id  VARCHAR(255) NOT NULL REFERENCES roles (role_id) ON DELETE CASCADE,
  PRIMARY KEY (login, role_id)
);
CREATE INDEX user_roles_by_role ON user_roles (role_id);

-- One row per grant: a user's or a role's operation on a resource path (relative to /pulp/api,
-- e.g. /v2/repositories/). A grant covers the path and every path below it.
CREATE TABLE permissions (
  resource      VARCHAR(1024) NOT NULL,
  subject_kind  VARCHAR(8)    NOT NULL,
  subject       VARCHAR(255)  NOT NULL,
  operation     VARCHAR(8)    NOT NULL,
  PRIMARY KEY (resource, subject_kind, subject, operation)
);
CREATE INDEX permissions_by_subject ON permissions (subject_kind, subject);

-- Users made before roles existed: the admin becomes the first super-user.
INSERT INTO roles (role_id, oid, display_name, description)
  VALUES ('super-users', '000000000000000000000001', 'Super Users',
          'Every operation on every resource; cannot be changed or removed');
INSERT INTO user_roles (login, role_id) SELECT login, 'super-users' FROM users WHERE login = 'admin';

ALTER TABLE users ADD COLUMN oid CHAR(24);
