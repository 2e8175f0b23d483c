//! The `hourglass` command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use hourglass_scoring::Formula;

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

#[derive(Debug, Clone, Subcommand, PartialEq, Eq)]
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
    /// Score a what-if list of one async's results, without a database: prints each team's
    /// placement, time and points.
    Score(ScoreArgs),
    /// Print an event's standings from the database, as CSV or JSON (the shapes of the web
    /// exports). For staff: prints every result, even while the event hides its results
    /// from the public.
    Standings(StandingsArgs),
}

/// `hourglass score`.
#[derive(Debug, Clone, Args, PartialEq, Eq)]
pub struct ScoreArgs {
    /// The formula to score with.
    #[arg(long, value_enum)]
    pub formula: PointsFormula,
    /// A CSV file of `name,time` lines: time as h:mm:ss, blank for a DNF; an optional
    /// `name,time` header; names with commas in double quotes. `-` reads standard input.
    pub file: PathBuf,
}

/// The formulas that award points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PointsFormula {
    /// Jet + Gamble: 1000 points at par (the mean of the best seven times).
    Standard,
    /// 100 points at par (the mean of the best three times, four from 20 entrants).
    Sgl,
}

impl From<PointsFormula> for Formula {
    fn from(formula: PointsFormula) -> Self {
        match formula {
            PointsFormula::Standard => Self::Standard,
            PointsFormula::Sgl => Self::Sgl,
        }
    }
}

/// `hourglass standings`.
#[derive(Debug, Clone, Args, PartialEq, Eq)]
pub struct StandingsArgs {
    /// The tournament series, e.g. `s`.
    pub series: String,
    /// The event within the series, e.g. `8`.
    pub event: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
}

/// What `hourglass standings` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// `standings.csv`.
    Csv,
    /// `standings.json`.
    Json,
}
