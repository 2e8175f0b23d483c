//! Bracket asyncs: a match whose parts (1–3) are played separately, each in a private
//! Discord thread (READY → seed, START COUNTDOWN → 5…1 GO, FINISH), with times kept in
//! `async_times`. This version registers the plugin and its button stems; the thread flow
//! builds on the Discord runtime.

use hourglass_sdk::inventory;
use hourglass_sdk::plugin::{Plugin, PluginRegistration};

/// The bracket-async plugin.
pub struct BracketAsyncs;

/// The buttons of a bracket async thread; keys are `race_id:part`.
pub const STEMS: &[&str] = &["async_ready", "async_start_countdown", "async_finish"];

impl Plugin for BracketAsyncs {
    fn name(&self) -> &'static str {
        "bracket-asyncs"
    }

    fn description(&self) -> &'static str {
        "Bracket async races: one private thread per part, times in async_times"
    }

    fn button_stems(&self) -> &'static [&'static str] {
        STEMS
    }
}

inventory::submit!(PluginRegistration(&BracketAsyncs));
