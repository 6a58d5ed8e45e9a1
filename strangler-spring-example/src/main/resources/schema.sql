-- Run at every start-up (spring.sql.init.mode=always); each statement is a no-op when its table exists.

-- The legacy schema: one row per user, the skills joined with commas.
CREATE TABLE IF NOT EXISTS skills_legacy (
    user_id TEXT PRIMARY KEY,
    skills  TEXT NOT NULL
);

-- The modern schema: one row per skill, in the user's order, with the canonical form searches match on.
CREATE TABLE IF NOT EXISTS skills_modern (
    user_id   TEXT    NOT NULL,
    position  INTEGER NOT NULL,
    skill     TEXT    NOT NULL,
    canonical TEXT    NOT NULL,
    PRIMARY KEY (user_id, position)
);
CREATE INDEX IF NOT EXISTS skills_modern_canonical ON skills_modern (canonical);
