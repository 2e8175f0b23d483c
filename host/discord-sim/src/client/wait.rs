//! `wait_for_*`: poll the control API until the bot has done something, with a deadline.

use super::{ClientError, ClientResult, POLL, SimClient};
use crate::types::{CallRecord, ChannelView, InteractionView, MessageView};
use serde_json::{Value, json};
use std::future::Future;
use std::time::{Duration, Instant};

impl SimClient {
    /// Polls `check` until it yields a value or `timeout` passes.
    pub async fn wait_until<T, F, Fut>(
        &self,
        timeout: Duration,
        what: &str,
        mut check: F,
    ) -> ClientResult<T>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = ClientResult<Option<T>>>,
    {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(found) = check().await? {
                return Ok(found);
            }
            if Instant::now() >= deadline {
                return Err(ClientError::Timeout(timeout, what.to_owned()));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until the bot answered an interaction (or it failed).
    pub async fn wait_for_response(
        &self,
        id: u64,
        timeout: Duration,
    ) -> ClientResult<InteractionView> {
        self.wait_for_interaction(id, timeout, |i| i.response_type.is_some() || i.failed)
            .await
    }

    /// Waits until an interaction satisfies `done` (e.g. has a follow-up).
    pub async fn wait_for_interaction(
        &self,
        id: u64,
        timeout: Duration,
        done: impl Fn(&InteractionView) -> bool,
    ) -> ClientResult<InteractionView> {
        let what = format!("interaction {id}");
        self.wait_until(timeout, &what, || async {
            let i = self.interaction(id).await?;
            Ok(done(&i).then_some(i))
        })
        .await
    }

    /// Waits for a message in a channel that satisfies `pred`.
    pub async fn wait_for_message(
        &self,
        channel: u64,
        timeout: Duration,
        pred: impl Fn(&MessageView) -> bool,
    ) -> ClientResult<MessageView> {
        let what = format!("a message in channel {channel}");
        self.wait_until(timeout, &what, || async {
            Ok(self.messages(channel).await?.into_iter().find(|m| pred(m)))
        })
        .await
    }

    /// Waits for a thread under `parent` that satisfies `pred`.
    pub async fn wait_for_thread(
        &self,
        parent: u64,
        timeout: Duration,
        pred: impl Fn(&ChannelView) -> bool,
    ) -> ClientResult<ChannelView> {
        let what = format!("a thread in channel {parent}");
        self.wait_until(timeout, &what, || async {
            Ok(self
                .channels(None, Some(parent))
                .await?
                .into_iter()
                .find(|c| pred(c)))
        })
        .await
    }

    /// Waits for a recorded REST call that satisfies `pred`.
    pub async fn wait_for_call(
        &self,
        timeout: Duration,
        pred: impl Fn(&CallRecord) -> bool,
    ) -> ClientResult<CallRecord> {
        self.wait_until(timeout, "a REST call", || async {
            Ok(self.calls().await?.into_iter().find(|c| pred(c)))
        })
        .await
    }

    /// Waits until the bot has a gateway session that is connected.
    pub async fn wait_for_gateway(&self, timeout: Duration) -> ClientResult<()> {
        self.wait_until(timeout, "a connected gateway session", || async {
            let sessions: Vec<Value> = self.get("/gateway").await?;
            Ok(sessions
                .iter()
                .any(|s| s["connected"] == json!(true))
                .then_some(()))
        })
        .await
    }
}
