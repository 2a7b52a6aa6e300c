-- Pulp's task groups: tasks queued together for one request (a parallel applicability
-- regeneration) share a group id; the group is followed by its state summary and cancelled whole,
-- and its tasks stay out of the plain task list.
ALTER TABLE tasks ADD COLUMN group_id CHAR(36);
CREATE INDEX tasks_by_group ON tasks (group_id);
