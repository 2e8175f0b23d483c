//! The `hourglass` command line.

use clap::{Parser, Subcommand};

use crate::config::Settings;

/// Hourglass runs async races and async qualifiers for speedrun-randomizer tournaments.
///
/// Settings come from environment variables (an optional `.env` file is read first) or
/// the flags below.
#[derive(Debug, Parser)]
#[command(name = "hourglass", version, about, long_about)]
pub struct Cli {
    #[command(flatten)]
    pub settings: Settings,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, Subcommand, PartialEq, Eq)]
pub enum Command {
    /// Serve the web app (the default): migrate the database, then answer requests until
    /// SIGINT or SIGTERM.
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Serve the app with a demo event (loaded once from host/demo/event.toml) and, on a
    /// loopback address, "sign in as" buttons for the demo's users.
    Demo,
    /// Check the configuration and say what is set, without starting anything.
    CheckConfig,
}
