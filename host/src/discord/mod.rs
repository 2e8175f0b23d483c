//! The Discord bot: poise on serenity, talking to Discord (or, in tests and the demo, to
//! the loopback simulator) through the configured API base.
//!
//! The host registers its own `/result-async` and every plugin's commands, and routes each
//! button click to the plugin that owns its custom-id stem.

pub mod notices;
mod result_async;
mod router;

use std::sync::Arc;

use anyhow::Context;
use hourglass_sdk::discord::{BotError, Command, poise};
use hourglass_sdk::plugin::plugins;
use hourglass_sdk::web::AppState;
use poise::serenity_prelude as serenity;
use serenity::{ApplicationId, FullEvent, GatewayIntents, HttpBuilder, Interaction};

use crate::config::{DiscordConfig, Secret};

pub use result_async::parse_official_time;

/// The running bot.
pub struct Bot {
    pub http: Arc<serenity::Http>,
    shards: Arc<serenity::ShardManager>,
    task: tokio::task::JoinHandle<()>,
}

impl Bot {
    /// Disconnects from the gateway.
    pub async fn shutdown(self) {
        self.shards.shutdown_all().await;
        if let Err(error) = self.task.await {
            tracing::warn!(%error, "the Discord client task ended badly");
        }
    }
}

/// Every command the bot offers: the host's own and each plugin's.
pub fn commands() -> Vec<Command> {
    let mut commands = vec![result_async::result_async()];
    for plugin in plugins() {
        commands.extend(plugin.commands());
    }
    commands
}

/// The REST client for the configured API base. serenity honours a base URL override only
/// with its own rate limiter off, and needs the application id for interaction follow-ups.
pub fn http_client(config: &DiscordConfig, token: &Secret, application: u64) -> serenity::Http {
    let mut builder = HttpBuilder::new(&token.0).application_id(ApplicationId::new(application));
    if config.api_base.host_str() != Some("discord.com") {
        let base = config.api_base.as_str().trim_end_matches('/').to_owned();
        builder = builder.proxy(base).ratelimiter_disabled(true);
    }
    builder.build()
}

/// The application id: configured, or asked of Discord with the bot token.
async fn application_id(config: &DiscordConfig, token: &Secret) -> anyhow::Result<u64> {
    if let Some(oauth) = &config.oauth {
        return Ok(oauth.client_id);
    }
    let probe = http_client(config, token, 1);
    let info = probe
        .get_current_application_info()
        .await
        .context("could not ask Discord for the bot's application (is DISCORD_TOKEN right?)")?;
    Ok(info.id.get())
}

/// Connects the bot and keeps it connected in the background.
pub async fn start(config: &DiscordConfig, token: &Secret, state: AppState) -> anyhow::Result<Bot> {
    let application = application_id(config, token).await?;
    let http = http_client(config, token, application);
    let options = poise::FrameworkOptions {
        commands: commands(),
        event_handler: |framework, event| Box::pin(on_event(framework, event)),
        on_error: |error| Box::pin(on_error(error)),
        ..Default::default()
    };
    let framework = poise::Framework::builder()
        .options(options)
        .setup(move |discord, ready, framework| {
            Box::pin(async move {
                poise::builtins::register_globally(discord, &framework.options().commands).await?;
                tracing::info!(bot.user = %ready.user.name, "Discord bot ready; commands registered");
                Ok(state)
            })
        })
        .build();
    let mut client = serenity::ClientBuilder::new_with_http(http, GatewayIntents::GUILDS)
        .framework(framework)
        .await
        .context("could not build the Discord client")?;
    let shards = client.shard_manager.clone();
    let http = client.http.clone();
    let task = tokio::spawn(async move {
        if let Err(error) = client.start().await {
            tracing::error!(%error, "the Discord client stopped");
        }
    });
    Ok(Bot { http, shards, task })
}

async fn on_event(
    framework: poise::FrameworkContext<'_, AppState, BotError>,
    event: &FullEvent,
) -> Result<(), BotError> {
    if let FullEvent::InteractionCreate {
        interaction: Interaction::Component(click),
    } = event
    {
        router::route_click(framework.serenity_context, click, framework.user_data).await;
    }
    Ok(())
}

/// Command errors: the person gets a plain private sentence; the detail goes to the log.
async fn on_error(error: poise::FrameworkError<'_, AppState, BotError>) {
    match error {
        poise::FrameworkError::Command { error, ctx, .. } => {
            tracing::error!(command = %ctx.command().name, %error, "a command failed");
            let reply = poise::CreateReply::default()
                .content(
                    "Something went wrong on our side; nothing was recorded. Please try again.",
                )
                .ephemeral(true);
            if let Err(error) = ctx.send(reply).await {
                tracing::warn!(%error, "could not tell the user that a command failed");
            }
        }
        other => {
            if let Err(error) = poise::builtins::on_error(other).await {
                tracing::warn!(%error, "could not report a bot error");
            }
        }
    }
}

/// How often the sender looks for due notices when nothing wakes it.
const NOTICE_SWEEP: std::time::Duration = std::time::Duration::from_secs(60);

/// Sends due notices now, whenever a notice is queued, and every minute for retries.
pub fn spawn_notice_sender(
    db: sqlx::PgPool,
    http: Arc<serenity::Http>,
    clock: Arc<dyn hourglass_sdk::clock::Clock>,
    wake: Arc<tokio::sync::Notify>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match notices::send_due(&db, &http, clock.now()).await {
                Ok(report) if report.sent + report.failed > 0 => {
                    tracing::info!(
                        sent = report.sent,
                        failed = report.failed,
                        "Discord notices"
                    );
                }
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "could not read the Discord notices"),
            }
            tokio::select! {
                () = wake.notified() => {}
                () = tokio::time::sleep(NOTICE_SWEEP) => {}
            }
        }
    })
}
