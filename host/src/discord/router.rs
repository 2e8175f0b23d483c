//! The one button router: a click goes to the plugin that owns its custom id's stem.
//!
//! Nothing calls Discord before the click is acknowledged except the acknowledgement
//! itself. A handler that has not answered within [`DEFER_AFTER`] is deferred on its behalf,
//! so the runner never sees "This interaction failed"; a later answer becomes a follow-up.

use std::sync::LazyLock;
use std::time::{Duration, Instant};

use hourglass_sdk::buttons::ButtonRoutes;
use hourglass_sdk::discord::{ButtonClick, poise::serenity_prelude as serenity};
use hourglass_sdk::plugin::plugins;
use hourglass_sdk::web::AppState;
use tracing::Instrument;

/// How long a handler may take before the router defers the click for it.
const DEFER_AFTER: Duration = Duration::from_secs(2);

/// Stem → plugin, built once. A clash already stopped start-up in `build_app`.
static ROUTES: LazyLock<ButtonRoutes> =
    LazyLock::new(|| ButtonRoutes::new(&plugins()).unwrap_or_default());

/// What a person is told when a button's owner is gone or the button is stale.
pub const STALE_BUTTON: &str = "This button is no longer active.";

/// What a person is told when a handler failed; the detail goes to the log.
pub const HANDLER_FAILED: &str =
    "Something went wrong on our side and nothing was changed. Please try again in a moment.";

pub async fn route_click(
    discord: &serenity::Context,
    interaction: &serenity::ComponentInteraction,
    state: &AppState,
) {
    let started = Instant::now();
    let span = tracing::info_span!(
        "button",
        custom_id = %interaction.data.custom_id,
        discord.user_id = interaction.user.id.get(),
        discord.channel_id = interaction.channel_id.get(),
    );
    async {
        let click = ButtonClick::new(discord, interaction, state);
        let Some(plugin) = ROUTES.owner(&interaction.data.custom_id) else {
            if let Err(error) = click.reply_private(STALE_BUTTON).await {
                tracing::warn!(%error, "could not answer a click on an unknown button");
            }
            return;
        };

        let handled = plugin.click(&click);
        tokio::pin!(handled);
        let outcome = tokio::select! {
            outcome = &mut handled => outcome,
            () = tokio::time::sleep(DEFER_AFTER) => {
                if let Err(error) = click.defer().await {
                    tracing::warn!(%error, "could not defer a slow click");
                }
                handled.await
            }
        };
        let answer = match outcome {
            Ok(()) if click.is_acknowledged().await => Ok(()),
            Ok(()) => click.defer().await,
            Err(error) => {
                tracing::error!(plugin = plugin.name(), %error, "a button handler failed");
                click.reply_private(HANDLER_FAILED).await
            }
        };
        if let Err(error) = answer {
            tracing::warn!(%error, "could not answer a click");
        }
        tracing::debug!(
            duration_ms = started.elapsed().as_millis() as u64,
            "click handled"
        );
    }
    .instrument(span)
    .await;
}
