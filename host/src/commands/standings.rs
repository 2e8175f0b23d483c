//! `hourglass standings SERIES EVENT --format csv|json`: an event's standings from the
//! database, in the shapes of the web exports. For staff with database access, so every
//! result is printed, hidden or not.

use std::process::ExitCode;

use chrono::Utc;
use sqlx::PgPool;

use super::BAD_INPUT;
use crate::cli::{ExportFormat, StandingsArgs};
use crate::config::Config;
use crate::database::Database;
use crate::results::csv::standings_csv;
use crate::results::export::standings_export;
use crate::results::{Access, EventReport};

/// Why the standings could not be printed.
#[derive(Debug, thiserror::Error)]
pub enum StandingsError {
    #[error("there is no event {series}/{event}")]
    NoSuchEvent { series: String, event: String },
    #[error("could not read the standings: {0}")]
    Database(#[from] sqlx::Error),
    #[error("could not write JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// Runs the command against the configured database (started and migrated as `serve` does).
pub async fn run(config: &Config, args: &StandingsArgs) -> ExitCode {
    let database = match Database::open(config).await {
        Ok(database) => database,
        Err(error) => {
            eprintln!("hourglass standings: {error:#}");
            return ExitCode::FAILURE;
        }
    };
    let printed = render(&database.pool, args).await;
    database.close().await;
    match printed {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(error @ StandingsError::NoSuchEvent { .. }) => {
            eprintln!("hourglass standings: {error}");
            ExitCode::from(BAD_INPUT)
        }
        Err(error) => {
            eprintln!("hourglass standings: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The standings of `args.series`/`args.event` as `args.format`, with every result.
///
/// # Errors
///
/// An unknown event, or the database failing.
pub async fn render(db: &PgPool, args: &StandingsArgs) -> Result<String, StandingsError> {
    let report = EventReport::load(db, &args.series, &args.event, Utc::now())
        .await?
        .ok_or_else(|| StandingsError::NoSuchEvent {
            series: args.series.clone(),
            event: args.event.clone(),
        })?;
    let access = Access::Full {
        hidden_from_public: report.hidden,
    };
    let export = standings_export(&report, access);
    Ok(match args.format {
        ExportFormat::Csv => standings_csv(&export, access),
        ExportFormat::Json => serde_json::to_string_pretty(&export)? + "\n",
    })
}
