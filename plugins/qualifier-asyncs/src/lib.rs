//! Qualifier asyncs: a team requests the seed on the web and, with `automated_asyncs` off,
//! sees it on its status page and submits a time and VOD per member through the web form.
//! With `automated_asyncs` on, the seed is never shown on the web: it is revealed in the
//! team's private Discord thread, and staff record the official time.

mod record;
mod request;
mod status;
mod submit;
mod team_async;
mod threads;

use axum::Router;
use axum::routing::get;

use hourglass_sdk::discord::ThreadRun;
use hourglass_sdk::inventory;
use hourglass_sdk::plugin::{Plugin, PluginRegistration};
use hourglass_sdk::web::AppState;

/// The qualifier-async plugin.
pub struct QualifierAsyncs;

/// The buttons of a qualifier thread; keys are `team_id:kind`.
pub const STEMS: &[&str] = &[
    "async_ready_qualifier",
    "async_start_qualifier",
    "async_finish_qualifier",
];

#[hourglass_sdk::async_trait]
impl Plugin for QualifierAsyncs {
    fn name(&self) -> &'static str {
        "qualifier-asyncs"
    }

    fn description(&self) -> &'static str {
        "Qualifier asyncs: web request and submit; private threads when automated"
    }

    fn routes(&self) -> Router<AppState> {
        Router::new()
            .route("/event/{series}/{event}/status", get(status::status_page))
            .route(
                "/event/{series}/{event}/request/{kind}",
                get(request::confirm_page).post(request::request_seed),
            )
            .route(
                "/event/{series}/{event}/submit-async",
                get(submit::submit_page).post(submit::submit_result),
            )
    }

    fn button_stems(&self) -> &'static [&'static str] {
        STEMS
    }

    async fn run_in_thread(
        &self,
        state: &AppState,
        thread: u64,
    ) -> Result<Option<ThreadRun>, sqlx::Error> {
        threads::run_in_thread(state, thread).await
    }
}

inventory::submit!(PluginRegistration(&QualifierAsyncs));
