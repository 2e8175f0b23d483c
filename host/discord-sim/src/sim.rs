//! Starting a simulator, and the in-process handle to its state.

use crate::config::SimConfig;
use crate::error::{ApiError, ApiResult};
use crate::state::{ExampleIds, World};
use crate::types::{
    CallRecord, ChannelView, ClickRequest, CommandRequest, Dispatched, FaultSpec, InteractionView,
    MessageView, ModalSubmitRequest,
};
use axum::http::StatusCode;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// Starts simulators.
#[derive(Debug, Clone, Copy)]
pub struct Simulator;

impl Simulator {
    /// Serves a simulator with [`SimConfig::default`] on `bind` (port 0 picks a free port)
    /// on a background task of the current tokio runtime.
    pub async fn start(bind: SocketAddr) -> std::io::Result<SimHandle> {
        Self::start_with(SimConfig::default(), bind).await
    }

    /// Serves a simulator with the given settings.
    pub async fn start_with(config: SimConfig, bind: SocketAddr) -> std::io::Result<SimHandle> {
        let listener = TcpListener::bind(bind).await?;
        let addr = listener.local_addr()?;
        let (shutdown, _) = watch::channel(false);
        let state = SimState {
            inner: Arc::new(Inner {
                world: Mutex::new(World::new(config)),
                addr,
                shutdown,
                runtime: tokio::runtime::Handle::current(),
            }),
        };
        let router = crate::server::router(state.clone());
        let task = tokio::spawn(crate::server::serve(
            listener,
            router,
            state.shutdown_signal(),
        ));
        Ok(SimHandle {
            state,
            task: Some(task),
        })
    }
}

struct Inner {
    world: Mutex<World>,
    addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    runtime: tokio::runtime::Handle,
}

/// Shared state of a running simulator: what the HTTP handlers use and what tests may read
/// and drive in-process. Cheap to clone.
#[derive(Clone)]
pub struct SimState {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for SimState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimState")
            .field("addr", &self.inner.addr)
            .finish_non_exhaustive()
    }
}

impl SimState {
    /// Locks the world. Keep the guard short: never hold it across an `.await`.
    pub fn world(&self) -> MutexGuard<'_, World> {
        self.inner
            .world
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The settings in force.
    pub fn config(&self) -> SimConfig {
        self.world().config.clone()
    }

    /// `http://127.0.0.1:PORT`: give it to serenity as `HttpBuilder::proxy`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.inner.addr)
    }

    /// The websocket URL `GET /gateway` reports (serenity appends `?v=10`).
    pub fn gateway_url(&self) -> String {
        format!("ws://{}/gateway", self.inner.addr)
    }

    pub(crate) fn shutdown_signal(&self) -> watch::Receiver<bool> {
        self.inner.shutdown.subscribe()
    }

    /// Creates the example world of the fixtures (idempotent).
    pub fn seed_example(&self) -> ApiResult<ExampleIds> {
        self.world().seed_example()
    }

    /// Forgets everything but the bot application (gateway connections stay open).
    pub fn reset(&self) {
        self.world().reset();
    }

    fn watch_deadline(&self, dispatched: &Dispatched) {
        let state = self.clone();
        let id = dispatched.interaction_id;
        let deadline = self.world().config.ack_deadline;
        self.inner.runtime.spawn(async move {
            tokio::time::sleep(deadline).await;
            state.world().expire_interaction(id);
        });
    }

    /// A user clicks a component; dispatches INTERACTION_CREATE.
    pub fn click(&self, req: &ClickRequest) -> ApiResult<Dispatched> {
        let dispatched = self.world().click(req)?;
        self.watch_deadline(&dispatched);
        Ok(dispatched)
    }

    /// A user runs a slash command; dispatches INTERACTION_CREATE.
    pub fn run_command(&self, req: &CommandRequest) -> ApiResult<Dispatched> {
        let dispatched = self.world().run_command(req, false)?;
        self.watch_deadline(&dispatched);
        Ok(dispatched)
    }

    /// A user types in an autocomplete option; dispatches INTERACTION_CREATE (type 4).
    pub fn autocomplete(&self, req: &CommandRequest) -> ApiResult<Dispatched> {
        let dispatched = self.world().run_command(req, true)?;
        self.watch_deadline(&dispatched);
        Ok(dispatched)
    }

    /// A user submits a modal the bot opened; dispatches INTERACTION_CREATE (type 5).
    pub fn submit_modal(&self, req: &ModalSubmitRequest) -> ApiResult<Dispatched> {
        let dispatched = self.world().submit_modal(req)?;
        self.watch_deadline(&dispatched);
        Ok(dispatched)
    }

    /// Messages of a channel or thread, oldest first (ephemeral ones included).
    pub fn messages(&self, channel_id: u64) -> ApiResult<Vec<MessageView>> {
        let world = self.world();
        if !world.channels.contains_key(&channel_id) {
            let msg = format!("unknown channel {channel_id}");
            return Err(ApiError::control(StatusCode::NOT_FOUND, msg));
        }
        let messages = world
            .messages
            .values()
            .filter(|m| m.channel_id == channel_id);
        Ok(messages.map(|m| world.message_view(m)).collect())
    }

    /// Channels and threads, optionally only those of a guild or under a parent.
    pub fn channels(&self, guild_id: Option<u64>, parent_id: Option<u64>) -> Vec<ChannelView> {
        let world = self.world();
        let channels = world.channels.values().filter(|c| {
            guild_id.is_none_or(|g| c.guild_id == Some(g))
                && parent_id.is_none_or(|p| c.parent_id == Some(p))
        });
        channels.map(|c| world.channel_view(c)).collect()
    }

    /// Every interaction, oldest first.
    pub fn interactions(&self) -> Vec<InteractionView> {
        let world = self.world();
        world
            .interactions
            .values()
            .map(|r| world.interaction_view(r))
            .collect()
    }

    /// One interaction.
    pub fn interaction(&self, id: u64) -> Option<InteractionView> {
        let world = self.world();
        world
            .interactions
            .get(&id)
            .map(|r| world.interaction_view(r))
    }

    /// REST calls received, oldest first.
    pub fn calls(&self) -> Vec<CallRecord> {
        self.world().calls.clone()
    }

    /// Arms a fault.
    pub fn add_fault(&self, spec: FaultSpec) -> ApiResult<()> {
        let fault = crate::faults::ActiveFault::new(spec)?;
        self.world().faults.push(fault);
        Ok(())
    }

    /// Disarms every fault.
    pub fn clear_faults(&self) {
        self.world().faults.clear();
    }
}

/// A running simulator. Dropping it stops the server too.
#[derive(Debug)]
pub struct SimHandle {
    state: SimState,
    task: Option<JoinHandle<()>>,
}

impl SimHandle {
    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        self.state.base_url()
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.state.inner.addr
    }

    /// The shared state, for in-process reads and actions.
    pub fn state(&self) -> &SimState {
        &self.state
    }

    /// A control-API client for this simulator.
    pub fn client(&self) -> crate::SimClient {
        crate::SimClient::new(self.base_url())
    }

    /// Creates the example world of the fixtures (idempotent) and returns its ids.
    pub fn seed_example(&self) -> ApiResult<ExampleIds> {
        self.state.seed_example()
    }

    /// Stops serving: closes the listener, open connections and gateway sockets.
    pub async fn shutdown(mut self) {
        self.state.inner.shutdown.send_replace(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        self.state.inner.shutdown.send_replace(true);
    }
}
