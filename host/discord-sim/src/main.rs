//! `discord-sim --port N`: serves a simulator with the example world until Ctrl-C.

use clap::Parser;
use discord_sim::{SimConfig, Simulator};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// A loopback Discord (REST, gateway, OAuth2) for tests and demos.
#[derive(Debug, Parser)]
#[command(name = "discord-sim", version)]
struct Args {
    /// Port to listen on (0 picks a free one and prints it).
    #[arg(long, env = "DISCORD_SIM_PORT", default_value_t = 0)]
    port: u16,
    /// Address to bind.
    #[arg(long, env = "DISCORD_SIM_BIND", default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,
    /// Bot token the simulator accepts.
    #[arg(long, env = "DISCORD_SIM_BOT_TOKEN", default_value = SimConfig::DEFAULT_BOT_TOKEN)]
    bot_token: String,
    /// OAuth2 client secret of the application.
    #[arg(
        long,
        env = "DISCORD_SIM_CLIENT_SECRET",
        default_value = SimConfig::DEFAULT_CLIENT_SECRET
    )]
    client_secret: String,
    /// Seconds before an unanswered interaction counts as failed.
    #[arg(long, default_value_t = 3.0)]
    ack_deadline: f64,
    /// Start empty instead of with the example world.
    #[arg(long)]
    empty: bool,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    let args = Args::parse();
    let config = SimConfig {
        bot_token: args.bot_token,
        client_secret: args.client_secret,
        ack_deadline: std::time::Duration::from_secs_f64(args.ack_deadline.max(0.0)),
        ..SimConfig::default()
    };
    let application_id = config.application_id;
    let sim = Simulator::start_with(config, SocketAddr::new(args.bind, args.port)).await?;
    if !args.empty {
        sim.seed_example()?;
    }
    println!("discord-sim listening on {}", sim.base_url());
    println!("  web view:        {}/_sim/", sim.base_url());
    println!(
        "  serenity proxy:  {}  (application id {application_id})",
        sim.base_url()
    );
    tokio::signal::ctrl_c().await?;
    sim.shutdown().await;
    Ok(())
}
