use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::seed::escape_html;

/// What can go wrong while answering a web request. Users see a plain sentence; the detail
/// of an internal error goes to the log, once, here.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("page not found")]
    NotFound,
    #[error("sign-in required")]
    SignInRequired { return_to: String },
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("refused: {0}")]
    Refused(String),
    #[error("the form has expired")]
    BadCsrf,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error("template: {0}")]
    Template(#[from] askama::Error),
    #[error("{0}")]
    Internal(String),
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            Self::NotFound => (
                StatusCode::NOT_FOUND,
                "There is nothing at this address.".into(),
            ),
            Self::SignInRequired { return_to } => {
                let target = format!("/login?return_to={}", urlencode(&return_to));
                return Redirect::to(&target).into_response();
            }
            Self::Forbidden(message) => (StatusCode::FORBIDDEN, message),
            Self::Refused(message) => (StatusCode::CONFLICT, message),
            Self::BadCsrf => (
                StatusCode::FORBIDDEN,
                "This form has expired or did not come from this site. Go back, reload the page \
                 and send it again."
                    .into(),
            ),
            Self::Database(error) => {
                tracing::error!(%error, "database error while answering a request");
                (StatusCode::INTERNAL_SERVER_ERROR, INTERNAL.into())
            }
            Self::Template(error) => {
                tracing::error!(%error, "template failed to render");
                (StatusCode::INTERNAL_SERVER_ERROR, INTERNAL.into())
            }
            Self::Internal(detail) => {
                tracing::error!(%detail, "internal error while answering a request");
                (StatusCode::INTERNAL_SERVER_ERROR, INTERNAL.into())
            }
        };
        let body = format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <link rel=\"stylesheet\" href=\"/static/style.css\"><title>{status}</title></head>\
             <body><header class=\"top\"><a class=\"brand\" href=\"/\">Hourglass</a></header>\
             <main class=\"narrow\"><h1>{}</h1><p>{}</p><p>Use your browser's back button \
             to return, or go to <a href=\"/\">the events</a>.</p></main></body></html>",
            heading(status),
            escape_html(&message),
        );
        (status, Html(body)).into_response()
    }
}

/// The page heading people read, rather than the HTTP status name.
fn heading(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "Not found",
        StatusCode::FORBIDDEN => "Not allowed",
        StatusCode::CONFLICT => "That cannot be done now",
        _ => "Something went wrong",
    }
}

const INTERNAL: &str = "Something went wrong on our side. Nothing you entered was lost; please \
                        try again in a moment, and tell the event staff if it keeps happening.";

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
