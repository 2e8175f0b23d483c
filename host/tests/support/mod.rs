//! The test harness: the real app on a fresh PostgreSQL database, served over real HTTP on
//! 127.0.0.1, with the loopback Discord simulator in front of it (OAuth2 sign-in, and the
//! bot when a test asks for it), and browsers (reqwest clients with their own cookie jars)
//! that sign in through the simulator's OAuth2 pages.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of the harness"
)]

pub mod builders;
pub mod qualifier;
pub mod results;
pub mod staff;

use std::collections::HashSet;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use reqwest::StatusCode;
use reqwest::redirect::Policy;
use sqlx::PgPool;
use url::Url;

use discord_sim::{SimConfig, SimHandle, Simulator};
use hourglass::config::{Config, DiscordConfig, OAuthClient, Secret};
use hourglass::database::MIGRATOR;
use hourglass::discord::Bot;
use hourglass::server::{AppParts, build_app};
use hourglass_sdk::clock::ManualClock;

/// A fixed "now" for tests: 2026-06-01 12:00 UTC.
pub fn test_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0)
        .single()
        .expect("valid date")
}

/// The running app and what tests need to look at it.
pub struct TestApp {
    pub base: Url,
    pub db: PgPool,
    pub clock: Arc<ManualClock>,
    pub seed_dir: PathBuf,
    pub admins: HashSet<i64>,
    pub sim: SimHandle,
    pub bot: Option<Bot>,
    pub config: Config,
}

/// What a test may change before the app starts.
#[derive(Default)]
pub struct Options {
    pub admins: Vec<i64>,
    pub demo: bool,
    /// Connect the bot to the simulator (and wait until it is ready).
    pub discord: bool,
}

impl TestApp {
    pub async fn start() -> Self {
        Self::start_with(Options::default()).await
    }

    pub async fn start_with(options: Options) -> Self {
        let db = hourglass_postgres::testing::fresh_database(&MIGRATOR).await;
        let sim_config = SimConfig {
            ack_deadline: std::time::Duration::from_secs(3),
            ..SimConfig::default()
        };
        let sim = Simulator::start_with(sim_config.clone(), "127.0.0.1:0".parse().expect("addr"))
            .await
            .expect("the simulator starts");
        sim.seed_example().expect("the example guild");
        let sim_base = Url::parse(&sim.base_url()).expect("sim url");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr: SocketAddr = listener.local_addr().expect("address");
        let base = Url::parse(&format!("http://{addr}/")).expect("url");
        let seed_dir = std::env::temp_dir().join(format!("hourglass-seeds-{}", addr.port()));
        std::fs::create_dir_all(&seed_dir).expect("seed dir");
        let admins: HashSet<i64> = options.admins.iter().copied().collect();
        let config = Config {
            bind: addr,
            public_url: base.clone(),
            database_url: None,
            data_dir: seed_dir.clone(),
            seed_dir: seed_dir.clone(),
            discord: DiscordConfig {
                api_base: sim_base,
                oauth: Some(OAuthClient {
                    client_id: sim_config.application_id,
                    client_secret: Secret(sim_config.client_secret.clone()),
                }),
                bot_token: Some(Secret(sim_config.bot_token.clone())),
            },
            admins: admins.clone(),
        };
        let clock = Arc::new(ManualClock::new(test_now()));
        let app = build_app(AppParts {
            db: db.clone(),
            config: &config,
            clock: clock.clone(),
            demo: options.demo,
            discord_notices: Arc::new(tokio::sync::Notify::new()),
            discord_view: None,
        })
        .await
        .expect("the app builds");
        let router = app.router;
        tokio::spawn(async move { axum::serve(listener, router).await });
        let bot = if options.discord {
            let token = config.discord.bot_token.clone().expect("token");
            let bot = hourglass::discord::start(&config.discord, &token, app.state.clone())
                .await
                .expect("the bot starts");
            sim.client()
                .wait_for_gateway(std::time::Duration::from_secs(20))
                .await
                .expect("the bot connects to the gateway");
            Some(bot)
        } else {
            None
        };
        Self {
            base,
            db,
            clock,
            seed_dir,
            admins,
            sim,
            bot,
            config,
        }
    }

    /// A browser that is not signed in.
    pub fn browser(&self) -> Browser {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .build()
            .expect("client");
        Browser {
            client,
            base: self.base.clone(),
        }
    }

    /// A browser signed in through the Discord OAuth2 flow as this user.
    pub async fn signed_in(&self, user_id: i64, name: &str) -> Browser {
        self.sim_user(user_id, name).await;
        let browser = self.browser();
        browser.sign_in(user_id).await;
        browser
    }

    /// Makes sure the simulator knows this person.
    pub async fn sim_user(&self, user_id: i64, name: &str) {
        let id = u64::try_from(user_id).expect("snowflake");
        if self.sim.state().world().users.contains_key(&id) {
            return;
        }
        let user = discord_sim::types::NewUser {
            username: name
                .to_lowercase()
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect(),
            global_name: Some(name.to_owned()),
            id: Some(id),
            bot: false,
        };
        self.sim
            .client()
            .create_user(&user)
            .await
            .expect("simulated user");
    }
}

/// A person's browser: keeps cookies, does not follow redirects on its own.
pub struct Browser {
    pub client: reqwest::Client,
    pub base: Url,
}

/// A response read to the end.
pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
}

impl Page {
    /// The CSRF token of the page's first form.
    pub fn csrf(&self) -> String {
        let marker = "name=\"authenticity_token\" value=\"";
        let start = self
            .body
            .find(marker)
            .expect("the page has a form with a CSRF token")
            + marker.len();
        let end = self.body[start..].find('"').expect("token ends") + start;
        self.body[start..end].to_owned()
    }

    pub fn assert_ok(&self) -> &Self {
        assert_eq!(self.status, StatusCode::OK, "body: {}", self.body);
        self
    }
}

impl Browser {
    pub fn url(&self, path: &str) -> Url {
        self.base.join(path.trim_start_matches('/')).expect("path")
    }

    async fn read(response: reqwest::Response) -> Page {
        let status = response.status();
        let location = response
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let body = response.text().await.expect("body");
        Page {
            status,
            location,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        Self::read(self.client.get(self.url(path)).send().await.expect("GET")).await
    }

    /// Posts a form as is (no token added).
    pub async fn post_raw(&self, path: &str, form: &[(&str, &str)]) -> Page {
        Self::read(
            self.client
                .post(self.url(path))
                .form(form)
                .send()
                .await
                .expect("POST"),
        )
        .await
    }

    /// Opens `form_page`, takes its CSRF token, and posts the form to `path`.
    pub async fn submit(&self, form_page: &str, path: &str, form: &[(&str, &str)]) -> Page {
        let page = self.get(form_page).await;
        let token = page.csrf();
        let mut fields = vec![("authenticity_token", token.as_str())];
        fields.extend_from_slice(form);
        self.post_raw(path, &fields).await
    }

    /// Signs in through the simulator's OAuth2 pages, as a person would click through them.
    pub async fn sign_in(&self, user_id: i64) {
        let start = self.get("/auth/discord?return_to=/").await;
        let authorize = start.location.expect("redirect to Discord");
        let authorize = Url::parse(&authorize).expect("authorize url");
        let mut chosen = authorize.clone();
        chosen
            .query_pairs_mut()
            .append_pair("sim_user", &user_id.to_string());
        let approved = Self::read(self.client.get(chosen).send().await.expect("authorize")).await;
        let callback = approved.location.expect("redirect back to Hourglass");
        let done = Self::read(self.client.get(callback).send().await.expect("callback")).await;
        assert_eq!(
            done.status,
            StatusCode::SEE_OTHER,
            "sign-in failed: {}",
            done.body
        );
    }
}
