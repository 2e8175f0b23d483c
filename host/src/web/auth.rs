//! Signing in: with Discord (OAuth2 authorization code, `identify` scope), or in demo mode
//! on a loopback address as one of the demo's users. Signing in cycles the session id.

use anyhow::Context;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use oauth2::basic::BasicClient;
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet, EndpointSet,
    RedirectUrl, Scope, TokenResponse, TokenUrl,
};
use serde::Deserialize;
use tower_sessions::Session;

use hourglass_sdk::web::{AppState, Chrome, CsrfForm, PageContext, SESSION_USER_KEY, WebError};

use crate::config::Config;

const OAUTH_STATE_KEY: &str = "oauth_state";
const RETURN_TO_KEY: &str = "return_to";

type Client = BasicClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

/// The Discord OAuth2 client and where to ask Discord who signed in.
#[derive(Clone)]
pub struct DiscordOAuth {
    client: Client,
    http: reqwest::Client,
    me_url: String,
}

impl DiscordOAuth {
    /// `None` when no OAuth2 client is configured.
    pub fn from_config(config: &Config) -> anyhow::Result<Option<Self>> {
        let Some(oauth) = &config.discord.oauth else {
            return Ok(None);
        };
        let base = config.discord.api_base.as_str().trim_end_matches('/');
        let redirect = config.public_url.join("auth/discord/callback")?;
        let client = BasicClient::new(ClientId::new(oauth.client_id.to_string()))
            .set_client_secret(ClientSecret::new(oauth.client_secret.0.clone()))
            .set_auth_uri(AuthUrl::new(format!("{base}/oauth2/authorize"))?)
            .set_token_uri(TokenUrl::new(format!("{base}/api/oauth2/token"))?)
            .set_redirect_uri(RedirectUrl::from_url(redirect));
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("Hourglass (async races and qualifiers)")
            .build()
            .context("could not build the HTTP client for Discord")?;
        Ok(Some(Self {
            client,
            http,
            me_url: format!("{base}/api/v10/users/@me"),
        }))
    }
}

pub fn routes(config: &Config) -> Router<AppState> {
    let oauth = DiscordOAuth::from_config(config).ok().flatten();
    Router::new()
        .route("/login", get(login_page))
        .route("/login/demo", post(demo_sign_in))
        .route("/logout", post(sign_out))
        .route("/auth/discord", get(start_discord))
        .route("/auth/discord/callback", get(discord_callback))
        .layer(Extension(oauth))
}

#[derive(Deserialize)]
struct ReturnTo {
    return_to: Option<String>,
}

/// Only paths on this site, so a sign-in link cannot send people elsewhere.
fn local_path(return_to: Option<&str>) -> String {
    match return_to {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
struct LoginPage {
    chrome: Chrome,
    discord: bool,
    return_to: String,
    demo_users: Vec<DemoUser>,
}

#[derive(sqlx::FromRow)]
struct DemoUser {
    id: i64,
    display_name: String,
    role: String,
}

async fn login_page(
    State(state): State<AppState>,
    Extension(oauth): Extension<Option<DiscordOAuth>>,
    page: PageContext,
    Query(query): Query<ReturnTo>,
) -> Result<Response, WebError> {
    let demo_users = if state.demo_sign_in {
        sqlx::query_as(
            "SELECT users.id, users.display_name, demo_users.role FROM demo_users \
             JOIN users ON users.id = demo_users.id ORDER BY demo_users.position",
        )
        .fetch_all(&state.db)
        .await?
    } else {
        Vec::new()
    };
    let template = LoginPage {
        chrome: page.chrome("Sign in")?,
        discord: oauth.is_some(),
        return_to: local_path(query.return_to.as_deref()),
        demo_users,
    };
    Ok((page.csrf, template).into_response())
}

#[derive(Deserialize)]
struct DemoSignIn {
    user_id: i64,
    return_to: Option<String>,
}

async fn demo_sign_in(
    State(state): State<AppState>,
    session: Session,
    CsrfForm(form): CsrfForm<DemoSignIn>,
) -> Result<Redirect, WebError> {
    if !state.demo_sign_in {
        return Err(WebError::NotFound);
    }
    let known: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM demo_users WHERE id = $1)")
        .bind(form.user_id)
        .fetch_one(&state.db)
        .await?;
    if !known {
        return Err(WebError::Refused(
            "That is not one of the demo's users.".into(),
        ));
    }
    sign_in(&session, form.user_id).await?;
    Ok(Redirect::to(&local_path(form.return_to.as_deref())))
}

async fn sign_in(session: &Session, user_id: i64) -> Result<(), WebError> {
    let store_error = |error: tower_sessions::session::Error| {
        WebError::Internal(format!("session store: {error}"))
    };
    session.cycle_id().await.map_err(store_error)?;
    session
        .insert(SESSION_USER_KEY, user_id)
        .await
        .map_err(store_error)
}

#[derive(Deserialize)]
struct Empty {}

async fn sign_out(session: Session, CsrfForm(_): CsrfForm<Empty>) -> Result<Redirect, WebError> {
    session
        .flush()
        .await
        .map_err(|error| WebError::Internal(format!("session store: {error}")))?;
    Ok(Redirect::to("/"))
}

async fn start_discord(
    Extension(oauth): Extension<Option<DiscordOAuth>>,
    session: Session,
    Query(query): Query<ReturnTo>,
) -> Result<Redirect, WebError> {
    let oauth = oauth.ok_or(WebError::NotFound)?;
    let (url, state) = oauth
        .client
        .authorize_url(CsrfToken::new_random)
        .add_scope(Scope::new("identify".into()))
        .url();
    let store_error = |error: tower_sessions::session::Error| {
        WebError::Internal(format!("session store: {error}"))
    };
    session
        .insert(OAUTH_STATE_KEY, state.secret())
        .await
        .map_err(store_error)?;
    session
        .insert(RETURN_TO_KEY, local_path(query.return_to.as_deref()))
        .await
        .map_err(store_error)?;
    Ok(Redirect::to(url.as_str()))
}

#[derive(Deserialize)]
struct Callback {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

#[derive(Deserialize)]
struct DiscordUser {
    id: String,
    username: String,
    global_name: Option<String>,
}

async fn discord_callback(
    State(app): State<AppState>,
    Extension(oauth): Extension<Option<DiscordOAuth>>,
    session: Session,
    Query(callback): Query<Callback>,
) -> Result<Redirect, WebError> {
    let oauth = oauth.ok_or(WebError::NotFound)?;
    let store_error = |error: tower_sessions::session::Error| {
        WebError::Internal(format!("session store: {error}"))
    };
    let expected: Option<String> = session.remove(OAUTH_STATE_KEY).await.map_err(store_error)?;
    if callback.error.is_some() {
        return Err(WebError::Refused("Discord sign-in was cancelled.".into()));
    }
    let (Some(code), Some(state), Some(expected)) = (callback.code, callback.state, expected)
    else {
        return Err(WebError::Forbidden(
            "This sign-in link is not valid; please start again.".into(),
        ));
    };
    if state != expected {
        return Err(WebError::Forbidden(
            "This sign-in link is not valid; please start again.".into(),
        ));
    }

    let token = oauth
        .client
        .exchange_code(AuthorizationCode::new(code))
        .request_async(&oauth.http)
        .await
        .map_err(|error| WebError::Internal(format!("Discord token exchange failed: {error}")))?;
    let user: DiscordUser = oauth
        .http
        .get(&oauth.me_url)
        .bearer_auth(token.access_token().secret())
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|error| WebError::Internal(format!("Discord user lookup failed: {error}")))?
        .json()
        .await
        .map_err(|error| WebError::Internal(format!("Discord user lookup failed: {error}")))?;
    let id: i64 = user.id.parse().map_err(|_| {
        WebError::Internal("Discord returned a user id that is not a number".into())
    })?;
    let name = user
        .global_name
        .filter(|name| !name.trim().is_empty())
        .unwrap_or(user.username);

    sqlx::query(
        "INSERT INTO users (id, display_name) VALUES ($1, $2) \
         ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name",
    )
    .bind(id)
    .bind(&name)
    .execute(&app.db)
    .await?;
    let return_to: Option<String> = session.remove(RETURN_TO_KEY).await.map_err(store_error)?;
    sign_in(&session, id).await?;
    tracing::info!(user.id = id, "signed in with Discord");
    Ok(Redirect::to(&local_path(return_to.as_deref())))
}
