//! Web building blocks shared by the host and the plugins: the shared state, who is signed
//! in, the page chrome, the one CSRF-checked form extractor and the one error type.

mod error;
mod forms;
mod user;

use std::collections::HashSet;
use std::sync::Arc;

use axum::extract::FromRef;
use axum_csrf::CsrfConfig;
use sqlx::PgPool;

pub use error::WebError;
pub use forms::CsrfForm;
pub use user::{Chrome, CurrentUser, MaybeUser, PageContext, SESSION_USER_KEY, User};

use crate::clock::Clock;
use crate::seed::SeedContext;

/// Everything a request handler may need, shared by all routes of all plugins.
#[derive(Clone)]
pub struct AppState(Arc<AppContext>);

/// The contents of [`AppState`].
pub struct AppContext {
    pub db: PgPool,
    pub clock: Arc<dyn Clock>,
    pub seeds: SeedContext,
    /// Discord ids of the global admins.
    pub admins: HashSet<i64>,
    pub csrf: CsrfConfig,
    /// Wakes the Discord notice sender when a notice has been queued.
    pub discord_notices: Arc<tokio::sync::Notify>,
    /// Whether the sign-in page offers "sign in as" a demo user (demo mode on loopback only).
    pub demo_sign_in: bool,
    /// In the demo: the simulated Discord's web view, linked from every page.
    pub discord_view: Option<String>,
}

impl AppState {
    pub fn new(context: AppContext) -> Self {
        Self(Arc::new(context))
    }
}

impl std::ops::Deref for AppState {
    type Target = AppContext;

    fn deref(&self) -> &AppContext {
        &self.0
    }
}

impl FromRef<AppState> for CsrfConfig {
    fn from_ref(state: &AppState) -> Self {
        state.csrf.clone()
    }
}

/// Reads a link a person typed (a VOD, say): `https://` is assumed when no scheme is given,
/// and the result is written the way a browser will follow it, so what is shown is what is
/// linked. `None` unless it is an `http(s)` address with a real host name.
pub fn normalize_link(text: &str) -> Option<String> {
    let text = text.trim();
    let candidate = if text.contains("://") {
        text.to_owned()
    } else {
        format!("https://{text}")
    };
    let url = safe_link(&candidate)?;
    let host = url.host_str()?;
    (host.contains('.') && !text.chars().any(char::is_whitespace)).then(|| url.to_string())
}

/// Turns user-typed text into a link target only when it is an `http(s)` URL.
pub fn safe_link(text: &str) -> Option<url::Url> {
    let url = url::Url::parse(text.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then_some(url)
}

#[cfg(test)]
mod tests {
    use super::normalize_link;

    #[test]
    fn links_are_stored_as_they_will_be_followed() {
        assert_eq!(
            normalize_link(" https://www.twitch.tv/videos/1 ").as_deref(),
            Some("https://www.twitch.tv/videos/1")
        );
        assert_eq!(
            normalize_link("youtu.be/abc").as_deref(),
            Some("https://youtu.be/abc")
        );
        assert_eq!(normalize_link("https:evil.com"), None);
        assert_eq!(normalize_link("javascript:alert(1)"), None);
        assert_eq!(normalize_link("ftp://files.example/x"), None);
        assert_eq!(normalize_link("not a link"), None);
        assert_eq!(normalize_link("https:///x"), None, "no real host");
    }
}
