-- The two async systems as they stood before Hourglass joined them: the web qualifier
-- (asyncs, async_teams, async_players) and the Discord bracket asyncs (races, async_times).

CREATE TYPE async_kind AS ENUM (
    'qualifier', 'qualifier2', 'qualifier3', 'seeding', 'tiebreaker1', 'tiebreaker2'
);

CREATE TYPE hash_icon AS ENUM (
    'Deku Stick', 'Deku Nut', 'Bow', 'Slingshot', 'Fairy Ocarina', 'Bombchu', 'Longshot',
    'Boomerang', 'Lens of Truth', 'Beans', 'Megaton Hammer', 'Bottled Fish', 'Bottled Milk',
    'Mask of Truth', 'SOLD OUT', 'Cucco', 'Mushroom', 'Saw', 'Frog', 'Master Sword',
    'Mirror Shield', 'Kokiri Tunic', 'Hover Boots', 'Silver Gauntlets', 'Gold Scale',
    'Stone of Agony', 'Skull Token', 'Heart Container', 'Boss Key', 'Compass', 'Map',
    'Big Magic'
);

-- People, identified by their Discord id.
CREATE TABLE users (
    id BIGINT PRIMARY KEY,
    display_name TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE events (
    series VARCHAR(8) NOT NULL,
    event VARCHAR(8) NOT NULL,
    display_name TEXT NOT NULL,
    team_size SMALLINT NOT NULL DEFAULT 1 CHECK (team_size BETWEEN 1 AND 16),
    start TIMESTAMPTZ,
    discord_guild BIGINT,
    discord_async_channel BIGINT,
    PRIMARY KEY (series, event)
);

CREATE TABLE organizers (
    series VARCHAR(8) NOT NULL,
    event VARCHAR(8) NOT NULL,
    organizer BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (series, event, organizer),
    FOREIGN KEY (series, event) REFERENCES events (series, event) ON DELETE CASCADE
);

CREATE TABLE teams (
    id BIGSERIAL PRIMARY KEY,
    series VARCHAR(8) NOT NULL,
    event VARCHAR(8) NOT NULL,
    name TEXT NOT NULL,
    FOREIGN KEY (series, event) REFERENCES events (series, event) ON DELETE CASCADE,
    CONSTRAINT teams_name_unique UNIQUE (series, event, name)
);

CREATE TABLE team_members (
    team BIGINT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    member BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (team, member)
);

CREATE TABLE asyncs (
    series VARCHAR(8) NOT NULL,
    event VARCHAR(8) NOT NULL,
    kind async_kind NOT NULL,
    start TIMESTAMPTZ,
    end_time TIMESTAMPTZ,
    web_id BIGINT,
    web_gen_time TIMESTAMP,
    file_stem TEXT,
    hash1 hash_icon,
    hash2 hash_icon,
    hash3 hash_icon,
    hash4 hash_icon,
    hash5 hash_icon,
    tfb_uuid UUID,
    xkeys_uuid UUID,
    seed_password CHAR(6) CHECK (seed_password ~ '^[Av><^]{6}$'),
    is_tfb_dev BOOLEAN NOT NULL DEFAULT false,
    discord_role BIGINT,
    discord_channel BIGINT,
    max_delay INTERVAL NOT NULL DEFAULT '00:00:00' CHECK (max_delay >= '00:00:00'),
    PRIMARY KEY (series, event, kind),
    FOREIGN KEY (series, event) REFERENCES events (series, event) ON DELETE CASCADE,
    CHECK (end_time IS NULL OR start IS NULL OR end_time > start)
);

CREATE TABLE async_teams (
    team BIGINT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    kind async_kind NOT NULL,
    requested TIMESTAMPTZ,
    submitted TIMESTAMPTZ,
    fpa TEXT,
    pieces SMALLINT CHECK (pieces >= 0),
    PRIMARY KEY (team, kind)
);

CREATE TABLE async_players (
    series VARCHAR(8) NOT NULL,
    event VARCHAR(8) NOT NULL,
    player BIGINT NOT NULL REFERENCES users (id),
    kind async_kind NOT NULL,
    time INTERVAL CHECK (time > '00:00:00'),
    vod TEXT,
    PRIMARY KEY (series, event, player, kind),
    FOREIGN KEY (series, event) REFERENCES events (series, event) ON DELETE CASCADE
);

CREATE TABLE races (
    id BIGSERIAL PRIMARY KEY,
    series VARCHAR(8) NOT NULL,
    event VARCHAR(8) NOT NULL,
    round TEXT,
    team1 BIGINT REFERENCES teams (id),
    team2 BIGINT REFERENCES teams (id),
    start TIMESTAMPTZ,
    async_start1 TIMESTAMPTZ,
    async_start2 TIMESTAMPTZ,
    async_start3 TIMESTAMPTZ,
    async_end1 TIMESTAMPTZ,
    async_end2 TIMESTAMPTZ,
    async_end3 TIMESTAMPTZ,
    async_room1 TEXT,
    async_room2 TEXT,
    async_room3 TEXT,
    async_thread1 BIGINT,
    async_thread2 BIGINT,
    async_thread3 BIGINT,
    FOREIGN KEY (series, event) REFERENCES events (series, event) ON DELETE CASCADE,
    -- A race is played live or as an async, never both.
    CONSTRAINT async_exclusion CHECK (
        start IS NULL
        OR (async_start1 IS NULL AND async_start2 IS NULL AND async_start3 IS NULL)
    )
);

CREATE TABLE async_times (
    race_id BIGINT NOT NULL REFERENCES races (id) ON DELETE CASCADE,
    async_part SMALLINT NOT NULL CHECK (async_part BETWEEN 1 AND 3),
    start_time TIMESTAMPTZ,
    finish_time TIMESTAMPTZ,
    recorded_by BIGINT,
    recorded_at TIMESTAMPTZ,
    PRIMARY KEY (race_id, async_part)
);
