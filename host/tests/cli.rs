//! The binary's command line: help, and configuration errors that name the variable.

use std::process::Command;

fn hourglass() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hourglass"));
    command
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    command.current_dir(std::env::temp_dir());
    command
}

#[test]
fn help_explains_each_command() {
    let output = hourglass().arg("--help").output().expect("runs");
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    for word in [
        "serve",
        "migrate",
        "demo",
        "check-config",
        "HOURGLASS_BIND",
        "DATABASE_URL",
    ] {
        assert!(help.contains(word), "--help mentions {word}: {help}");
    }
}

#[test]
fn a_client_id_without_its_secret_stops_start_up_with_a_sentence() {
    let output = hourglass()
        .arg("check-config")
        .env("DISCORD_CLIENT_ID", "1234")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("DISCORD_CLIENT_SECRET is missing"),
        "{error}"
    );
}

#[test]
fn an_invalid_value_names_its_variable() {
    let output = hourglass()
        .arg("check-config")
        .env("HOURGLASS_BIND", "not an address")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("HOURGLASS_BIND"), "{error}");
    assert!(error.contains("such as 127.0.0.1:8080"), "{error}");
}

#[test]
fn check_config_reports_without_secrets() {
    let output = hourglass()
        .arg("check-config")
        .env("DISCORD_CLIENT_ID", "1234")
        .env("DISCORD_CLIENT_SECRET", "very-secret-value")
        .env("DISCORD_TOKEN", "token-value-123")
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(report.contains("Discord sign-in       set"), "{report}");
    assert!(!report.contains("very-secret-value") && !report.contains("token-value-123"));
}
