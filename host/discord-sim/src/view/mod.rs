//! A plain web view of the simulated Discord at `/_sim/`: guilds, channels and threads, their
//! messages with clickable buttons, and a form to run slash commands, acting as a chosen
//! simulated user. Plain HTML forms; every shown text is escaped.

mod pages;

use crate::sim::SimState;
use crate::types::{ClickRequest, CommandRequest, OptionInput, UserPost};
use axum::extract::{Query, State};
use axum::response::{Html, Redirect};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use std::collections::HashMap;

/// The view routes (mounted under `/_sim`).
pub fn router() -> Router<SimState> {
    Router::new()
        .route("/", get(index))
        .route("/view/channel/{channel}", get(channel))
        .route("/view/click", post(click))
        .route("/view/command", post(command))
        .route("/view/say", post(say))
}

/// Query shared by the pages: who acts, and an error to show.
#[derive(Debug, Default, Deserialize)]
pub struct ViewQuery {
    #[serde(rename = "as")]
    acting: Option<u64>,
    err: Option<String>,
}

pub(crate) async fn index(State(sim): State<SimState>, Query(q): Query<ViewQuery>) -> Html<String> {
    Html(pages::index(&sim, &q))
}

async fn channel(
    State(sim): State<SimState>,
    crate::rest::P(id): crate::rest::P<u64>,
    Query(q): Query<ViewQuery>,
) -> Html<String> {
    Html(pages::channel(&sim, id, &q))
}

fn back(channel: &str, user: &str, result: Result<(), String>) -> Redirect {
    let mut url = format!("/_sim/view/channel/{}?as={}", enc(channel), enc(user));
    if let Err(e) = result {
        url.push_str("&err=");
        url.push_str(&enc(&e));
    }
    Redirect::to(&url)
}

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn id(form: &HashMap<String, String>, key: &str) -> Result<u64, String> {
    form.get(key)
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| format!("missing {key}"))
}

fn field(form: &HashMap<String, String>, key: &str) -> String {
    form.get(key).cloned().unwrap_or_default()
}

async fn click(State(sim): State<SimState>, Form(form): Form<HashMap<String, String>>) -> Redirect {
    let result = (|| {
        let req = ClickRequest {
            message_id: id(&form, "message_id")?,
            channel_id: None,
            custom_id: field(&form, "custom_id"),
            user_id: id(&form, "user_id")?,
            values: form
                .get("value")
                .map(|v| vec![v.clone()])
                .unwrap_or_default(),
        };
        sim.click(&req).map(|_| ()).map_err(|e| e.message)
    })();
    back(
        &field(&form, "channel_id"),
        &field(&form, "user_id"),
        result,
    )
}

/// Options typed one per line as `name=value` (or `sub name=value` for subcommands).
fn parse_options(text: &str) -> Vec<OptionInput> {
    let mut out: Vec<OptionInput> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let Some((left, value)) = line.split_once('=') else {
            out.push(OptionInput {
                name: line.to_owned(),
                value: None,
                options: vec![],
            });
            continue;
        };
        let option = |name: &str| OptionInput {
            name: name.trim().to_owned(),
            value: Some(serde_json::Value::String(value.trim().to_owned())),
            options: vec![],
        };
        match left.trim().split_once(' ') {
            Some((sub, name)) => match out.iter_mut().find(|o| o.name == sub) {
                Some(parent) => parent.options.push(option(name)),
                None => out.push(OptionInput {
                    name: sub.to_owned(),
                    value: None,
                    options: vec![option(name)],
                }),
            },
            None => out.push(option(left)),
        }
    }
    out
}

async fn command(
    State(sim): State<SimState>,
    Form(form): Form<HashMap<String, String>>,
) -> Redirect {
    let result = (|| {
        let req = CommandRequest {
            guild_id: None,
            channel_id: id(&form, "channel_id")?,
            user_id: id(&form, "user_id")?,
            name: field(&form, "name")
                .trim()
                .trim_start_matches('/')
                .to_owned(),
            options: parse_options(&field(&form, "options")),
            focused: None,
        };
        sim.run_command(&req).map(|_| ()).map_err(|e| e.message)
    })();
    back(
        &field(&form, "channel_id"),
        &field(&form, "user_id"),
        result,
    )
}

async fn say(State(sim): State<SimState>, Form(form): Form<HashMap<String, String>>) -> Redirect {
    let result = (|| {
        let channel = id(&form, "channel_id")?;
        let post = UserPost {
            user_id: id(&form, "user_id")?,
            content: field(&form, "content"),
        };
        let mut world = sim.world();
        let visible = world
            .channels
            .get(&channel)
            .is_some_and(|c| world.can_view(c, post.user_id));
        if !visible {
            return Err("that user cannot see this channel".to_owned());
        }
        let body = serde_json::json!({ "content": post.content });
        let body = crate::validate::message_body(&body, true).map_err(|e| e.message)?;
        let meta = crate::state::PostMeta::default();
        world
            .post_message(channel, post.user_id, body, meta)
            .map(|_| ())
            .map_err(|e| e.message)
    })();
    back(
        &field(&form, "channel_id"),
        &field(&form, "user_id"),
        result,
    )
}

#[cfg(test)]
mod tests {
    use super::parse_options;

    #[test]
    fn options_lines_become_options_and_subcommands() {
        let parsed = parse_options("time=1:23:45\n\nset team=7\nset time=0:59:00");
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[0].name, "time");
        assert_eq!(parsed[1].name, "set");
        assert_eq!(parsed[1].options.len(), 2);
    }
}
