//! A loopback stand-in for Discord's OAuth2 pages: authorize redirects straight back with a
//! code naming the user the test chose; the token and `users/@me` endpoints answer for it.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use serde::Deserialize;
use url::Url;

pub const CLIENT_ID: u64 = 1_209_531_329_675_395_075;
pub const CLIENT_SECRET: &str = "stand-in-secret";

pub struct StandIn {
    pub base: Url,
}

#[derive(Deserialize)]
struct Authorize {
    redirect_uri: String,
    state: String,
    user: String,
    scope: String,
}

#[derive(Deserialize)]
struct TokenRequest {
    grant_type: String,
    code: String,
}

impl StandIn {
    pub async fn start() -> Self {
        let router = Router::new()
            .route("/oauth2/authorize", get(authorize))
            .route("/api/oauth2/token", post(token))
            .route("/api/v10/users/@me", get(me))
            .with_state(());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base =
            Url::parse(&format!("http://{}/", listener.local_addr().expect("addr"))).expect("url");
        tokio::spawn(async move { axum::serve(listener, router).await });
        Self { base }
    }
}

async fn authorize(State(()): State<()>, Query(query): Query<Authorize>) -> Response {
    if query.scope != "identify" {
        return (StatusCode::BAD_REQUEST, "scope must be identify").into_response();
    }
    let mut target = Url::parse(&query.redirect_uri).expect("redirect uri");
    target
        .query_pairs_mut()
        .append_pair("code", &query.user)
        .append_pair("state", &query.state);
    Redirect::to(target.as_str()).into_response()
}

async fn token(headers: HeaderMap, Form(request): Form<TokenRequest>) -> Response {
    let authorized = headers.contains_key(axum::http::header::AUTHORIZATION);
    if request.grant_type != "authorization_code" || !authorized {
        return (
            StatusCode::UNAUTHORIZED,
            Json(serde_json::json!({"error": "invalid_client"})),
        )
            .into_response();
    }
    Json(serde_json::json!({
        "access_token": request.code,
        "token_type": "Bearer",
        "expires_in": 604_800,
        "refresh_token": "refresh",
        "scope": "identify",
    }))
    .into_response()
}

async fn me(headers: HeaderMap) -> Response {
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .unwrap_or_default();
    let Some((id, name)) = token.split_once(':') else {
        return (
            StatusCode::UNAUTHORIZED,
            Json(serde_json::json!({"code": 0, "message": "401: Unauthorized"})),
        )
            .into_response();
    };
    Json(serde_json::json!({
        "id": id, "username": name, "global_name": name, "discriminator": "0", "avatar": null,
    }))
    .into_response()
}
