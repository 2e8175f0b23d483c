//! The Hourglass host: configuration, PostgreSQL, the web server and the command line.
//! It links every plugin and seed provider; `main` only wires these pieces together.

pub mod cli;
pub mod commands;
pub mod config;
pub mod database;
pub mod demo;
pub mod discord;
pub mod results;
pub mod runtime;
pub mod server;
pub mod web;

// Plugins and seed providers register themselves with `inventory`; a crate that nothing
// references is not linked and its registration silently vanishes. These lines link them.
use bracket_asyncs as _;
use qualifier_asyncs as _;
use seed_provider_crosskeys as _;
use seed_provider_file as _;
use seed_provider_ootr_web as _;
use seed_provider_triforce_blitz as _;
