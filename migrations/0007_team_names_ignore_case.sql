-- Two teams of one event may not share a name, whatever the letter case: "Triforce Seekers"
-- and "triforce seekers" would be the same team to everyone reading the standings.
ALTER TABLE teams DROP CONSTRAINT teams_name_unique;
CREATE UNIQUE INDEX teams_name_unique ON teams (series, event, lower(name));
