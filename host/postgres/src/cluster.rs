//! Starting and stopping a private cluster.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgSslMode};

use crate::datadir::{self, PORT, RunAs};
use crate::process::{self, Postmaster};
use crate::{Binaries, BinarySearch, ClusterError};

/// The superuser `initdb` creates; it authenticates by being able to reach the socket.
pub const SUPERUSER: &str = "hourglass";

const READY_TIMEOUT: Duration = Duration::from_secs(30);
const STOP_TIMEOUT: Duration = Duration::from_secs(60);
const PREVIOUS_SERVER_TIMEOUT: Duration = Duration::from_secs(15);

/// How a cluster is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClusterOptions {
    /// Whether committed data must survive a crash of the machine. `false` turns `fsync` and
    /// related settings off, which is much faster and fine for throw-away test clusters.
    pub durable: bool,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        Self { durable: true }
    }
}

/// A PostgreSQL server of this process's own, on a Unix socket inside its data directory.
///
/// The server listens on no TCP port and trusts whoever can reach the socket, which is only
/// the server's user (and root): the data directory has mode 0700.
#[derive(Debug)]
pub struct Cluster {
    data_dir: PathBuf,
    postmaster: Postmaster,
    stopped: bool,
}

impl Cluster {
    /// Starts a durable cluster in `dir`, creating it first if `dir/PG_VERSION` is missing.
    pub async fn start(dir: &Path) -> Result<Self, ClusterError> {
        Self::start_with(dir, ClusterOptions::default()).await
    }

    /// Starts a cluster in `dir`, creating it first if `dir/PG_VERSION` is missing, and waits
    /// until it accepts connections.
    pub async fn start_with(dir: &Path, options: ClusterOptions) -> Result<Self, ClusterError> {
        // Quick: at most one `pg_config --bindir`.
        let binaries = BinarySearch::from_environment().find()?;
        let data_dir = std::path::absolute(dir).map_err(|source| ClusterError::DataDir {
            path: dir.to_path_buf(),
            source,
        })?;
        let run_as = datadir::server_user()?;
        datadir::prepare(&data_dir, run_as)?;
        if !data_dir.join("PG_VERSION").exists() {
            initdb(&binaries, &data_dir, run_as, options).await?;
        }
        wait_for_previous_server(&data_dir).await;
        let mut command = server_command(&binaries.postgres(), &data_dir, run_as);
        command.arg("-D").arg(&data_dir).arg("-k").arg(&data_dir);
        command.args(["-p", &PORT.to_string(), "-c", "listen_addresses="]);
        command.args(["-c", "unix_socket_permissions=0700"]);
        if !options.durable {
            command.args(["-c", "fsync=off", "-c", "synchronous_commit=off"]);
            command.args(["-c", "full_page_writes=off"]);
        }
        command.stdout(Stdio::null()).stderr(Stdio::piped());
        let postmaster = process::spawn(command).await?;
        let cluster = Self {
            data_dir,
            postmaster,
            stopped: false,
        };
        cluster.wait_until_ready().await?;
        tracing::info!(
            data_dir = %cluster.data_dir.display(),
            pid = cluster.pid(),
            "private PostgreSQL started"
        );
        Ok(cluster)
    }

    /// The data directory, which also holds the server's socket.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The process id of the server (the postmaster).
    pub fn pid(&self) -> u32 {
        self.postmaster.pid.as_raw().unsigned_abs()
    }

    /// How to connect to `database` as the superuser.
    pub fn connect_options(&self, database: &str) -> PgConnectOptions {
        PgConnectOptions::new_without_pgpass()
            .socket(&self.data_dir)
            .port(PORT)
            .username(SUPERUSER)
            .database(database)
            .ssl_mode(PgSslMode::Disable)
    }

    /// Shuts the server down (PostgreSQL's fast shutdown: sessions are ended, committed data is
    /// written) and waits for it to exit.
    pub async fn stop(mut self) -> Result<(), ClusterError> {
        self.stopped = true;
        let pid = self.postmaster.pid;
        if let Some(status) = *self.postmaster.exit.borrow() {
            let log_tail = self.postmaster.log.text();
            return Err(ClusterError::ExitedUnexpectedly { status, log_tail });
        }
        self.postmaster.stopping.store(true, Ordering::SeqCst);
        kill(pid, Signal::SIGINT).map_err(|source| ClusterError::Signal {
            pid: pid.as_raw(),
            source,
        })?;
        let exited = self.postmaster.exit.wait_for(Option::is_some);
        match tokio::time::timeout(STOP_TIMEOUT, exited).await {
            Ok(Ok(_)) => {
                tracing::info!(data_dir = %self.data_dir.display(), "private PostgreSQL stopped");
                Ok(())
            }
            Ok(Err(_)) => Err(ClusterError::SupervisorGone),
            Err(_) => {
                let _ = kill(pid, Signal::SIGQUIT);
                Err(ClusterError::StopTimeout {
                    pid: pid.as_raw(),
                    waited: STOP_TIMEOUT,
                })
            }
        }
    }

    async fn wait_until_ready(&self) -> Result<(), ClusterError> {
        let started = Instant::now();
        let options = self.connect_options("postgres");
        loop {
            if let Some(status) = *self.postmaster.exit.borrow() {
                let log_tail = self.postmaster.log.text();
                return Err(ClusterError::ExitedEarly { status, log_tail });
            }
            let attempt = PgConnection::connect_with(&options);
            let last_error = match tokio::time::timeout(Duration::from_secs(5), attempt).await {
                Ok(Ok(connection)) => {
                    let _ = connection.close().await;
                    return Ok(());
                }
                Ok(Err(error)) => error.to_string(),
                Err(_) => "timed out".to_owned(),
            };
            if started.elapsed() >= READY_TIMEOUT {
                let log_tail = self.postmaster.log.text();
                return Err(ClusterError::NotReady {
                    waited: READY_TIMEOUT,
                    last_error,
                    log_tail,
                });
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Cluster {
    /// Asks the server to shut down without waiting for it; should this process end first, the
    /// server gets `SIGQUIT` (immediate shutdown) and recovers on its next start.
    fn drop(&mut self) {
        if !self.stopped && self.postmaster.exit.borrow().is_none() {
            self.postmaster.stopping.store(true, Ordering::SeqCst);
            let _ = kill(self.postmaster.pid, Signal::SIGINT);
        }
    }
}

async fn initdb(
    binaries: &Binaries,
    data_dir: &Path,
    run_as: Option<RunAs>,
    options: ClusterOptions,
) -> Result<(), ClusterError> {
    let program = binaries.initdb();
    let mut command = server_command(&program, data_dir, run_as);
    command
        .arg("-D")
        .arg(data_dir)
        .args(["-U", SUPERUSER, "--auth=trust", "-E", "UTF8"]);
    command.args(["--locale=C", "--no-instructions"]);
    if !options.durable {
        command.arg("--no-sync");
    }
    let mut command = tokio::process::Command::from(command);
    command.kill_on_drop(true);
    let output = command
        .output()
        .await
        .map_err(|source| ClusterError::Spawn {
            program: program.clone(),
            source,
        })?;
    if !output.status.success() {
        let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
        text.push_str(&String::from_utf8_lossy(&output.stderr));
        return Err(ClusterError::Initdb {
            data_dir: data_dir.to_path_buf(),
            status: output.status,
            output: text.trim_end().to_owned(),
        });
    }
    tracing::info!(data_dir = %data_dir.display(), "created a PostgreSQL cluster");
    Ok(())
}

/// Waits a while for the server a `postmaster.pid` names to exit: when a process running a
/// cluster is killed, its server shuts down on its own, and PostgreSQL would refuse to start
/// until it has. A pid file naming no running process is left for PostgreSQL to clean up.
async fn wait_for_previous_server(data_dir: &Path) {
    let Some(pid) = std::fs::read_to_string(data_dir.join("postmaster.pid"))
        .ok()
        .and_then(|text| text.lines().next()?.trim().parse::<i32>().ok())
        .filter(|pid| *pid > 0)
        .map(Pid::from_raw)
    else {
        return;
    };
    if kill(pid, None).is_err() {
        return;
    }
    tracing::info!(%pid, "waiting for the previous PostgreSQL of this data directory to exit");
    let started = Instant::now();
    while kill(pid, None).is_ok() && started.elapsed() < PREVIOUS_SERVER_TIMEOUT {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A command running `program` as the server's user, in the data directory (which that user
/// can enter, unlike perhaps this process's working directory), without libpq settings from
/// this process's environment.
fn server_command(program: &Path, data_dir: &Path, run_as: Option<RunAs>) -> Command {
    let mut command = Command::new(program);
    command.current_dir(data_dir).stdin(Stdio::null());
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("PG") {
            command.env_remove(name);
        }
    }
    if let Some(run_as) = run_as {
        // The standard library also drops supplementary groups when it switches user.
        std::os::unix::process::CommandExt::uid(&mut command, run_as.uid.as_raw());
        std::os::unix::process::CommandExt::gid(&mut command, run_as.gid.as_raw());
    }
    command
}
