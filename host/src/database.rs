//! The database: the configured PostgreSQL, or a private cluster in the data directory.

use std::path::Path;

use anyhow::Context;
use rand::RngCore;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, PgPool};

use hourglass_postgres::Cluster;

use crate::config::Config;

/// Every migration under `migrations/`, embedded in the binary.
pub static MIGRATOR: Migrator = sqlx::migrate!("../migrations");

/// The name of the database inside a private cluster.
const PRIVATE_DATABASE: &str = "hourglass";

/// A connected pool, and the private cluster behind it when Hourglass started one.
pub struct Database {
    pub pool: PgPool,
    pub cluster: Option<Cluster>,
}

impl Database {
    /// Connects to `DATABASE_URL`, or starts the private cluster, and migrates.
    pub async fn open(config: &Config) -> anyhow::Result<Self> {
        let (options, cluster) = match &config.database_url {
            Some(url) => {
                let options: PgConnectOptions = url
                    .0
                    .parse()
                    .context("DATABASE_URL is not a valid PostgreSQL address")?;
                (options, None)
            }
            None => {
                let cluster = start_private_cluster(&config.data_dir).await?;
                (cluster.connect_options(PRIVATE_DATABASE), Some(cluster))
            }
        };
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .connect_with(options)
            .await
            .context("could not connect to PostgreSQL")?;
        MIGRATOR
            .run(&pool)
            .await
            .context("could not apply the database migrations")?;
        Ok(Self { pool, cluster })
    }

    /// Closes the pool and stops the private cluster, if any.
    pub async fn close(self) {
        self.pool.close().await;
        if let Some(cluster) = self.cluster {
            if let Err(error) = cluster.stop().await {
                tracing::warn!(%error, "the private PostgreSQL did not stop cleanly");
            }
        }
    }
}

async fn start_private_cluster(data_dir: &Path) -> anyhow::Result<Cluster> {
    let cluster = Cluster::start(&data_dir.join("postgres")).await?;
    let mut admin = cluster.connect_options("postgres").connect().await?;
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
            .bind(PRIVATE_DATABASE)
            .fetch_one(&mut admin)
            .await?;
    if !exists {
        sqlx::query(&format!("CREATE DATABASE {PRIVATE_DATABASE}"))
            .execute(&mut admin)
            .await?;
    }
    admin.close().await?;
    Ok(cluster)
}

/// A random secret generated on first use and kept in the database across restarts.
pub async fn secret(db: &PgPool, name: &str, length: usize) -> Result<Vec<u8>, sqlx::Error> {
    let mut fresh = vec![0; length];
    rand::thread_rng().fill_bytes(&mut fresh);
    sqlx::query("INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
        .bind(name)
        .bind(&fresh)
        .execute(db)
        .await?;
    sqlx::query_scalar("SELECT value FROM secrets WHERE name = $1")
        .bind(name)
        .fetch_one(db)
        .await
}
