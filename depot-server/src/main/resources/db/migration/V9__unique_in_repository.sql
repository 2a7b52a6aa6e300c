-- Unit-key fields no two units of a type share within one repository (a JSON list; iso: name).
ALTER TABLE content_types ADD COLUMN unique_in_repository TEXT NOT NULL DEFAULT '[]';
