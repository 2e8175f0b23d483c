//! How long the standings of a large event take: 10 000 teams of two, three qualifiers.
//! A measurement, not a timed assertion: run it with
//! `cargo test --release -p hourglass --test standings_scale -- --ignored --nocapture`.

use std::time::Instant;

use hourglass::database::MIGRATOR;
use hourglass_scoring::Formula;
use hourglass_sdk::domain::AsyncKind;
use hourglass_sdk::standings::EventResults;

const TEAMS: i64 = 10_000;

#[tokio::test]
#[ignore = "a measurement; run on demand"]
async fn standings_of_ten_thousand_teams() {
    let db = hourglass_postgres::testing::fresh_database(&MIGRATOR).await;
    let statements = [
        "INSERT INTO events (series, event, display_name, team_size) VALUES ('big', '1', 'Big', 2)",
        "INSERT INTO users (id, display_name) SELECT n, 'runner ' || n FROM generate_series(1, 20000) n",
        "INSERT INTO teams (id, series, event, name) \
         SELECT n, 'big', '1', 'team ' || n FROM generate_series(1, 10000) n",
        "INSERT INTO team_members (team, member) \
         SELECT (n + 1) / 2, n FROM generate_series(1, 20000) n",
        "INSERT INTO async_teams (team, kind, requested, submitted) \
         SELECT t, k::async_kind, now(), now() FROM generate_series(1, 10000) t, \
         unnest(ARRAY['qualifier', 'qualifier2', 'qualifier3']) k WHERE t % 10 <> 0",
        "INSERT INTO async_players (series, event, player, kind, time) \
         SELECT 'big', '1', n, k::async_kind, \
                CASE WHEN n % 97 = 0 THEN NULL ELSE make_interval(secs => 3000 + (n * 7919) % 4000) END \
         FROM generate_series(1, 20000) n, \
         unnest(ARRAY['qualifier', 'qualifier2', 'qualifier3']) k WHERE ((n + 1) / 2) % 10 <> 0",
        "ANALYZE",
    ];
    for statement in statements {
        sqlx::query(statement).execute(&db).await.expect(statement);
    }
    let kinds = [
        AsyncKind::Qualifier,
        AsyncKind::Qualifier2,
        AsyncKind::Qualifier3,
    ];
    for round in 0..5 {
        let started = Instant::now();
        let results = EventResults::load(&db, "big", "1").await.expect("load");
        let loaded = started.elapsed();
        let standings = results.standings(Formula::Standard, false, &kinds);
        let total = started.elapsed();
        assert_eq!(standings.lines.len(), TEAMS as usize);
        println!(
            "round {round}: load {} ms, load + rank {} ms",
            loaded.as_millis(),
            total.as_millis()
        );
    }
}
