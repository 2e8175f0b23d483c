-- The integration: qualifier requests may run through private Discord threads.

ALTER TABLE events
    ADD COLUMN automated_asyncs BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE async_teams
    ADD COLUMN discord_thread BIGINT,
    ADD COLUMN start_time TIMESTAMPTZ,
    ADD COLUMN finish_time INTERVAL;

CREATE INDEX idx_async_teams_discord_thread
    ON async_teams (discord_thread) WHERE discord_thread IS NOT NULL;
