//! What `serve`, `demo`, `migrate` and `check-config` do: open the database, build the app,
//! connect the bot, serve until a shutdown signal, and stop everything in order.

use std::sync::Arc;

use anyhow::Context;
use hourglass_sdk::clock::{Clock, SystemClock};

use crate::cli::Command;
use crate::config::Config;
use crate::database::Database;
use crate::server::{AppParts, build_app, serve};
use crate::{demo, discord};

/// Runs one of the long-lived commands (or `check-config`).
pub async fn run(command: Command, mut config: Config) -> anyhow::Result<()> {
    if command == Command::CheckConfig {
        print_config(&config);
        return Ok(());
    }
    let database = Database::open(&config).await?;
    if command == Command::Migrate {
        println!("The database is migrated.");
        database.close().await;
        return Ok(());
    }

    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let is_demo = command == Command::Demo;
    if is_demo {
        if demo::load_once(&database.pool, clock.now()).await? {
            tracing::info!("demo event loaded");
        }
        if let Some(admin) = demo::demo_admin()? {
            config.admins.insert(admin);
        }
    }
    // The demo brings its own Discord: the simulator, with a web view to watch and drive it.
    let simulator = if is_demo && config.discord.bot_token.is_none() {
        Some(demo::start_simulator(&mut config).await?)
    } else {
        None
    };
    let discord_view = simulator
        .as_ref()
        .map(|sim| format!("{}/_sim/", sim.base_url()));
    let discord_notices = Arc::new(tokio::sync::Notify::new());
    let app = build_app(AppParts {
        db: database.pool.clone(),
        config: &config,
        clock: clock.clone(),
        demo: is_demo,
        discord_notices: discord_notices.clone(),
        discord_view: discord_view.clone(),
    })
    .await?;
    let bot = match &config.discord.bot_token {
        Some(token) => {
            let bot = discord::start(&config.discord, token, app.state.clone()).await?;
            let sender = discord::spawn_notice_sender(
                database.pool.clone(),
                bot.http.clone(),
                clock,
                discord_notices,
            );
            Some((bot, sender))
        }
        None => {
            tracing::info!("no DISCORD_TOKEN: serving the web without Discord");
            None
        }
    };
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("could not listen on {} (HOURGLASS_BIND)", config.bind))?;
    tracing::info!(url = %config.public_url, "serving");
    if is_demo {
        println!(
            "Hourglass demo: open {} and sign in as one of the demo's people.",
            config.public_url
        );
        if let Some(view) = &discord_view {
            println!("Simulated Discord, to watch and drive the bot: {view}");
        }
    }
    let served = serve(app.router, listener).await;
    if let Some((bot, sender)) = bot {
        sender.abort();
        bot.shutdown().await;
    }
    if let Some(sim) = simulator {
        sim.shutdown().await;
    }
    database.close().await;
    served
}

fn print_config(config: &Config) {
    let set = |present: bool| if present { "set" } else { "not set" };
    println!("The configuration is valid.");
    println!("  HOURGLASS_BIND        {}", config.bind);
    println!("  HOURGLASS_PUBLIC_URL  {}", config.public_url);
    println!(
        "  DATABASE_URL          {}",
        if config.database_url.is_some() {
            "set"
        } else {
            "not set: private cluster in the data directory"
        }
    );
    println!("  HOURGLASS_DATA_DIR    {}", config.data_dir.display());
    println!("  HOURGLASS_SEED_DIR    {}", config.seed_dir.display());
    println!(
        "  Discord sign-in       {}",
        set(config.discord.oauth.is_some())
    );
    println!(
        "  DISCORD_TOKEN         {}",
        set(config.discord.bot_token.is_some())
    );
    println!("  DISCORD_API_BASE      {}", config.discord.api_base);
    println!("  HOURGLASS_ADMINS      {} admin(s)", config.admins.len());
}
