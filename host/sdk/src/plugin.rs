//! Plugins: the parts of Hourglass that run one kind of async.
//!
//! A plugin registers itself next to its definition with
//! `inventory::submit!(PluginRegistration(&MyPlugin));`. The host knows no plugin by name:
//! it asks the registry for web routes and button stems.

use axum::Router;

use crate::web::AppState;

/// One kind of async run by Hourglass (bracket asyncs, qualifier asyncs, …).
pub trait Plugin: Send + Sync + 'static {
    /// A stable, lowercase name, used in logs and in the registry listing.
    fn name(&self) -> &'static str;

    /// What the plugin does, for operators reading the registry listing.
    fn description(&self) -> &'static str;

    /// The web pages the plugin serves; merged into the host's router.
    fn routes(&self) -> Router<AppState> {
        Router::new()
    }

    /// The custom-id stems of the Discord buttons this plugin owns (see [`crate::buttons`]).
    fn button_stems(&self) -> &'static [&'static str] {
        &[]
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
