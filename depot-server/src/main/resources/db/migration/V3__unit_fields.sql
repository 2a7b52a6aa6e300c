-- Searchable unit fields, one row per (unit, field): every unit-key field and every field the
-- type lists in search_indexes, scalar values only. Unit search filters and sorts on these rows
-- in SQL (joins and EXISTS), so a search over a million-unit repository streams in flat memory.
-- text_value holds the value as text (at most 1024 characters; longer values are not indexed);
-- num_value is set as well when the value is a number.
CREATE TABLE unit_fields (
  unit_id     CHAR(36)      NOT NULL REFERENCES units (unit_id) ON DELETE CASCADE,
  field       VARCHAR(255)  NOT NULL,
  text_value  VARCHAR(1024),
  num_value   DOUBLE PRECISION,
  PRIMARY KEY (unit_id, field)
);
CREATE INDEX unit_fields_by_text ON unit_fields (field, text_value);
CREATE INDEX unit_fields_by_num ON unit_fields (field, num_value);
CREATE INDEX repo_units_by_created ON repo_units (repo_id, created);
