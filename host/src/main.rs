//! `hourglass`: parses the command line, sets up logging and hands over to the library.

use clap::Parser;
use tracing_subscriber::EnvFilter;

use hourglass::cli::{Cli, Command};
use hourglass::{commands, runtime};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    // A missing .env is normal; a broken one is reported by the settings it fails to give.
    dotenvy::dotenv().ok();
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,serenity=warn")),
        )
        // Standard output is for what commands print (standings as CSV or JSON).
        .with_writer(std::io::stderr)
        .init();

    // What-if scoring needs neither configuration nor database.
    if let Some(Command::Score(args)) = &cli.command {
        return commands::score::run(args);
    }
    let config = match cli.settings.check() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("hourglass: {error}");
            return std::process::ExitCode::from(2);
        }
    };
    if let Some(Command::Standings(args)) = &cli.command {
        return commands::standings::run(&config, args).await;
    }
    match runtime::run(cli.command.unwrap_or(Command::Serve), config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("hourglass: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
