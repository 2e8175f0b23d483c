//! Configuration from environment variables (and an optional `.env`), checked once at
//! start-up. Every variable is documented in the README and in `.env.example`.

use std::collections::HashSet;
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;
use url::Url;

/// A value that must never reach a log line.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// The settings, as clap reads them from flags or environment variables.
#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Address the web server listens on.
    #[arg(
        long,
        env = "HOURGLASS_BIND",
        value_name = "HOURGLASS_BIND",
        default_value = "127.0.0.1:8080",
        value_parser = parse_bind
    )]
    pub bind: SocketAddr,

    /// Address people reach the web server at (links, OAuth redirect). Defaults to
    /// http://{HOURGLASS_BIND}.
    #[arg(
        long,
        env = "HOURGLASS_PUBLIC_URL",
        value_name = "HOURGLASS_PUBLIC_URL"
    )]
    pub public_url: Option<Url>,

    /// PostgreSQL to use. Without it, a private cluster is started in the data directory.
    #[arg(
        long,
        env = "DATABASE_URL",
        value_name = "DATABASE_URL",
        hide_env_values = true
    )]
    pub database_url: Option<String>,

    /// Where Hourglass keeps its own files (the private PostgreSQL cluster among them).
    #[arg(
        long,
        env = "HOURGLASS_DATA_DIR",
        value_name = "HOURGLASS_DATA_DIR",
        default_value = "./data"
    )]
    pub data_dir: PathBuf,

    /// Where seed files (.zpf, .zpfz, .bps) are served from. Defaults to {data dir}/seeds.
    #[arg(long, env = "HOURGLASS_SEED_DIR", value_name = "HOURGLASS_SEED_DIR")]
    pub seed_dir: Option<PathBuf>,

    /// Discord application (OAuth2 client) id, for "Sign in with Discord".
    #[arg(long, env = "DISCORD_CLIENT_ID", value_name = "DISCORD_CLIENT_ID")]
    pub discord_client_id: Option<u64>,

    /// Discord OAuth2 client secret; required with DISCORD_CLIENT_ID.
    #[arg(
        long,
        env = "DISCORD_CLIENT_SECRET",
        value_name = "DISCORD_CLIENT_SECRET",
        hide_env_values = true
    )]
    pub discord_client_secret: Option<String>,

    /// Discord bot token, for the bot that posts notices and runs threads.
    #[arg(
        long,
        env = "DISCORD_TOKEN",
        value_name = "DISCORD_TOKEN",
        hide_env_values = true
    )]
    pub discord_token: Option<String>,

    /// Base URL of the Discord API and OAuth2 pages (a loopback stand-in in tests).
    #[arg(
        long,
        env = "DISCORD_API_BASE",
        value_name = "DISCORD_API_BASE",
        default_value = "https://discord.com"
    )]
    pub discord_api_base: Url,

    /// Discord ids of the global admins, separated by commas.
    #[arg(
        long,
        env = "HOURGLASS_ADMINS",
        value_name = "HOURGLASS_ADMINS",
        value_delimiter = ','
    )]
    pub admins: Vec<i64>,
}

/// An IP address and port; host names are not looked up, so say so.
fn parse_bind(text: &str) -> Result<SocketAddr, String> {
    text.trim().parse().map_err(|_| {
        format!("`{text}` is not an IP address and port, such as 127.0.0.1:8080 or 0.0.0.0:8080")
    })
}

/// Checked configuration the rest of the host uses.
#[derive(Debug, Clone)]
pub struct Config {
    pub bind: SocketAddr,
    pub public_url: Url,
    pub database_url: Option<Secret>,
    pub data_dir: PathBuf,
    pub seed_dir: PathBuf,
    pub discord: DiscordConfig,
    pub admins: HashSet<i64>,
}

/// How to reach Discord.
#[derive(Debug, Clone)]
pub struct DiscordConfig {
    pub api_base: Url,
    pub oauth: Option<OAuthClient>,
    pub bot_token: Option<Secret>,
}

/// The OAuth2 client Hourglass signs people in with.
#[derive(Debug, Clone)]
pub struct OAuthClient {
    pub client_id: u64,
    pub client_secret: Secret,
}

/// A setting that stops start-up; the message names the variable to fix.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(String);

impl Settings {
    /// Checks the settings together and resolves the defaults that depend on each other.
    pub fn check(self) -> Result<Config, ConfigError> {
        let public_url = match self.public_url {
            Some(url) if matches!(url.scheme(), "http" | "https") => url,
            Some(url) => {
                return Err(ConfigError(format!(
                    "HOURGLASS_PUBLIC_URL must be an http:// or https:// address, not `{url}`."
                )));
            }
            None => Url::parse(&format!("http://{}/", self.bind)).map_err(|_| {
                ConfigError("HOURGLASS_BIND does not make a usable address.".into())
            })?,
        };
        if !matches!(self.discord_api_base.scheme(), "http" | "https") {
            return Err(ConfigError(
                "DISCORD_API_BASE must be an http:// or https:// address.".into(),
            ));
        }
        let oauth = match (self.discord_client_id, self.discord_client_secret) {
            (Some(client_id), Some(secret)) if !secret.trim().is_empty() => Some(OAuthClient {
                client_id,
                client_secret: Secret(secret),
            }),
            (Some(_), _) => {
                return Err(ConfigError(
                    "DISCORD_CLIENT_SECRET is missing: set it to the OAuth2 secret of the \
                     application named by DISCORD_CLIENT_ID."
                        .into(),
                ));
            }
            (None, Some(_)) => {
                return Err(ConfigError(
                    "DISCORD_CLIENT_ID is missing: set it to the application id that \
                     DISCORD_CLIENT_SECRET belongs to."
                        .into(),
                ));
            }
            (None, None) => None,
        };
        if self
            .database_url
            .as_deref()
            .is_some_and(|url| !url.starts_with("postgres"))
        {
            return Err(ConfigError(
                "DATABASE_URL must be a postgres:// (or postgresql://) address.".into(),
            ));
        }
        let seed_dir = self.seed_dir.unwrap_or_else(|| self.data_dir.join("seeds"));
        Ok(Config {
            bind: self.bind,
            public_url,
            database_url: self.database_url.map(Secret),
            data_dir: self.data_dir,
            seed_dir,
            discord: DiscordConfig {
                api_base: self.discord_api_base,
                oauth,
                bot_token: self
                    .discord_token
                    .filter(|token| !token.is_empty())
                    .map(Secret),
            },
            admins: self.admins.into_iter().collect(),
        })
    }
}

impl Config {
    /// Whether the web server only listens on this machine (demo sign-in requires it).
    pub fn is_loopback(&self) -> bool {
        self.bind.ip().is_loopback()
    }
}
