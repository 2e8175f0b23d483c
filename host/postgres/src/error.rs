//! Everything that can go wrong while starting or stopping a private cluster.

use std::path::PathBuf;
use std::process::ExitStatus;
use std::time::Duration;

/// Why a private PostgreSQL cluster could not be started or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error(
        "PostgreSQL's server programs (initdb, postgres) were not found on PATH, via pg_config \
         or under {}; install PostgreSQL 13 or newer (Debian: apt-get install postgresql) or \
         set DATABASE_URL.",
        lib_root.display()
    )]
    BinariesNotFound { lib_root: PathBuf },

    #[error(
        "this process runs as root, which PostgreSQL refuses, and there is no system user \
         named postgres to run it as instead; create one (Debian: adduser --system postgres) \
         or run as an ordinary user."
    )]
    NoPostgresUser,

    #[error("could not look up the system user postgres: {0}")]
    UserLookup(#[source] nix::Error),

    #[error("could not prepare the data directory {}: {source}", path.display())]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error(
        "PostgreSQL runs as the system user postgres (because this process is root), but that \
         user cannot enter {}; make it traversable (chmod o+x) or choose a data directory \
         elsewhere.",
        path.display()
    )]
    ParentNotTraversable { path: PathBuf },

    #[error(
        "the data directory {} is too long a path for PostgreSQL's Unix socket inside it (at \
         most {max} bytes for the socket's path); choose a shorter path.",
        path.display()
    )]
    SocketPathTooLong { path: PathBuf, max: usize },

    #[error("could not run {}: {source}", program.display())]
    Spawn {
        program: PathBuf,
        source: std::io::Error,
    },

    #[error("initdb failed ({status}) for {}:\n{output}", data_dir.display())]
    Initdb {
        data_dir: PathBuf,
        status: ExitStatus,
        output: String,
    },

    #[error(
        "PostgreSQL exited ({status}) before accepting connections; its last lines:\n{log_tail}"
    )]
    ExitedEarly {
        status: ExitStatus,
        log_tail: String,
    },

    #[error(
        "PostgreSQL did not accept connections within {} seconds (last attempt: {last_error}); \
         its last lines:\n{log_tail}",
        waited.as_secs()
    )]
    NotReady {
        waited: Duration,
        last_error: String,
        log_tail: String,
    },

    #[error(
        "PostgreSQL had already exited ({status}) when asked to stop; its last lines:\n{log_tail}"
    )]
    ExitedUnexpectedly {
        status: ExitStatus,
        log_tail: String,
    },

    #[error("could not signal PostgreSQL (pid {pid}) to stop: {source}")]
    Signal { pid: i32, source: nix::Error },

    #[error("PostgreSQL (pid {pid}) did not shut down within {} seconds", waited.as_secs())]
    StopTimeout { pid: i32, waited: Duration },

    #[error("the thread supervising PostgreSQL ended without reporting how the server exited")]
    SupervisorGone,
}
