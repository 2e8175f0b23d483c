//! What a simulator is started with.

use std::time::Duration;

/// Settings of one simulator. `SimConfig::default()` is the `ExampleTourneyBot` application
/// of the fixtures with token [`SimConfig::DEFAULT_BOT_TOKEN`].
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Id of the bot application; the bot user has the same id (as on Discord).
    pub application_id: u64,
    /// Name of the application and username of its bot user.
    pub bot_name: String,
    /// Token the bot sends as `Authorization: Bot <token>` and in IDENTIFY.
    pub bot_token: String,
    /// OAuth2 client secret of the application.
    pub client_secret: String,
    /// How long an interaction may go unanswered before it counts as failed
    /// ("This interaction failed"). Discord allows 3 s; tests may shorten it.
    pub ack_deadline: Duration,
    /// `heartbeat_interval` sent in HELLO, in milliseconds.
    pub heartbeat_interval_ms: u64,
    /// Application flags reported in READY (`application.flags`).
    pub application_flags: u64,
}

impl SimConfig {
    /// The bot token of the default configuration.
    pub const DEFAULT_BOT_TOKEN: &'static str = "sim-bot-token.ExampleTourneyBot";
    /// The OAuth2 client secret of the default configuration.
    pub const DEFAULT_CLIENT_SECRET: &'static str = "sim-client-secret";
    /// The application (and bot user) id of the fixtures.
    pub const DEFAULT_APPLICATION_ID: u64 = 1_209_531_329_675_395_075;
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            application_id: Self::DEFAULT_APPLICATION_ID,
            bot_name: "ExampleTourneyBot".into(),
            bot_token: Self::DEFAULT_BOT_TOKEN.into(),
            client_secret: Self::DEFAULT_CLIENT_SECRET.into(),
            ack_deadline: Duration::from_secs(3),
            heartbeat_interval_ms: 41_250,
            application_flags: 8_945_664,
        }
    }
}
