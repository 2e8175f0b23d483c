//! What Hourglass plugins and seed providers build on.
//!
//! The host links every plugin and provider; they in turn depend only on this crate:
//! - [`plugin`]: the plugin trait and its compile-time registry,
//! - [`seed`]: the seed-provider trait, its registry and the one seed view,
//! - [`buttons`]: the custom-id stems of the one button router,
//! - [`discord`]: the bot's types and one button click being answered,
//! - [`domain`] and [`duration`]: tournament words shared by everyone,
//! - [`clock`]: the one injectable "now",
//! - [`web`]: shared state, sign-in extractors, errors and page chrome.

pub mod buttons;
pub mod clock;
pub mod discord;
pub mod domain;
pub mod duration;
pub mod events;
pub mod notices;
pub mod plugin;
pub mod seed;
pub mod standings;
pub mod web;

pub use async_trait::async_trait;
pub use inventory;
