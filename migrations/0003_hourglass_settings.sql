-- What Hourglass adds around the two systems.

-- An explicit seed provider id; NULL means "chosen by which seed columns are set".
ALTER TABLE asyncs ADD COLUMN seed_provider TEXT;

-- Triforce Blitz events rank teams with more pieces first.
ALTER TABLE events ADD COLUMN counts_pieces BOOLEAN NOT NULL DEFAULT false;

-- Secrets the host generates once and keeps across restarts (e.g. the CSRF cookie key).
CREATE TABLE secrets (
    name TEXT PRIMARY KEY,
    value BYTEA NOT NULL
);

-- A person plays for at most one team per event; kept here because team_members has no
-- event column of its own.
CREATE FUNCTION one_team_per_event() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM team_members
        JOIN teams ON teams.id = team_members.team
        JOIN teams AS new_team ON new_team.id = NEW.team
        WHERE team_members.member = NEW.member
          AND teams.series = new_team.series AND teams.event = new_team.event
          AND teams.id <> NEW.team
    ) THEN
        RAISE EXCEPTION 'member % already plays for a team in this event', NEW.member
            USING ERRCODE = 'unique_violation', CONSTRAINT = 'one_team_per_event';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER one_team_per_event BEFORE INSERT OR UPDATE ON team_members
    FOR EACH ROW EXECUTE FUNCTION one_team_per_event();

-- The people `hourglass demo` offers to sign in as (filled only by the demo loader).
CREATE TABLE demo_users (
    id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    position INTEGER NOT NULL
);
