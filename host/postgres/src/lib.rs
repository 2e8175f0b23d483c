//! A private PostgreSQL cluster, started from the machine's own PostgreSQL programs, and
//! fresh databases for tests.
//!
//! [`Cluster::start`] creates a cluster in a directory with `initdb` if there is none yet,
//! then runs `postgres` on it, listening only on a Unix socket inside the data directory (no
//! TCP port). The superuser is `hourglass`, authenticated by `trust`: only the server's user
//! (and root) can enter the data directory and reach the socket. The programs are looked up on
//! `PATH`, then via `pg_config --bindir`, then under `/usr/lib/postgresql` ([`BinarySearch`]).
//!
//! PostgreSQL refuses to run as root, while containers and CI machines often run everything
//! as root. So when this process is root, `initdb` and `postgres` run as the unprivileged
//! system user `postgres` instead: the data directory is handed to that user, and the server
//! gets no more privileges than a distribution's own PostgreSQL service would have. As an
//! ordinary user, they run as that user.
//!
//! The server never outlives this process: it is asked (by the kernel's parent-death signal)
//! to shut down immediately when the process ends, and recovers on its next start.
//!
//! [`testing::fresh_database`] gives each test a new database, migrated once per process
//! through a template, on `DATABASE_URL` if set and otherwise on a private cluster.

mod binaries;
mod cluster;
mod datadir;
mod error;
mod process;
pub mod testing;

pub use binaries::{Binaries, BinarySearch};
pub use cluster::{Cluster, ClusterOptions, SUPERUSER};
pub use error::ClusterError;
