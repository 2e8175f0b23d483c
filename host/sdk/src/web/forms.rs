use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum_csrf::CsrfToken;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::{AppState, WebError};

/// A form POST whose CSRF token has been checked. Every form handler takes this instead of
/// `Form`, so the check cannot be forgotten in one of them.
#[derive(Debug)]
pub struct CsrfForm<T>(pub T);

#[derive(Deserialize)]
struct TokenField {
    authenticity_token: Option<String>,
}

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, WebError> {
        let (mut parts, body) = request.into_parts();
        let token = CsrfToken::from_request_parts(&mut parts, state)
            .await
            .map_err(|_| WebError::BadCsrf)?;
        let body = Bytes::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(|_| WebError::Refused("The form could not be read.".into()))?;

        let field: TokenField =
            serde_urlencoded::from_bytes(&body).map_err(|_| WebError::BadCsrf)?;
        let submitted = field.authenticity_token.ok_or(WebError::BadCsrf)?;
        token.verify(&submitted).map_err(|_| WebError::BadCsrf)?;

        let form = serde_urlencoded::from_bytes(&body)
            .map_err(|error| WebError::Refused(format!("The form could not be read ({error}).")))?;
        Ok(Self(form))
    }
}
