//! `fresh_database` gives every caller a database of its own, already migrated.

use hourglass_postgres::testing::fresh_database;
use sqlx::PgPool;
use sqlx::migrate::Migrator;

static MIGRATOR: Migrator = sqlx::migrate!("tests/migrations");

async fn runners(pool: &PgPool) -> Vec<String> {
    sqlx::query_scalar("SELECT name FROM runner ORDER BY name")
        .fetch_all(pool)
        .await
        .expect("select runners")
}

async fn database_name(pool: &PgPool) -> String {
    sqlx::query_scalar("SELECT current_database()::text")
        .fetch_one(pool)
        .await
        .expect("name")
}

#[tokio::test]
async fn two_calls_give_independent_migrated_databases() {
    let first = fresh_database(&MIGRATOR).await;
    let second = fresh_database(&MIGRATOR).await;
    assert_ne!(database_name(&first).await, database_name(&second).await);

    sqlx::query("INSERT INTO runner (name) VALUES ('Alice')")
        .execute(&first)
        .await
        .expect("insert into first");
    assert_eq!(runners(&first).await, ["Alice"]);
    assert!(
        runners(&second).await.is_empty(),
        "the second database has its own table"
    );

    let applied: i64 = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations")
        .fetch_one(&second)
        .await
        .expect("migrations table");
    assert_eq!(applied, 1);
}

// Each `#[tokio::test]` has its own runtime: these check that nothing from another test's
// (possibly finished) runtime is needed.
#[tokio::test]
async fn works_on_another_runtime() {
    let pool = fresh_database(&MIGRATOR).await;
    sqlx::query("INSERT INTO runner (name) VALUES ('Bob')")
        .execute(&pool)
        .await
        .expect("insert");
    assert_eq!(runners(&pool).await, ["Bob"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn works_on_a_multi_threaded_runtime() {
    let pool = fresh_database(&MIGRATOR).await;
    assert!(runners(&pool).await.is_empty());
}
