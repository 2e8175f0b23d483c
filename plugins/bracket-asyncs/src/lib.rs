//! Bracket asyncs: a match whose parts (1–3) are played separately, each in a private
//! Discord thread (READY → seed, START COUNTDOWN → 5…1 GO, FINISH), with times kept in
//! `async_times`. This version registers the plugin and its button stems; the thread flow
//! builds on the Discord runtime.

use hourglass_sdk::discord::ThreadRun;
use hourglass_sdk::inventory;
use hourglass_sdk::plugin::{Plugin, PluginRegistration};
use hourglass_sdk::web::AppState;

/// The bracket-async plugin.
pub struct BracketAsyncs;

/// The buttons of a bracket async thread; keys are `race_id:part`.
pub const STEMS: &[&str] = &["async_ready", "async_start_countdown", "async_finish"];

#[hourglass_sdk::async_trait]
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

    async fn run_in_thread(
        &self,
        state: &AppState,
        thread: u64,
    ) -> Result<Option<ThreadRun>, sqlx::Error> {
        let Ok(thread) = i64::try_from(thread) else {
            return Ok(None);
        };
        let row: Option<(String, String, i64, Option<String>, i16)> = sqlx::query_as(
            "SELECT series, event, id, round, \
                    CASE $1 WHEN async_thread1 THEN 1 WHEN async_thread2 THEN 2 ELSE 3 END::int2 \
             FROM races WHERE $1 IN (async_thread1, async_thread2, async_thread3)",
        )
        .bind(thread)
        .fetch_optional(&state.db)
        .await?;
        Ok(row.map(|(series, event, race, round, part)| ThreadRun {
            series,
            event,
            label: format!(
                "part {part} of race {race}{}",
                round.map(|round| format!(" ({round})")).unwrap_or_default()
            ),
        }))
    }
}

inventory::submit!(PluginRegistration(&BracketAsyncs));
