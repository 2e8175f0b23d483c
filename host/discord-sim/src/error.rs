//! Errors in Discord's shape: an HTTP status plus `{"code", "message", "errors"?}`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// An error answer, as Discord sends it. The control API uses the same shape with `code` 0.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{status} {code}: {message}")]
pub struct ApiError {
    /// HTTP status of the answer.
    pub status: StatusCode,
    /// Discord's JSON error code (0 for generic HTTP errors and control-API errors).
    pub code: i64,
    /// Discord's message text.
    pub message: String,
    /// The nested `errors` object of a form error (code 50035).
    pub errors: Option<Value>,
}

impl ApiError {
    /// An error with the given status, code and message.
    pub fn new(status: StatusCode, code: i64, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            errors: None,
        }
    }

    /// 401 for a missing or wrong token.
    pub fn unauthorized() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, 0, "401: Unauthorized")
    }

    /// 404 for a route Discord does not have (or the simulator does not serve).
    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, 0, "404: Not Found")
    }

    /// 403/50001: the bot cannot see the resource.
    pub fn missing_access() -> Self {
        Self::new(StatusCode::FORBIDDEN, 50001, "Missing Access")
    }

    /// 403/50013: the bot sees the resource but lacks a permission.
    pub fn missing_permissions() -> Self {
        Self::new(StatusCode::FORBIDDEN, 50013, "Missing Permissions")
    }

    /// 404/10003.
    pub fn unknown_channel() -> Self {
        Self::new(StatusCode::NOT_FOUND, 10003, "Unknown Channel")
    }

    /// 404/10004.
    pub fn unknown_guild() -> Self {
        Self::new(StatusCode::NOT_FOUND, 10004, "Unknown Guild")
    }

    /// 404/10007.
    pub fn unknown_member() -> Self {
        Self::new(StatusCode::NOT_FOUND, 10007, "Unknown Member")
    }

    /// 404/10008.
    pub fn unknown_message() -> Self {
        Self::new(StatusCode::NOT_FOUND, 10008, "Unknown Message")
    }

    /// 404/10011.
    pub fn unknown_role() -> Self {
        Self::new(StatusCode::NOT_FOUND, 10011, "Unknown Role")
    }

    /// 404/10013.
    pub fn unknown_user() -> Self {
        Self::new(StatusCode::NOT_FOUND, 10013, "Unknown User")
    }

    /// 404/10015.
    pub fn unknown_webhook() -> Self {
        Self::new(StatusCode::NOT_FOUND, 10015, "Unknown Webhook")
    }

    /// 404/10062: unknown interaction, or its 3 s for the first answer are over.
    pub fn unknown_interaction() -> Self {
        Self::new(StatusCode::NOT_FOUND, 10062, "Unknown interaction")
    }

    /// 404/10063.
    pub fn unknown_command() -> Self {
        Self::new(StatusCode::NOT_FOUND, 10063, "Unknown application command")
    }

    /// 400/40060: a second initial response to one interaction.
    pub fn already_acknowledged() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            40060,
            "Interaction has already been acknowledged.",
        )
    }

    /// 400/50006.
    pub fn empty_message() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            50006,
            "Cannot send an empty message",
        )
    }

    /// 400/50109.
    pub fn invalid_json() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            50109,
            "The request body contains invalid JSON.",
        )
    }

    /// 400/50035 with Discord's nested `errors` object.
    pub fn invalid_form(errors: Value) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            code: 50035,
            message: "Invalid Form Body".into(),
            errors: Some(errors),
        }
    }

    /// 400/50035 for one field: `path` is dotted (`components.0.components.5`).
    pub fn field(path: &str, code: &str, message: &str) -> Self {
        let mut errors = json!({ "_errors": [{ "code": code, "message": message }] });
        for key in path.rsplit('.') {
            errors = json!({ key: errors });
        }
        Self::invalid_form(errors)
    }

    /// A control-API error: status plus a sentence saying what is wrong.
    pub fn control(status: StatusCode, message: impl Into<String>) -> Self {
        Self::new(status, 0, message)
    }

    /// The JSON body of this error.
    pub fn body(&self) -> Value {
        let mut body = json!({ "message": self.message, "code": self.code });
        if let Some(errors) = &self.errors {
            body["errors"] = errors.clone();
        }
        body
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body())).into_response()
    }
}

/// Result of a simulator operation.
pub type ApiResult<T> = Result<T, ApiError>;
