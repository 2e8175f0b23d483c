//! A real serenity 0.12 `Client` against the simulator: REST through `HttpBuilder::proxy`,
//! the gateway from `GET /gateway`, READY, GUILD_CREATE, and a button click answered by
//! the bot with a reply and a follow-up.

mod common;

use common::{WAIT, start};
use discord_sim::SimConfig;
use serenity::all::{
    ApplicationId, ClientBuilder, Context, CreateInteractionResponse,
    CreateInteractionResponseFollowup, CreateInteractionResponseMessage, EventHandler,
    GatewayIntents, Guild, HttpBuilder, Interaction, Ready,
};
use tokio::sync::mpsc;

struct Handler {
    seen: mpsc::UnboundedSender<String>,
}

#[serenity::async_trait]
impl EventHandler for Handler {
    async fn ready(&self, _: Context, ready: Ready) {
        let _ = self.seen.send(format!("ready {}", ready.user.name));
    }

    async fn guild_create(&self, _: Context, guild: Guild, _: Option<bool>) {
        let _ = self
            .seen
            .send(format!("guild {} {}", guild.name, guild.channels.len()));
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let Interaction::Component(click) = interaction else {
            return;
        };
        let reply = CreateInteractionResponseMessage::new()
            .content("Seed revealed.")
            .ephemeral(true);
        let answered = click
            .create_response(&ctx.http, CreateInteractionResponse::Message(reply))
            .await;
        let followup = CreateInteractionResponseFollowup::new().content("Timer started.");
        let followed = click.create_followup(&ctx.http, followup).await;
        let _ = self.seen.send(format!(
            "click {} {} {}",
            click.data.custom_id,
            answered.is_ok(),
            followed.is_ok()
        ));
    }
}

async fn next(seen: &mut mpsc::UnboundedReceiver<String>) -> String {
    tokio::time::timeout(WAIT, seen.recv())
        .await
        .expect("event in time")
        .expect("handler alive")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_serenity_client_connects_and_answers_a_click() {
    let (sim, ids, client) = start().await;
    let http = HttpBuilder::new(SimConfig::DEFAULT_BOT_TOKEN)
        .proxy(sim.base_url())
        .ratelimiter_disabled(true)
        .application_id(ApplicationId::new(ids.bot))
        .build();
    let (tx, mut seen) = mpsc::unbounded_channel();
    let mut bot = ClientBuilder::new_with_http(http, GatewayIntents::GUILDS)
        .event_handler(Handler { seen: tx })
        .await
        .expect("client");
    let shards = bot.shard_manager.clone();
    let running = tokio::spawn(async move { bot.start().await });

    assert_eq!(next(&mut seen).await, "ready ExampleTourneyBot");
    assert_eq!(next(&mut seen).await, "guild Example Tournament 2");

    let message = common::Bot::new(&sim)
        .post_buttons(ids.async_races, "async_ready_qualifier")
        .await;
    let clicked = client
        .click(
            message,
            "async_ready_qualifier_ready:42:qualifier",
            ids.runner_one,
        )
        .await
        .expect("click");
    assert_eq!(
        next(&mut seen).await,
        "click async_ready_qualifier_ready:42:qualifier true true"
    );

    let done = client
        .wait_for_interaction(clicked.interaction_id, WAIT, |i| !i.followups.is_empty())
        .await
        .expect("answered");
    assert_eq!(done.response_type, Some(4));
    assert!(!done.failed);
    assert_eq!(done.response_content().as_deref(), Some("Seed revealed."));
    assert_eq!(done.followups[0].content, "Timer started.");

    let calls = client.calls().await.expect("calls");
    assert!(
        calls
            .iter()
            .any(|c| c.method == "GET" && c.path == "/api/v10/gateway"),
        "{calls:?}"
    );
    shards.shutdown_all().await;
    let _ = running.await;
    sim.shutdown().await;
}
