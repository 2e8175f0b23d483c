//! Fault injection for REST routes, and the log of REST calls.

use crate::error::{ApiError, ApiResult};
use crate::server::ConnectionKiller;
use crate::sim::SimState;
use crate::types::{CallRecord, Fault, FaultSpec};
use axum::Json;
use axum::body::{Body, to_bytes};
use axum::extract::{OriginalUri, Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::time::Instant;

/// Largest request body the simulator reads.
const MAX_BODY: usize = 16 * 1024 * 1024;

/// A fault waiting for matching calls.
#[derive(Debug, Clone)]
pub struct ActiveFault {
    /// As armed.
    pub spec: FaultSpec,
    method: String,
    segments: Vec<String>,
    remaining: u32,
}

/// Most calls kept in the log (the oldest are dropped first).
const MAX_CALLS: usize = 10_000;

/// Appends to the call log, keeping it bounded for long demo runs.
fn log_call(sim: &SimState, call: CallRecord) {
    let mut world = sim.world();
    if world.calls.len() >= MAX_CALLS {
        world.calls.drain(..MAX_CALLS / 10);
    }
    world.calls.push(call);
}

impl ActiveFault {
    /// The spec with `times` = how many more calls it will affect.
    pub fn pending(&self) -> FaultSpec {
        FaultSpec {
            times: self.remaining,
            ..self.spec.clone()
        }
    }

    /// Parses `METHOD /pattern`.
    pub fn new(spec: FaultSpec) -> ApiResult<Self> {
        let bad = || {
            let msg = format!("route `{}` is not `METHOD /path/pattern`", spec.route);
            ApiError::control(StatusCode::BAD_REQUEST, msg)
        };
        let (method, pattern) = spec.route.trim().split_once(' ').ok_or_else(bad)?;
        let pattern = strip_api(pattern.trim());
        if !pattern.starts_with('/') {
            return Err(bad());
        }
        if spec.times == 0 {
            let msg = "a fault needs `times` of at least 1";
            return Err(ApiError::control(StatusCode::BAD_REQUEST, msg));
        }
        let segments = pattern
            .trim_matches('/')
            .split('/')
            .map(str::to_owned)
            .collect();
        Ok(Self {
            method: method.to_ascii_uppercase(),
            segments,
            remaining: spec.times,
            spec,
        })
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        if self.method != "*" && self.method != method {
            return false;
        }
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        for (i, want) in self.segments.iter().enumerate() {
            if want == "**" {
                return true;
            }
            match parts.get(i) {
                Some(part) if want == "*" || want == part => {}
                _ => return false,
            }
        }
        parts.len() == self.segments.len()
    }
}

/// The path without `/api/v10` or `/api` (what fault routes are written against).
pub fn strip_api(path: &str) -> &str {
    path.strip_prefix("/api/v10")
        .or_else(|| path.strip_prefix("/api"))
        .unwrap_or(path)
}

fn take_fault(sim: &SimState, method: &str, path: &str) -> Option<Fault> {
    let mut world = sim.world();
    let index = world
        .faults
        .iter()
        .position(|f| f.remaining > 0 && f.matches(method, path))?;
    let fault = &mut world.faults[index];
    fault.remaining -= 1;
    let out = fault.spec.fault.clone();
    if fault.remaining == 0 {
        world.faults.remove(index);
    }
    Some(out)
}

/// What [`record`] knows about a call before it is answered.
#[derive(Debug, Clone)]
struct PendingCall {
    method: String,
    path: String,
    body: Option<Value>,
    started: Instant,
}

impl PendingCall {
    fn finish(self, status: u16) -> CallRecord {
        let ms = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        CallRecord {
            method: self.method,
            path: self.path,
            status,
            ms,
            body: self.body,
        }
    }
}

/// Middleware: records each call (method, path, status, time, JSON body) and adds
/// rate-limit headers to successful answers.
pub async fn record(State(sim): State<SimState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            40005,
            "Request entity too large",
        )
        .into_response();
    };
    // Inside the nested API router the URI lacks `/api/v10`; log what the client asked for.
    let uri = parts
        .extensions
        .get::<OriginalUri>()
        .map_or(&parts.uri, |o| &o.0);
    let path = uri
        .path_and_query()
        .map_or_else(|| uri.path().to_owned(), |p| p.as_str().to_owned());
    let call = PendingCall {
        method: parts.method.to_string(),
        path,
        body: serde_json::from_slice(&bytes).ok(),
        started,
    };
    let mut req = Request::from_parts(parts, Body::from(bytes));
    req.extensions_mut().insert(call.clone());

    let mut response = next.run(req).await;
    let status = response.status();
    if status.is_success() {
        let headers = response.headers_mut();
        let reset = chrono::Utc::now().timestamp() + 1;
        headers.insert("x-ratelimit-limit", HeaderValue::from_static("5"));
        headers.insert("x-ratelimit-remaining", HeaderValue::from_static("4"));
        headers.insert("x-ratelimit-reset", HeaderValue::from(reset));
        headers.insert("x-ratelimit-reset-after", HeaderValue::from_static("1.000"));
        headers.insert(
            "x-ratelimit-bucket",
            HeaderValue::from_static("discord-sim"),
        );
    }
    log_call(&sim, call.finish(status.as_u16()));
    response
}

/// Middleware: applies the first armed fault that matches the call.
pub async fn inject(State(sim): State<SimState>, req: Request, next: Next) -> Response {
    let method = req.method().as_str().to_owned();
    let Some(fault) = take_fault(&sim, &method, strip_api(req.uri().path())) else {
        return next.run(req).await;
    };
    tracing::debug!(fault = ?fault, path = req.uri().path(), "discord-sim fault fired");
    match fault {
        Fault::DelayMs(ms) => {
            tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
            next.run(req).await
        }
        Fault::Status(code) => status_response(code),
        Fault::RateLimit {
            retry_after,
            global,
        } => rate_limited(retry_after, global),
        Fault::Drop => {
            if let Some(call) = req.extensions().get::<PendingCall>() {
                log_call(&sim, call.clone().finish(0));
            }
            if let Some(killer) = req.extensions().get::<ConnectionKiller>() {
                killer.kill();
            }
            std::future::pending().await
        }
    }
}

fn status_response(code: u16) -> Response {
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let error = match status {
        StatusCode::FORBIDDEN => ApiError::missing_access(),
        StatusCode::UNAUTHORIZED => ApiError::unauthorized(),
        StatusCode::NOT_FOUND => ApiError::not_found(),
        _ => {
            let reason = status.canonical_reason().unwrap_or("Error");
            ApiError::new(status, 0, format!("{}: {reason}", status.as_u16()))
        }
    };
    error.into_response()
}

/// A 429 as Discord sends it: body `{message, retry_after, global}` plus headers.
fn rate_limited(retry_after: f64, global: bool) -> Response {
    let body = json!({
        "message": "You are being rate limited.",
        "retry_after": retry_after,
        "global": global,
    });
    let mut response = (StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response();
    let headers = response.headers_mut();
    let reset = chrono::Utc::now().timestamp_millis() as f64 / 1000.0 + retry_after;
    let pairs = [
        ("retry-after", format!("{}", retry_after.ceil())),
        ("x-ratelimit-limit", "5".to_owned()),
        ("x-ratelimit-remaining", "0".to_owned()),
        ("x-ratelimit-reset", format!("{reset:.3}")),
        ("x-ratelimit-reset-after", format!("{retry_after:.3}")),
        ("x-ratelimit-bucket", "discord-sim".to_owned()),
        (
            "x-ratelimit-scope",
            if global { "global" } else { "user" }.to_owned(),
        ),
    ];
    for (name, value) in pairs {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
    if global {
        headers.insert("x-ratelimit-global", HeaderValue::from_static("true"));
    }
    response
}
