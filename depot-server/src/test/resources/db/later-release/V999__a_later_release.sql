-- A migration of a Depot release after this one (MigrationSeesEveryProcessTest): the database this
-- build made is then "older", and the processes of this build must hold the migration back.
CREATE TABLE later_release (id INTEGER);
