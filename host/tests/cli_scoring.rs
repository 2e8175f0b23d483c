//! The staff commands, run as the binary: `hourglass score` (what-if points from a CSV, no
//! database) and `hourglass standings` (an event's standings from the database).

mod support;

use std::io::Write;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

use support::results::{ABLE, MIDO, ZIPPY};

fn hourglass() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hourglass"));
    command
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    command.current_dir(std::env::temp_dir());
    command
}

/// A what-if CSV file, removed when dropped.
struct WhatIf(std::path::PathBuf);

impl WhatIf {
    fn new(contents: &str) -> Self {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("hourglass-what-if-{}-{n}.csv", std::process::id()));
        std::fs::write(&path, contents).expect("write the CSV");
        Self(path)
    }
}

impl Drop for WhatIf {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn score_prints_placement_name_time_and_points() {
    let file = WhatIf::new(
        "name,time\n\"Zora, Inc.\",1:00:00\nMido Mains,1:10:00\n\nAble Armos,1:20:00\nGone,\n",
    );
    let output = hourglass()
        .args(["score", "--formula", "sgl"])
        .arg(&file.0)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let table = text(&output.stdout);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 5, "{table}");
    assert!(
        lines[0].contains('#') && lines[0].contains("Points"),
        "{table}"
    );
    // Par is the mean of the three best: 1:10:00.
    let row = |line: &str| {
        line.split_whitespace()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(row(lines[1]), ["1", "Zora,", "Inc.", "1:00:00", "110.00"]);
    assert_eq!(row(lines[2]), ["2", "Mido", "Mains", "1:10:00", "100.00"]);
    assert_eq!(row(lines[3]), ["3", "Able", "Armos", "1:20:00", "85.71"]);
    assert_eq!(row(lines[4]), ["4", "Gone", "DNF", "0.00"]);

    let standard = hourglass()
        .args(["score", "--formula", "standard"])
        .arg(&file.0)
        .output()
        .expect("runs");
    let table = text(&standard.stdout);
    assert!(
        table
            .lines()
            .nth(2)
            .is_some_and(|line| line.ends_with("1000.00")),
        "{table}"
    );
}

#[test]
fn a_bad_line_is_named_and_exits_with_2() {
    let file = WhatIf::new("name,time\nMido Mains,1:10:00\nAble Armos,1:75:00\n");
    let output = hourglass()
        .args(["score", "--formula", "standard"])
        .arg(&file.0)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let error = text(&output.stderr);
    assert!(
        error.contains("line 3") && error.contains("minutes must be below 60"),
        "{error}"
    );
    assert!(output.stdout.is_empty());

    let missing = hourglass()
        .args(["score", "--formula", "sgl", "/nonexistent/what-if.csv"])
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("/nonexistent/what-if.csv"));

    let time = hourglass()
        .args(["score", "--formula", "time"])
        .arg(&file.0)
        .output()
        .expect("runs");
    assert_eq!(time.status.code(), Some(2), "time awards no points");
}

#[test]
fn score_reads_standard_input() {
    let mut child = hourglass()
        .args(["score", "--formula", "sgl", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"A,1:00:00\n")
        .expect("write");
    let output: Output = child.wait_with_output().expect("exits");
    assert!(output.status.success());
    assert!(text(&output.stdout).contains("100.00"));
}

/// The test database's address, for the binary.
fn database_url(pool: &sqlx::PgPool) -> String {
    let options = pool.connect_options();
    let database = options.get_database().expect("a database name");
    let mut url = format!(
        "postgres://{}@localhost:{}/{database}",
        options.get_username(),
        options.get_port()
    );
    if let Some(socket) = options.get_socket() {
        let socket: String =
            url::form_urlencoded::byte_serialize(socket.to_string_lossy().as_bytes()).collect();
        url.push_str(&format!("?host={socket}"));
    }
    url
}

#[tokio::test]
async fn standings_prints_everything_from_the_database() {
    let app = support::TestApp::start().await;
    let (setup, _) = support::results::field(&app).await;
    // The binary runs on the real clock: keep the qualifiers open for a month from now.
    setup
        .set("scoring = 'sgl', hide_results = true, start = now() + interval '30 days'")
        .await;
    sqlx::query("UPDATE asyncs SET end_time = now() + interval '30 days'")
        .execute(&app.db)
        .await
        .expect("reopen the qualifiers");
    let url = database_url(&app.db);

    let csv = hourglass()
        .args(["standings", "s", "8", "--format", "csv"])
        .env("DATABASE_URL", &url)
        .output()
        .expect("runs");
    assert!(csv.status.success(), "{}", text(&csv.stderr));
    let csv = text(&csv.stdout);
    assert!(csv.starts_with("placement,team,total_points,"), "{csv}");
    let order: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter_map(|line| line.split(',').nth(1))
        .collect();
    assert_eq!(
        &order[..3],
        [MIDO, ZIPPY, ABLE],
        "hidden results too: {csv}"
    );

    let json = hourglass()
        .args(["standings", "s", "8", "--format", "json"])
        .env("DATABASE_URL", &url)
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(json["hidden"], true);
    assert_eq!(json["teams"][0]["name"], MIDO);
    assert_eq!(json["teams"][0]["total_time"], "2:25:00");

    let unknown = hourglass()
        .args(["standings", "s", "99"])
        .env("DATABASE_URL", &url)
        .output()
        .expect("runs");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("no event s/99"));
}
