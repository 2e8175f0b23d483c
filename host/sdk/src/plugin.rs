//! Plugins: the parts of Hourglass that run one kind of async.
//!
//! A plugin registers itself next to its definition with
//! `inventory::submit!(PluginRegistration(&MyPlugin));`. The host knows no plugin by name:
//! it asks the registry for web routes, slash commands, button stems and handlers, and which
//! plugin a thread belongs to.

use async_trait::async_trait;
use axum::Router;

use crate::discord::{BotError, ButtonClick, Command, CommandContext, OfficialResult, ThreadRun};
use crate::web::AppState;

/// One kind of async run by Hourglass (bracket asyncs, qualifier asyncs, …).
#[async_trait]
pub trait Plugin: Send + Sync + 'static {
    /// A stable, lowercase name, used in logs and in the registry listing.
    fn name(&self) -> &'static str;

    /// What the plugin does, for operators reading the registry listing.
    fn description(&self) -> &'static str;

    /// The web pages the plugin serves; merged into the host's router.
    fn routes(&self) -> Router<AppState> {
        Router::new()
    }

    /// Slash commands the plugin adds to the bot.
    fn commands(&self) -> Vec<Command> {
        Vec::new()
    }

    /// The custom-id stems of the Discord buttons this plugin owns (see [`crate::buttons`]).
    fn button_stems(&self) -> &'static [&'static str] {
        &[]
    }

    /// Answers a click on one of this plugin's buttons. Answer quickly (or `defer` first);
    /// the host defers on the handler's behalf if it has not answered within two seconds.
    async fn click(&self, click: &ButtonClick<'_>) -> Result<(), BotError> {
        click
            .reply_private("This button is no longer active.")
            .await?;
        Ok(())
    }

    /// The run whose private thread this is, if it is one of this plugin's.
    async fn run_in_thread(
        &self,
        _state: &AppState,
        _thread: u64,
    ) -> Result<Option<ThreadRun>, sqlx::Error> {
        Ok(None)
    }

    /// Records the official result of a run found by [`Plugin::run_in_thread`]; returns the
    /// answer staff see. Staff rights have been checked by the caller.
    async fn record_result(
        &self,
        _ctx: CommandContext<'_>,
        _run: &ThreadRun,
        _result: OfficialResult,
    ) -> Result<String, BotError> {
        Ok(format!(
            "Results of {} runs cannot be recorded here yet.",
            self.name()
        ))
    }
}

/// How a plugin crate registers itself: `inventory::submit!(PluginRegistration(&P));`.
pub struct PluginRegistration(pub &'static dyn Plugin);

inventory::collect!(PluginRegistration);

/// Every linked plugin, ordered by name so listings and routing are deterministic.
pub fn plugins() -> Vec<&'static dyn Plugin> {
    let mut all: Vec<_> = inventory::iter::<PluginRegistration>
        .into_iter()
        .map(|registration| registration.0)
        .collect();
    all.sort_by_key(|plugin| plugin.name());
    all
}
