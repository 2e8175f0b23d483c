//! Builds the web app from the host's pages and every plugin's routes, and serves it.

use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum_csrf::{CsrfConfig, Key, SameSite};
use sqlx::PgPool;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::time::Duration;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::PostgresStore;

use hourglass_sdk::buttons::ButtonRoutes;
use hourglass_sdk::clock::Clock;
use hourglass_sdk::plugin::plugins;
use hourglass_sdk::seed::SeedContext;
use hourglass_sdk::web::{AppContext, AppState};

use crate::config::Config;
use crate::database;
use crate::web;

/// Everything the web app is built from.
pub struct AppParts<'a> {
    pub db: PgPool,
    pub config: &'a Config,
    pub clock: Arc<dyn Clock>,
    /// Offer "sign in as" demo users (only honoured on a loopback bind).
    pub demo: bool,
    /// Woken when a Discord notice is queued (see `discord::notices`).
    pub discord_notices: Arc<tokio::sync::Notify>,
    /// The simulated Discord's web view, when the demo runs one.
    pub discord_view: Option<String>,
}

/// The built app: its router, and the state the Discord bot shares with it.
pub struct App {
    pub router: Router,
    pub state: AppState,
}

/// The complete app: host pages, plugin routes, sessions, CSRF and request tracing.
pub async fn build_app(parts: AppParts<'_>) -> anyhow::Result<App> {
    let AppParts {
        db,
        config,
        clock,
        demo,
        discord_notices,
        discord_view,
    } = parts;
    ButtonRoutes::new(&plugins()).context("the plugins' button stems clash")?;

    let sessions = PostgresStore::new(db.clone());
    sessions
        .migrate()
        .await
        .context("could not prepare the session table")?;
    let secure = config.public_url.scheme() == "https";
    let session_layer = SessionManagerLayer::new(sessions)
        .with_secure(secure)
        .with_same_site(tower_sessions::cookie::SameSite::Lax)
        .with_expiry(Expiry::OnInactivity(Duration::days(30)));

    let csrf = csrf_config(&db, secure).await?;
    let state = AppState::new(AppContext {
        db,
        clock,
        seeds: SeedContext {
            public_url: config.public_url.clone(),
            seed_dir: config.seed_dir.clone(),
        },
        admins: config.admins.clone(),
        csrf,
        discord_notices,
        demo_sign_in: demo && config.is_loopback(),
        discord_view,
    });

    let mut router = web::routes(config);
    for plugin in plugins() {
        router = router.merge(plugin.routes());
    }
    // Pages differ per person and change with every request or submission: browsers must not
    // show a stale copy (a used form, say) from their cache. Responses that may be cached set
    // their own Cache-Control.
    let no_store = SetResponseHeaderLayer::if_not_present(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    );
    let router = router
        .with_state(state.clone())
        .layer(no_store)
        .layer(session_layer)
        .layer(TraceLayer::new_for_http());
    Ok(App { router, state })
}

/// CSRF cookies are signed with a key kept in the database, so forms stay valid across
/// restarts.
async fn csrf_config(db: &PgPool, secure: bool) -> anyhow::Result<CsrfConfig> {
    let key = database::secret(db, "csrf_cookie_key", 64).await?;
    let salt = database::secret(db, "csrf_salt", 32).await?;
    let salt: String = salt.iter().map(|byte| format!("{byte:02x}")).collect();
    Ok(CsrfConfig::default()
        .with_key(Some(Key::from(&key)))
        .with_salt(salt)
        .with_cookie_name("hourglass_csrf")
        .with_cookie_same_site(SameSite::Lax)
        .with_secure(secure)
        .with_http_only(true))
}

/// Serves the app until SIGINT or SIGTERM, then lets open requests finish.
pub async fn serve(router: Router, listener: tokio::net::TcpListener) -> anyhow::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
