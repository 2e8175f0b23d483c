//! Starting, using, stopping and restarting a private cluster.

mod common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::time::{Duration, Instant};

use common::ScratchDir;
use hourglass_postgres::{Cluster, ClusterOptions};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use sqlx::{Connection, PgConnection};

async fn connect(cluster: &Cluster) -> PgConnection {
    PgConnection::connect_with(&cluster.connect_options("postgres"))
        .await
        .expect("connect")
}

#[tokio::test]
async fn data_survives_a_stop_and_a_restart() {
    let scratch = ScratchDir::new("restart");
    let dir = scratch.path().join("nested").join("data");
    let cluster = Cluster::start(&dir).await.expect("first start");
    assert!(dir.join("PG_VERSION").is_file());
    let meta = std::fs::metadata(&dir).expect("data dir");
    assert_eq!(meta.permissions().mode() & 0o777, 0o700);
    if nix::unistd::geteuid().is_root() {
        let postgres = nix::unistd::User::from_name("postgres")
            .expect("lookup")
            .expect("user");
        assert_eq!(
            meta.uid(),
            postgres.uid.as_raw(),
            "root hands the data dir to postgres"
        );
    }

    let mut connection = connect(&cluster).await;
    let (user, listen, fsync): (String, String, String) = sqlx::query_as(
        "SELECT current_user::text, current_setting('listen_addresses'), current_setting('fsync')",
    )
    .fetch_one(&mut connection)
    .await
    .expect("settings");
    assert_eq!(
        (user.as_str(), listen.as_str(), fsync.as_str()),
        ("hourglass", "", "on")
    );
    sqlx::query("CREATE TABLE kept (note TEXT NOT NULL)")
        .execute(&mut connection)
        .await
        .expect("create");
    sqlx::query("INSERT INTO kept VALUES ('still here')")
        .execute(&mut connection)
        .await
        .expect("insert");
    connection.close().await.expect("close");
    let pid = cluster.pid();
    cluster.stop().await.expect("stop");
    assert_eq!(
        kill(Pid::from_raw(pid.try_into().expect("pid")), None),
        Err(nix::errno::Errno::ESRCH)
    );
    assert!(
        !dir.join("postmaster.pid").exists(),
        "a clean stop removes the pid file"
    );

    let cluster = Cluster::start(&dir).await.expect("second start");
    let mut connection = connect(&cluster).await;
    let notes: Vec<String> = sqlx::query_scalar("SELECT note FROM kept")
        .fetch_all(&mut connection)
        .await
        .expect("select");
    assert_eq!(notes, ["still here"]);
    connection.close().await.expect("close");
    cluster.stop().await.expect("second stop");
}

#[tokio::test]
async fn a_killed_server_leaves_nothing_that_blocks_the_next_start() {
    let scratch = ScratchDir::new("stale");
    let dir = scratch.path().join("data");
    let options = ClusterOptions { durable: false };
    let cluster = Cluster::start_with(&dir, options)
        .await
        .expect("first start");
    let pid = Pid::from_raw(cluster.pid().try_into().expect("pid"));
    kill(pid, Signal::SIGKILL).expect("kill");
    let deadline = Instant::now() + Duration::from_secs(10);
    while kill(pid, None).is_ok() {
        assert!(
            Instant::now() < deadline,
            "the killed server was not reaped"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        dir.join("postmaster.pid").exists(),
        "SIGKILL leaves a stale pid file"
    );
    let error = cluster
        .stop()
        .await
        .expect_err("the server was already gone");
    assert!(error.to_string().contains("already exited"), "{error}");

    let cluster = Cluster::start_with(&dir, options)
        .await
        .expect("start over a stale pid file");
    let mut connection = connect(&cluster).await;
    let one: i32 = sqlx::query_scalar("SELECT 1")
        .fetch_one(&mut connection)
        .await
        .expect("query");
    assert_eq!(one, 1);
    connection.close().await.expect("close");
    cluster.stop().await.expect("stop");
}

#[tokio::test]
async fn dropping_the_handle_stops_the_server() {
    let scratch = ScratchDir::new("drop");
    let cluster = Cluster::start_with(
        &scratch.path().join("data"),
        ClusterOptions { durable: false },
    )
    .await
    .expect("start");
    let pid = Pid::from_raw(cluster.pid().try_into().expect("pid"));
    drop(cluster);
    let deadline = Instant::now() + Duration::from_secs(20);
    while kill(pid, None).is_ok() {
        assert!(Instant::now() < deadline, "the server outlived its handle");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn as_root_an_untraversable_parent_is_named_not_changed() {
    if !nix::unistd::geteuid().is_root() {
        return;
    }
    let scratch = ScratchDir::new("private");
    std::fs::set_permissions(scratch.path(), std::fs::Permissions::from_mode(0o700))
        .expect("chmod");
    let error = Cluster::start(&scratch.path().join("data"))
        .await
        .expect_err("postgres cannot enter the scratch directory");
    let expected = format!("cannot enter {};", scratch.path().display());
    assert!(error.to_string().contains(&expected), "{error}");
    let mode = std::fs::metadata(scratch.path())
        .expect("stat")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700, "the parent's mode is left alone");
}
