use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::request::Parts;
use axum_csrf::CsrfToken;
use tower_sessions::Session;

use super::{AppState, WebError};

/// The session key that holds the signed-in user's Discord id.
pub const SESSION_USER_KEY: &str = "user_id";

/// A person known to Hourglass, identified by their Discord id.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    pub display_name: String,
}

impl User {
    pub async fn load(db: &sqlx::PgPool, id: i64) -> Result<Option<Self>, sqlx::Error> {
        sqlx::query_as("SELECT id, display_name FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await
    }
}

/// The signed-in user, if any.
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<User>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|(_, message)| {
                WebError::Internal(format!("session layer missing: {message}"))
            })?;
        let id: Option<i64> = session
            .get(SESSION_USER_KEY)
            .await
            .map_err(|error| WebError::Internal(format!("session store: {error}")))?;
        let user = match id {
            Some(id) => User::load(&state.db, id).await?,
            None => None,
        };
        Ok(Self(user))
    }
}

/// The signed-in user; a visitor who is not signed in is sent to sign in and brought back.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub User);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let MaybeUser(user) = MaybeUser::from_request_parts(parts, state).await?;
        match user {
            Some(user) => Ok(Self(user)),
            None => {
                let return_to = OriginalUri::from_request_parts(parts, state)
                    .await
                    .map(|OriginalUri(uri)| uri.path().to_owned())
                    .unwrap_or_else(|_| "/".to_owned());
                Err(WebError::SignInRequired { return_to })
            }
        }
    }
}

/// What every page needs: who is signed in and a CSRF token for its forms. Return
/// `page.csrf` alongside the page so the browser keeps the matching cookie.
pub struct PageContext {
    pub user: Option<User>,
    pub is_admin: bool,
    pub csrf: CsrfToken,
    pub demo: bool,
    pub discord_view: Option<String>,
    /// The path and query of this page, to come back to after signing in.
    pub here: String,
}

impl FromRequestParts<AppState> for PageContext {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let MaybeUser(user) = MaybeUser::from_request_parts(parts, state).await?;
        let csrf = CsrfToken::from_request_parts(parts, state)
            .await
            .map_err(|(_, message)| WebError::Internal(format!("csrf token: {message}")))?;
        let is_admin = user
            .as_ref()
            .is_some_and(|user| state.admins.contains(&user.id));
        let here = OriginalUri::from_request_parts(parts, state)
            .await
            .ok()
            .and_then(|OriginalUri(uri)| uri.path_and_query().map(|path| path.as_str().to_owned()))
            .unwrap_or_else(|| "/".to_owned());
        Ok(Self {
            user,
            is_admin,
            csrf,
            demo: state.demo_sign_in,
            discord_view: state.discord_view.clone(),
            here,
        })
    }
}

impl PageContext {
    /// The page frame: navigation, who is signed in, the sign-out form's token.
    pub fn chrome(&self, title: impl Into<String>) -> Result<Chrome, WebError> {
        let csrf = self
            .csrf
            .authenticity_token()
            .map_err(|error| WebError::Internal(format!("csrf token: {error}")))?;
        Ok(Chrome {
            title: title.into(),
            user: self.user.clone(),
            is_admin: self.is_admin,
            csrf,
            demo: self.demo,
            discord_view: self.discord_view.clone(),
            here: self.here.clone(),
        })
    }
}

/// The frame around every page (see `templates/base.html`).
#[derive(Debug, Clone)]
pub struct Chrome {
    pub title: String,
    pub user: Option<User>,
    pub is_admin: bool,
    /// The token every form on the page carries as `authenticity_token`.
    pub csrf: String,
    pub demo: bool,
    /// The simulated Discord's web view (demo only).
    pub discord_view: Option<String>,
    /// This page's path, for the "Sign in" link to come back to.
    pub here: String,
}
