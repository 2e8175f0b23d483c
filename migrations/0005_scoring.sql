-- How an event ranks its qualifier results, and whether it hides them from the public until
-- every qualifier window has closed (organizers always see them).

ALTER TABLE events
    ADD COLUMN scoring TEXT NOT NULL DEFAULT 'time'
        CONSTRAINT events_scoring_known CHECK (scoring IN ('time', 'standard', 'sgl')),
    ADD COLUMN hide_results BOOLEAN NOT NULL DEFAULT false;
