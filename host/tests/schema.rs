//! The schema after migrating: the two systems of the seed, the integration columns and
//! index, and the rules every table follows.

use hourglass::database::MIGRATOR;

async fn columns(db: &sqlx::PgPool, table: &str) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT column_name::text, data_type::text FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
    )
    .bind(table)
    .fetch_all(db)
    .await
    .expect("columns")
}

fn has(columns: &[(String, String)], name: &str, data_type: &str) -> bool {
    columns
        .iter()
        .any(|(column, kind)| column == name && kind == data_type)
}

#[tokio::test]
async fn the_integration_columns_and_index_exist() {
    let db = hourglass_postgres::testing::fresh_database(&MIGRATOR).await;

    let events = columns(&db, "events").await;
    assert!(has(&events, "automated_asyncs", "boolean"), "{events:?}");
    let nullable: String = sqlx::query_scalar(
        "SELECT is_nullable::text FROM information_schema.columns \
         WHERE table_name = 'events' AND column_name = 'automated_asyncs'",
    )
    .fetch_one(&db)
    .await
    .expect("nullability");
    assert_eq!(nullable, "NO");

    let teams = columns(&db, "async_teams").await;
    for (column, kind) in [
        ("team", "bigint"),
        ("requested", "timestamp with time zone"),
        ("submitted", "timestamp with time zone"),
        ("fpa", "text"),
        ("pieces", "smallint"),
        ("discord_thread", "bigint"),
        ("start_time", "timestamp with time zone"),
        ("finish_time", "interval"),
    ] {
        assert!(
            has(&teams, column, kind),
            "async_teams.{column} {kind}: {teams:?}"
        );
    }

    let index: String = sqlx::query_scalar(
        "SELECT indexdef FROM pg_indexes \
         WHERE tablename = 'async_teams' AND indexname = 'idx_async_teams_discord_thread'",
    )
    .fetch_one(&db)
    .await
    .expect("the thread index exists");
    assert!(index.contains("(discord_thread)"), "{index}");
    assert!(
        index.contains("WHERE (discord_thread IS NOT NULL)"),
        "{index}"
    );
}

#[tokio::test]
async fn the_two_systems_keep_the_seed_columns() {
    let db = hourglass_postgres::testing::fresh_database(&MIGRATOR).await;

    let asyncs = columns(&db, "asyncs").await;
    for (column, kind) in [
        ("series", "character varying"),
        ("event", "character varying"),
        ("kind", "USER-DEFINED"),
        ("start", "timestamp with time zone"),
        ("end_time", "timestamp with time zone"),
        ("web_id", "bigint"),
        ("web_gen_time", "timestamp without time zone"),
        ("file_stem", "text"),
        ("hash1", "USER-DEFINED"),
        ("hash5", "USER-DEFINED"),
        ("tfb_uuid", "uuid"),
        ("xkeys_uuid", "uuid"),
        ("seed_password", "character"),
        ("is_tfb_dev", "boolean"),
        ("discord_role", "bigint"),
        ("discord_channel", "bigint"),
        ("max_delay", "interval"),
    ] {
        assert!(
            has(&asyncs, column, kind),
            "asyncs.{column} {kind}: {asyncs:?}"
        );
    }
    let players = columns(&db, "async_players").await;
    assert!(
        has(&players, "time", "interval"),
        "durations are INTERVAL (case 24)"
    );
    assert!(has(&players, "vod", "text"));
    let races = columns(&db, "races").await;
    for part in 1..=3 {
        assert!(has(
            &races,
            &format!("async_start{part}"),
            "timestamp with time zone"
        ));
        assert!(has(
            &races,
            &format!("async_end{part}"),
            "timestamp with time zone"
        ));
        assert!(has(&races, &format!("async_room{part}"), "text"));
        assert!(has(&races, &format!("async_thread{part}"), "bigint"));
    }
    let times = columns(&db, "async_times").await;
    for column in [
        "race_id",
        "async_part",
        "start_time",
        "finish_time",
        "recorded_by",
        "recorded_at",
    ] {
        assert!(
            times.iter().any(|(name, _)| name == column),
            "async_times.{column}"
        );
    }

    let icons: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pg_enum JOIN pg_type ON pg_type.oid = enumtypid \
         WHERE typname = 'hash_icon'",
    )
    .fetch_one(&db)
    .await
    .expect("enum");
    assert_eq!(icons, 32);
}

#[tokio::test]
async fn a_race_is_live_or_async_never_both() {
    let db = hourglass_postgres::testing::fresh_database(&MIGRATOR).await;
    sqlx::query("INSERT INTO events (series, event, display_name) VALUES ('s', '8', 'S8')")
        .execute(&db)
        .await
        .expect("event");
    let both = sqlx::query(
        "INSERT INTO races (series, event, start, async_start1) VALUES ('s', '8', now(), now())",
    )
    .execute(&db)
    .await
    .expect_err("a live race with an async part is refused");
    assert!(both.to_string().contains("async_exclusion"), "{both}");
    sqlx::query("INSERT INTO races (series, event, async_start1, async_start2) VALUES ('s', '8', now(), now())")
        .execute(&db)
        .await
        .expect("an async race is fine");
}

#[tokio::test]
async fn every_table_has_a_primary_key_and_no_duration_is_an_integer() {
    let db = hourglass_postgres::testing::fresh_database(&MIGRATOR).await;
    let without_key: Vec<String> = sqlx::query_scalar(
        "SELECT tables.table_name::text FROM information_schema.tables AS tables \
         WHERE tables.table_schema = 'public' AND tables.table_type = 'BASE TABLE' \
           AND NOT EXISTS (SELECT 1 FROM information_schema.table_constraints AS constraints \
               WHERE constraints.table_schema = 'public' \
                 AND constraints.table_name = tables.table_name \
                 AND constraints.constraint_type = 'PRIMARY KEY')",
    )
    .fetch_all(&db)
    .await
    .expect("tables");
    assert!(
        without_key.is_empty(),
        "tables without a primary key: {without_key:?}"
    );

    let suspicious: Vec<String> = sqlx::query_scalar(
        "SELECT table_name || '.' || column_name FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations' \
           AND data_type IN ('integer', 'bigint') \
           AND (column_name LIKE '%time%' OR column_name LIKE '%delay%' \
                OR column_name LIKE '%duration%' OR column_name LIKE '%_ms')",
    )
    .fetch_all(&db)
    .await
    .expect("columns");
    assert!(
        suspicious.is_empty(),
        "durations stored as integers: {suspicious:?}"
    );
}

#[tokio::test]
async fn team_names_are_unique_in_an_event_whatever_the_case() {
    let db = hourglass_postgres::testing::fresh_database(&MIGRATOR).await;
    sqlx::query("INSERT INTO events (series, event, display_name) VALUES ('s', '8', 'S8'), ('s', '9', 'S9')")
        .execute(&db)
        .await
        .expect("events");
    sqlx::query("INSERT INTO teams (series, event, name) VALUES ('s', '8', 'Triforce Seekers')")
        .execute(&db)
        .await
        .expect("first team");
    let twin = sqlx::query(
        "INSERT INTO teams (series, event, name) VALUES ('s', '8', 'triforce SEEKERS')",
    )
    .execute(&db)
    .await
    .expect_err("the same name in other letters is refused");
    assert_eq!(
        twin.as_database_error()
            .and_then(|error| error.constraint()),
        Some("teams_name_unique")
    );
    sqlx::query("INSERT INTO teams (series, event, name) VALUES ('s', '9', 'triforce seekers')")
        .execute(&db)
        .await
        .expect("another event may use it");
}
