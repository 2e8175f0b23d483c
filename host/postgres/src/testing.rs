//! Fresh, migrated databases for tests.
//!
//! The server is the one `DATABASE_URL` names, if set; otherwise a private cluster that this
//! process starts once, in `<temp dir>/hourglass-test-pg/<pid>/`, without durability. Leftover
//! directories of test processes that are no longer running are removed on the way.
//!
//! Every `#[tokio::test]` has a runtime of its own, which ends with the test. So nothing here
//! keeps a connection beyond one call: the administrative work uses short-lived connections,
//! and the cluster's process is looked after by a thread, not by a runtime.

use std::fs::{DirBuilder, Permissions};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::Path;
use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};

use nix::errno::Errno;
use nix::sys::signal::kill;
use nix::unistd::Pid;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::{Connection, Executor};
use tokio::sync::{Mutex, OnceCell};

use crate::{Cluster, ClusterOptions};

enum Server {
    External(Box<PgConnectOptions>),
    Private(Cluster),
}

impl Server {
    fn admin_options(&self) -> PgConnectOptions {
        match self {
            Self::External(options) => (**options).clone(),
            Self::Private(cluster) => cluster.connect_options("postgres"),
        }
    }
}

/// The server, or why there is none (kept, so that every test reports it without retrying).
static SERVER: OnceCell<Result<Server, String>> = OnceCell::const_new();
/// The template database made for each migrator (by address).
static TEMPLATES: Mutex<Vec<(usize, String)>> = Mutex::const_new(Vec::new());
static DATABASES: AtomicU32 = AtomicU32::new(0);

/// A pool on a brand-new database that `migrator` has migrated.
///
/// The database is named `test_<pid>_<n>` and is left in place (on a private cluster, it goes
/// with the cluster's directory on a later run).
///
/// # Panics
///
/// If no server can be started or reached, or the migrations fail.
pub async fn fresh_database(migrator: &'static Migrator) -> PgPool {
    match try_fresh_database(migrator).await {
        Ok(pool) => pool,
        Err(error) => panic!("could not make a fresh test database: {error}"),
    }
}

async fn try_fresh_database(migrator: &'static Migrator) -> Result<PgPool, String> {
    let admin = SERVER
        .get_or_init(start_server)
        .await
        .as_ref()
        .map_err(Clone::clone)?;
    let admin = admin.admin_options();
    let template = template_for(migrator, &admin).await?;
    let number = DATABASES.fetch_add(1, Ordering::Relaxed);
    let name = format!("test_{}_{number}", std::process::id());
    execute(
        &admin,
        &format!(r#"CREATE DATABASE "{name}" TEMPLATE "{template}""#),
    )
    .await?;
    PgPoolOptions::new()
        .max_connections(5)
        .connect_with(admin.database(&name))
        .await
        .map_err(|error| format!("could not connect to {name}: {error}"))
}

async fn start_server() -> Result<Server, String> {
    if let Some(url) = std::env::var("DATABASE_URL")
        .ok()
        .filter(|url| !url.is_empty())
    {
        let options = PgConnectOptions::from_str(&url)
            .map_err(|error| format!("DATABASE_URL is not a PostgreSQL URL: {error}"))?;
        return Ok(Server::External(Box::new(options)));
    }
    let base = std::env::temp_dir().join("hourglass-test-pg");
    create_shared_dir(&base).map_err(|error| format!("{}: {error}", base.display()))?;
    remove_dead_clusters(&base);
    let dir = base.join(std::process::id().to_string());
    if dir.exists() {
        // Left by an earlier process that had the same pid, so not running any more.
        std::fs::remove_dir_all(&dir).map_err(|error| format!("{}: {error}", dir.display()))?;
    }
    let cluster = Cluster::start_with(&dir, ClusterOptions { durable: false })
        .await
        .map_err(|error| error.to_string())?;
    Ok(Server::Private(cluster))
}

/// Creates `dir` like `/tmp` (sticky and world-writable), so that test runs by other users can
/// put their clusters there too.
fn create_shared_dir(dir: &Path) -> std::io::Result<()> {
    match DirBuilder::new().recursive(false).mode(0o1777).create(dir) {
        Ok(()) => std::fs::set_permissions(dir, Permissions::from_mode(0o1777)),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(error),
    }
}

/// Removes the cluster directories of test processes that have ended.
fn remove_dead_clusters(base: &Path) {
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|name| name.parse::<i32>().ok())
        else {
            continue;
        };
        let alive = matches!(kill(Pid::from_raw(pid), None), Ok(()) | Err(Errno::EPERM));
        if pid > 0 && !alive {
            if let Err(error) = std::fs::remove_dir_all(entry.path()) {
                tracing::debug!(%error, dir = %entry.path().display(), "left an old test cluster");
            }
        }
    }
}

/// The template database for `migrator`, made and migrated on first use.
async fn template_for(
    migrator: &'static Migrator,
    admin: &PgConnectOptions,
) -> Result<String, String> {
    let key = std::ptr::from_ref(migrator) as usize;
    let mut templates = TEMPLATES.lock().await;
    if let Some((_, name)) = templates.iter().find(|(known, _)| *known == key) {
        return Ok(name.clone());
    }
    let name = format!("template_{}_{}", std::process::id(), templates.len());
    execute(admin, &format!(r#"DROP DATABASE IF EXISTS "{name}""#)).await?;
    execute(admin, &format!(r#"CREATE DATABASE "{name}""#)).await?;
    let mut connection = connect(&admin.clone().database(&name)).await?;
    migrator
        .run(&mut connection)
        .await
        .map_err(|error| format!("could not migrate {name}: {error}"))?;
    connection
        .close()
        .await
        .map_err(|error| error.to_string())?;
    templates.push((key, name.clone()));
    Ok(name)
}

/// Runs one statement on a connection of its own.
async fn execute(options: &PgConnectOptions, statement: &str) -> Result<(), String> {
    let mut connection = connect(options).await?;
    connection
        .execute(statement)
        .await
        .map_err(|error| format!("{statement}: {error}"))?;
    connection.close().await.map_err(|error| error.to_string())
}

async fn connect(options: &PgConnectOptions) -> Result<PgConnection, String> {
    PgConnection::connect_with(options).await.map_err(|error| {
        let database = options.get_database().unwrap_or("the default database");
        format!("could not connect to {database}: {error}")
    })
}
