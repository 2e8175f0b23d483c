//! What plugins use to talk to Discord: the bot's types (poise on serenity), and one button
//! click being answered.
//!
//! A click must be acknowledged within Discord's 3-second window or the runner sees "This
//! interaction failed". [`ButtonClick`] remembers whether it has been acknowledged, so the
//! host's router can defer on the handler's behalf when the handler is slow, and a reply
//! after that becomes a follow-up instead of a second (refused) initial response.

use poise::serenity_prelude as serenity;
use serenity::{
    ComponentInteraction, CreateInteractionResponse, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage,
};
use tokio::sync::Mutex;

use crate::buttons::CustomId;
use crate::web::AppState;

pub use poise;

/// The error type of bot commands and button handlers. Its text goes to the log only.
pub type BotError = Box<dyn std::error::Error + Send + Sync>;

/// A slash command a plugin contributes.
pub type Command = poise::Command<AppState, BotError>;

/// The context a slash command runs in.
pub type CommandContext<'a> = poise::Context<'a, AppState, BotError>;

/// How a click has been answered so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    None,
    Deferred,
    Responded,
}

/// One click on a button, routed to the plugin that owns its stem.
pub struct ButtonClick<'a> {
    pub discord: &'a serenity::Context,
    pub interaction: &'a ComponentInteraction,
    pub state: &'a AppState,
    pub custom_id: CustomId<'a>,
    answer: Mutex<Answer>,
}

impl<'a> ButtonClick<'a> {
    pub fn new(
        discord: &'a serenity::Context,
        interaction: &'a ComponentInteraction,
        state: &'a AppState,
    ) -> Self {
        Self {
            discord,
            interaction,
            state,
            custom_id: CustomId::parse(&interaction.data.custom_id),
            answer: Mutex::new(Answer::None),
        }
    }

    /// The Discord id of the person who clicked.
    pub fn clicker(&self) -> u64 {
        self.interaction.user.id.get()
    }

    /// The channel (usually a private thread) the button was in.
    pub fn channel(&self) -> u64 {
        self.interaction.channel_id.get()
    }

    /// Whether the click has been acknowledged (answered or deferred).
    pub async fn is_acknowledged(&self) -> bool {
        *self.answer.lock().await != Answer::None
    }

    /// Acknowledges the click without a visible answer yet, if nothing has answered it.
    pub async fn defer(&self) -> serenity::Result<()> {
        let mut answer = self.answer.lock().await;
        if *answer == Answer::None {
            self.interaction
                .create_response(&self.discord.http, CreateInteractionResponse::Acknowledge)
                .await?;
            *answer = Answer::Deferred;
        }
        Ok(())
    }

    /// A short answer only the clicker sees.
    pub async fn reply_private(&self, text: impl Into<String>) -> serenity::Result<()> {
        self.reply(text.into(), true).await
    }

    /// An answer everyone in the channel sees.
    pub async fn reply_public(&self, text: impl Into<String>) -> serenity::Result<()> {
        self.reply(text.into(), false).await
    }

    /// The first answer responds to the click; any later one is a follow-up.
    async fn reply(&self, text: String, private: bool) -> serenity::Result<()> {
        let mut answer = self.answer.lock().await;
        if *answer == Answer::None {
            let message = CreateInteractionResponseMessage::new()
                .content(text)
                .ephemeral(private);
            self.interaction
                .create_response(
                    &self.discord.http,
                    CreateInteractionResponse::Message(message),
                )
                .await?;
            *answer = Answer::Responded;
        } else {
            let followup = CreateInteractionResponseFollowup::new()
                .content(text)
                .ephemeral(private);
            self.interaction
                .create_followup(&self.discord.http, followup)
                .await?;
        }
        Ok(())
    }
}

/// A run whose private thread a shared staff command (such as `/result-async`) was used in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadRun {
    /// The event the run belongs to; staff rights are checked against it.
    pub series: String,
    pub event: String,
    /// How staff read it, e.g. "Qualifier of Hookshot Hooligans".
    pub label: String,
}

/// An official time as staff enter it.
#[derive(Debug, Clone)]
pub struct OfficialResult {
    pub time: chrono::TimeDelta,
    pub vod: Option<String>,
    /// The staff member recording it.
    pub recorded_by: u64,
}
