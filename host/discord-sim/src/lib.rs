//! `discord-sim`: a loopback Discord for tests and the demo.
//!
//! It speaks the REST API v10 (under `/api/v10`), the gateway (a JSON websocket at
//! `/gateway`) and the OAuth2 code flow in the documented shapes, complete enough for
//! serenity 0.12 to parse; keeps state (guilds, users, channels, private threads, messages,
//! commands, interactions); records REST calls; injects faults; and has a control API
//! (`/_sim/...`, see [`SimClient`]) and a web view (`/_sim/`) to act as simulated users.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let sim = discord_sim::Simulator::start("127.0.0.1:0".parse().unwrap()).await?;
//! let ids = sim.seed_example().expect("seeding an empty simulator works");
//! // Point serenity at it:
//! // HttpBuilder::new(token).proxy(sim.base_url()).ratelimiter_disabled(true)
//! # let _ = ids; Ok(()) }
//! ```

// GUILD_CREATE is one large `json!` literal.
#![recursion_limit = "256"]

mod client;
mod config;
mod control;
mod error;
mod faults;
mod gateway;
pub mod ids;
mod oauth;
mod rest;
mod server;
mod sim;
mod snowflake;
pub mod state;
pub mod types;
mod validate;
mod view;

pub use client::{ClientError, ClientResult, SimClient};
pub use config::SimConfig;
pub use error::{ApiError, ApiResult};
pub use gateway::hub::SessionView;
pub use sim::{SimHandle, SimState, Simulator};
pub use snowflake::{DISCORD_EPOCH_MS, created_at};
pub use state::ExampleIds;
