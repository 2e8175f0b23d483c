//! The server must not outlive the process that started it, and a quick restart after that
//! process was killed must work.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::ScratchDir;
use hourglass_postgres::{Cluster, ClusterOptions};
use nix::sys::signal::kill;
use nix::unistd::Pid;
use sqlx::{Connection, PgConnection};

const DIR_VARIABLE: &str = "HOURGLASS_ORPHAN_TEST_DIR";

/// Run by the test below in a child process: starts a cluster, reports its pid, then waits to
/// be killed. Does nothing when run on its own.
#[tokio::test]
#[ignore = "helper process for server_dies_with_its_process"]
async fn helper_start_and_wait() {
    let Some(dir) = std::env::var_os(DIR_VARIABLE) else {
        return;
    };
    let options = ClusterOptions { durable: false };
    let cluster = Cluster::start_with(dir.as_ref(), options)
        .await
        .expect("start in helper");
    println!("postmaster {}", cluster.pid());
    tokio::time::sleep(Duration::from_secs(120)).await;
}

#[tokio::test]
async fn server_dies_with_its_process() {
    let scratch = ScratchDir::new("orphan");
    let dir = scratch.path().join("data");
    let mut helper = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--ignored",
            "--exact",
            "helper_start_and_wait",
            "--nocapture",
        ])
        .env(DIR_VARIABLE, &dir)
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn helper");
    let stdout = helper.stdout.take().expect("helper stdout");
    let postmaster = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|line| line.strip_prefix("postmaster ")?.parse::<i32>().ok())
        .expect("the helper reports its server");

    helper.kill().expect("SIGKILL the helper");
    helper.wait().expect("reap the helper");

    // Start again at once, while the orphaned server may still be shutting down.
    let cluster = Cluster::start_with(&dir, ClusterOptions { durable: false })
        .await
        .expect("start right after the previous process was killed");
    let deadline = Instant::now() + Duration::from_secs(10);
    while kill(Pid::from_raw(postmaster), None).is_ok() {
        assert!(
            Instant::now() < deadline,
            "the orphaned server is still running"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let mut connection = PgConnection::connect_with(&cluster.connect_options("postgres"))
        .await
        .expect("connect");
    let one: i32 = sqlx::query_scalar("SELECT 1")
        .fetch_one(&mut connection)
        .await
        .expect("query");
    assert_eq!(one, 1);
    connection.close().await.expect("close");
    cluster.stop().await.expect("stop");
}
