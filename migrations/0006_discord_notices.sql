-- Discord notices waiting to be sent: posted messages and role grants that follow a web
-- submission. A notice is written in the same transaction as the submission, so it is never
-- lost; the sender marks it sent, so it is never sent twice.
CREATE TABLE discord_notices (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('message', 'grant_role')),
    guild_id BIGINT,
    channel_id BIGINT,
    user_id BIGINT,
    role_id BIGINT,
    content TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error TEXT,
    sent_at TIMESTAMPTZ,
    CHECK (kind <> 'message' OR (channel_id IS NOT NULL AND content IS NOT NULL)),
    CHECK (kind <> 'grant_role' OR (guild_id IS NOT NULL AND user_id IS NOT NULL AND role_id IS NOT NULL))
);

CREATE INDEX discord_notices_due ON discord_notices (next_attempt_at) WHERE sent_at IS NULL;
