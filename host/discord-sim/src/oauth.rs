//! OAuth2 authorization-code flow: `/oauth2/authorize` (a page to pick the simulated user who
//! signs in, or `sim_user=ID` to approve at once), `/api/oauth2/token`, and bearer tokens for
//! `GET /api/v10/users/@me`.

use crate::sim::SimState;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::header::{AUTHORIZATION, LOCATION};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use rand::Rng;
use rand::distributions::Alphanumeric;
use serde_json::json;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// How long an authorization code stays valid.
const CODE_TTL: Duration = Duration::from_secs(600);
/// `expires_in` of access tokens (7 days, as Discord).
const TOKEN_TTL_SECS: u64 = 604_800;

#[derive(Debug, Clone)]
struct Grant {
    user_id: u64,
    redirect_uri: String,
    scope: String,
    issued: Instant,
}

/// Codes, access tokens and refresh tokens handed out.
#[derive(Debug, Default)]
pub struct OAuthState {
    codes: HashMap<String, Grant>,
    tokens: HashMap<String, u64>,
    refresh: HashMap<String, Grant>,
}

impl OAuthState {
    /// The user an access token belongs to.
    pub fn user_for_token(&self, token: &str) -> Option<u64> {
        self.tokens.get(token).copied()
    }

    fn issue(&mut self, grant: &Grant) -> serde_json::Value {
        let access = random_token(30);
        let refresh = random_token(30);
        self.tokens.insert(access.clone(), grant.user_id);
        self.refresh.insert(refresh.clone(), grant.clone());
        json!({
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": TOKEN_TTL_SECS,
            "refresh_token": refresh,
            "scope": grant.scope,
        })
    }
}

fn random_token(len: usize) -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}

/// `GET /oauth2/authorize`.
pub fn authorize_router() -> Router<SimState> {
    Router::new().route("/oauth2/authorize", get(authorize))
}

/// `POST /oauth2/token` (mounted under `/api` and `/api/v10`).
pub fn api_router() -> Router<SimState> {
    Router::new().route("/oauth2/token", post(token))
}

fn pairs(raw: &[u8]) -> HashMap<String, String> {
    url::form_urlencoded::parse(raw).into_owned().collect()
}

fn page_error(message: &str) -> Response {
    let body = format!(
        "<!doctype html><title>Invalid OAuth2 request</title><p>{}</p>",
        text(message)
    );
    (StatusCode::BAD_REQUEST, Html(body)).into_response()
}

async fn authorize(State(sim): State<SimState>, RawQuery(query): RawQuery) -> Response {
    let query = query.unwrap_or_default();
    let q = pairs(query.as_bytes());
    let world = sim.world();
    let app = world.config.application_id.to_string();
    if q.get("client_id") != Some(&app) {
        return page_error("Unknown client_id.");
    }
    if q.get("response_type").map(String::as_str) != Some("code") {
        return page_error("Only response_type=code is supported.");
    }
    let Some(redirect) = q.get("redirect_uri").and_then(|r| url::Url::parse(r).ok()) else {
        return page_error("Invalid redirect_uri.");
    };

    let chosen = q.get("sim_user").and_then(|u| u.parse::<u64>().ok());
    let Some(user_id) = chosen else {
        let users = world.users.values().filter(|u| !u.bot);
        let items: String = users
            .map(|u| {
                let href = format!("/oauth2/authorize?{query}&sim_user={}", u.id);
                let name = u.global_name.clone().unwrap_or_else(|| u.username.clone());
                format!(
                    "<li><a class=\"user\" href=\"{}\">{}</a> <small>@{}</small></li>",
                    attr(&href),
                    text(&name),
                    text(&u.username)
                )
            })
            .collect();
        let app_name = text(&world.config.bot_name).into_owned();
        let body = format!(
            "<!doctype html><meta name=\"viewport\" content=\"width=device-width\">\
             <title>Authorize {app_name}</title><h1>{app_name} wants to know who you are</h1>\
             <p>discord-sim: choose the simulated user who signs in.</p><ul>{items}</ul>"
        );
        return Html(body).into_response();
    };
    if !world.users.contains_key(&user_id) {
        return page_error("Unknown sim_user.");
    }
    drop(world);

    let code = random_token(30);
    let grant = Grant {
        user_id,
        // Compared verbatim with the token request's redirect_uri.
        redirect_uri: q.get("redirect_uri").cloned().unwrap_or_default(),
        scope: q.get("scope").cloned().unwrap_or_else(|| "identify".into()),
        issued: Instant::now(),
    };
    sim.world().oauth.codes.insert(code.clone(), grant);
    let mut target = redirect;
    target.query_pairs_mut().append_pair("code", &code);
    if let Some(state) = q.get("state") {
        target.query_pairs_mut().append_pair("state", state);
    }
    (StatusCode::FOUND, [(LOCATION, target.to_string())]).into_response()
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        Json(json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

fn client_credentials(
    headers: &HeaderMap,
    form: &HashMap<String, String>,
) -> Option<(String, String)> {
    let basic = headers
        .get(AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Basic "));
    if let Some(encoded) = basic {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .ok()?;
        let decoded = String::from_utf8(decoded).ok()?;
        let (id, secret) = decoded.split_once(':')?;
        // Clients form-encode both parts before joining them (RFC 6749 §2.3.1).
        let unescape = |s: &str| {
            pairs(format!("v={s}").as_bytes())
                .remove("v")
                .unwrap_or_default()
        };
        return Some((unescape(id), unescape(secret)));
    }
    Some((
        form.get("client_id")?.clone(),
        form.get("client_secret")?.clone(),
    ))
}

async fn token(State(sim): State<SimState>, headers: HeaderMap, body: Bytes) -> Response {
    let form = pairs(&body);
    let mut world = sim.world();
    let app = world.config.application_id.to_string();
    let credentials = client_credentials(&headers, &form);
    if credentials != Some((app, world.config.client_secret.clone())) {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Invalid client credentials.",
        );
    }
    match form.get("grant_type").map(String::as_str) {
        Some("authorization_code") => {
            let code = form.get("code").cloned().unwrap_or_default();
            // A code works once, whatever the outcome.
            let Some(grant) = world.oauth.codes.remove(&code) else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "Invalid \"code\" in request.",
                );
            };
            if grant.issued.elapsed() > CODE_TTL {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "Invalid \"code\" in request.",
                );
            }
            if form.get("redirect_uri") != Some(&grant.redirect_uri) {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "Invalid \"redirect_uri\" in request.",
                );
            }
            Json(world.oauth.issue(&grant)).into_response()
        }
        Some("refresh_token") => {
            let refresh = form.get("refresh_token").cloned().unwrap_or_default();
            let Some(grant) = world.oauth.refresh.remove(&refresh) else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "Invalid \"refresh_token\" in request.",
                );
            };
            Json(world.oauth.issue(&grant)).into_response()
        }
        _ => oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "Unsupported grant type.",
        ),
    }
}
