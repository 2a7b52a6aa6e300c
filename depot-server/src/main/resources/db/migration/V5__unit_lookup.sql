-- Saving a batch of units looks them up with key_digest IN (...). H2 only uses the leading column
-- of units_natural_key (type_id) for that, so every batch scanned all units of its type: a sync
-- of n units cost O(n^2). A digest is a SHA-256, so an index on it alone finds each one directly.
CREATE INDEX units_by_key_digest ON units (key_digest);
