-- A repository's units of one type in unit id order (a publish reads them so) come straight off
-- this index; repo_units_by_type had the same leading columns, so it goes.
CREATE INDEX repo_units_by_type_and_unit ON repo_units (repo_id, unit_type_id, unit_id);
DROP INDEX repo_units_by_type;
