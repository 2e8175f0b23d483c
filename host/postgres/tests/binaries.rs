//! Finding the server programs, with the search inputs injected.

mod common;

use std::ffi::OsString;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::ScratchDir;
use hourglass_postgres::{Binaries, BinarySearch};

/// Makes `dir` look like a PostgreSQL bindir (or only part of one).
fn fake_bindir(dir: &Path, programs: &[&str]) -> PathBuf {
    std::fs::create_dir_all(dir).expect("create bindir");
    for program in programs {
        let path = dir.join(program);
        std::fs::write(&path, "#!/bin/sh\nexit 0\n").expect("write program");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    dir.to_path_buf()
}

fn nothing_here(scratch: &ScratchDir) -> BinarySearch {
    BinarySearch {
        path_env: Some(OsString::from(scratch.path())),
        pg_config: Some(scratch.path().join("no-pg_config")),
        lib_root: scratch.path().join("no-lib-root"),
    }
}

#[test]
fn without_binaries_the_error_says_what_to_install() {
    let scratch = ScratchDir::new("nobin");
    let search = nothing_here(&scratch);
    let error = search.find().expect_err("nothing to find");
    let expected = format!(
        "PostgreSQL's server programs (initdb, postgres) were not found on PATH, via pg_config \
         or under {}; install PostgreSQL 13 or newer (Debian: apt-get install postgresql) or \
         set DATABASE_URL.",
        search.lib_root.display()
    );
    assert_eq!(error.to_string(), expected);
}

#[test]
fn newest_version_under_lib_root_wins_and_incomplete_ones_are_skipped() {
    let scratch = ScratchDir::new("libroot");
    let root = scratch.path().join("lib");
    fake_bindir(&root.join("9.6/bin"), &["initdb", "postgres"]);
    let ten = fake_bindir(&root.join("10/bin"), &["initdb", "postgres"]);
    fake_bindir(&root.join("16/bin"), &["initdb"]);
    fake_bindir(&root.join("main/bin"), &["initdb", "postgres"]);
    let search = BinarySearch {
        lib_root: root,
        ..nothing_here(&scratch)
    };
    let found = search.find().expect("found under lib root");
    assert_eq!(found.bindir(), ten);
    assert_eq!(found.postgres(), ten.join("postgres"));
}

#[test]
fn path_comes_first_and_needs_both_programs() {
    let scratch = ScratchDir::new("path");
    let partial = fake_bindir(&scratch.path().join("partial"), &["postgres"]);
    let full = fake_bindir(&scratch.path().join("full"), &["initdb", "postgres"]);
    let lib = fake_bindir(&scratch.path().join("lib/15/bin"), &["initdb", "postgres"]);
    let path_env = std::env::join_paths([partial, full.clone()]).expect("join paths");
    let search = BinarySearch {
        path_env: Some(path_env),
        lib_root: scratch.path().join("lib"),
        ..nothing_here(&scratch)
    };
    assert_eq!(
        search.find().expect("found on PATH"),
        Binaries::in_dir(&full).expect("full")
    );
    assert!(lib.exists());
}

#[test]
fn pg_config_is_asked_before_lib_root() {
    let scratch = ScratchDir::new("pgconfig");
    let bindir = fake_bindir(&scratch.path().join("bin"), &["initdb", "postgres"]);
    fake_bindir(&scratch.path().join("lib/15/bin"), &["initdb", "postgres"]);
    let pg_config = scratch.path().join("pg_config");
    let script = format!(
        "#!/bin/sh\n[ \"$1\" = --bindir ] && echo '{}'\n",
        bindir.display()
    );
    std::fs::write(&pg_config, script).expect("write pg_config");
    std::fs::set_permissions(&pg_config, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let search = BinarySearch {
        pg_config: Some(pg_config),
        lib_root: scratch.path().join("lib"),
        ..nothing_here(&scratch)
    };
    assert_eq!(search.find().expect("found via pg_config").bindir(), bindir);
}

#[test]
fn this_machine_has_postgresql() {
    let found = BinarySearch::from_environment()
        .find()
        .expect("PostgreSQL installed");
    assert!(found.initdb().is_file() && found.postgres().is_file());
}
