//! HTML of the web view. Every text from the world goes through `esc`/`attr`.

use super::ViewQuery;
use crate::sim::SimState;
use crate::state::World;
use crate::state::model::{Channel, kind};
use html_escape::{encode_double_quoted_attribute, encode_text};
use serde_json::Value;
use std::fmt::Write;

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0 auto;max-width:760px;\
padding:.5rem;background:#313338;color:#dbdee1}a{color:#00a8fc}h1{font-size:1.3rem}\
h2{font-size:1.1rem}.msg{background:#2b2d31;border-radius:6px;margin:.5rem 0;padding:.5rem}\
.meta{color:#949ba4;font-size:.8rem}.eph{border-left:3px solid #5865f2}\
.row{display:flex;flex-wrap:wrap;gap:.3rem;\
margin-top:.3rem}button{border:0;border-radius:4px;color:#fff;padding:.45rem .8rem;font-size:1rem}\
.s1{background:#5865f2}.s2{background:#4e5058}.s3{background:#248046}.s4{background:#da373c}\
button:disabled{opacity:.5}.err{background:#da373c;color:#fff;padding:.5rem;border-radius:4px}\
textarea,input,select{font-size:1rem;width:100%;box-sizing:border-box;margin:.2rem 0}\
li{margin:.25rem 0}pre{white-space:pre-wrap;margin:.2rem 0}";

fn esc(s: &str) -> String {
    encode_text(s).into_owned()
}

fn attr(s: &str) -> String {
    encode_double_quoted_attribute(s).into_owned()
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{} · discord-sim</title><style>{STYLE}</style></head><body>{body}</body></html>",
        esc(title)
    )
}

fn acting_user(world: &World, q: &ViewQuery) -> u64 {
    q.acting
        .filter(|u| world.users.contains_key(u))
        .or_else(|| world.users.values().find(|u| !u.bot).map(|u| u.id))
        .unwrap_or_default()
}

fn user_picker(world: &World, acting: u64, action: &str) -> String {
    let mut options = String::new();
    for u in world.users.values().filter(|u| !u.bot) {
        let selected = if u.id == acting { " selected" } else { "" };
        let _ = write!(
            options,
            "<option value=\"{}\"{selected}>{}</option>",
            u.id,
            esc(&u.username)
        );
    }
    format!(
        "<form method=\"get\" action=\"{}\"><label>Acting as <select name=\"as\" \
         onchange=\"this.form.submit()\">{options}</select></label><noscript>\
         <button class=\"s2\">Switch</button></noscript></form>",
        attr(action)
    )
}

fn error_box(q: &ViewQuery) -> String {
    q.err
        .as_deref()
        .map(|e| format!("<p class=\"err\">{}</p>", esc(e)))
        .unwrap_or_default()
}

fn channel_link(c: &Channel, acting: u64) -> String {
    let icon = match c.kind {
        kind::PRIVATE_THREAD => "<small>private thread</small> ",
        kind::PUBLIC_THREAD => "<small>thread</small> ",
        kind::DM => "",
        _ => "# ",
    };
    let name = if c.kind == kind::DM {
        format!("DM {}", c.id)
    } else {
        c.name.clone()
    };
    format!(
        "<a href=\"/_sim/view/channel/{}?as={acting}\">{icon}{}</a>",
        c.id,
        esc(&name)
    )
}

/// `<@id>` mentions of known users shown as `@username`, as the Discord client shows them.
fn readable_mentions(world: &World, content: &str) -> String {
    let mut out = content.to_owned();
    for u in world.users.values() {
        if out.contains(&format!("{}>", u.id)) {
            let name = format!("@{}", u.username);
            out = out
                .replace(&format!("<@{}>", u.id), &name)
                .replace(&format!("<@!{}>", u.id), &name);
        }
    }
    out
}

/// The index: guilds with their channels and threads, and DMs.
pub fn index(sim: &SimState, q: &ViewQuery) -> String {
    let world = sim.world();
    let acting = acting_user(&world, q);
    let mut body = format!(
        "<h1>discord-sim</h1>{}{}",
        error_box(q),
        user_picker(&world, acting, "/_sim/")
    );
    for g in world.guilds.values() {
        let _ = write!(body, "<h2>{}</h2><ul>", esc(&g.name));
        let top = world
            .channels
            .values()
            .filter(|c| c.guild_id == Some(g.id) && !c.is_thread());
        for c in top {
            let _ = write!(body, "<li>{}", channel_link(c, acting));
            let threads: Vec<&Channel> = world
                .channels
                .values()
                .filter(|t| t.is_thread() && t.parent_id == Some(c.id))
                .collect();
            if !threads.is_empty() {
                body.push_str("<ul>");
                for t in threads {
                    let members = t.thread.as_ref().map_or(0, |i| i.members.len());
                    let _ = write!(
                        body,
                        "<li>{} <span class=\"meta\">{members} members</span></li>",
                        channel_link(t, acting)
                    );
                }
                body.push_str("</ul>");
            }
            body.push_str("</li>");
        }
        body.push_str("</ul>");
    }
    let dms: Vec<&Channel> = world
        .channels
        .values()
        .filter(|c| c.kind == kind::DM)
        .collect();
    if !dms.is_empty() {
        body.push_str("<h2>Direct messages</h2><ul>");
        for c in dms {
            let _ = write!(body, "<li>{}</li>", channel_link(c, acting));
        }
        body.push_str("</ul>");
    }
    if world.guilds.is_empty() {
        body.push_str(
            "<p>No guilds yet. <code>POST /_sim/seed</code> creates the example world.</p>",
        );
    }
    page("discord-sim", &body)
}

fn components_html(message_id: u64, channel_id: u64, acting: u64, rows: &[Value]) -> String {
    let mut out = String::new();
    for row in rows {
        out.push_str("<div class=\"row\">");
        for c in row["components"].as_array().into_iter().flatten() {
            let label = c["label"]
                .as_str()
                .or(c["placeholder"].as_str())
                .unwrap_or("(select)");
            let style = c["style"].as_u64().unwrap_or(2).clamp(1, 4);
            let disabled = if c["disabled"].as_bool() == Some(true) {
                " disabled"
            } else {
                ""
            };
            if let Some(url) = c["url"].as_str() {
                let _ = write!(
                    out,
                    "<a href=\"{}\" rel=\"noopener\">{} ↗</a>",
                    attr(url),
                    esc(label)
                );
                continue;
            }
            let Some(custom_id) = c["custom_id"].as_str() else {
                continue;
            };
            let mut select = String::new();
            if c["type"].as_u64() == Some(3) {
                select.push_str("<select name=\"value\">");
                for o in c["options"].as_array().into_iter().flatten() {
                    let value = o["value"].as_str().unwrap_or_default();
                    let text = o["label"].as_str().unwrap_or(value);
                    let _ = write!(
                        select,
                        "<option value=\"{}\">{}</option>",
                        attr(value),
                        esc(text)
                    );
                }
                select.push_str("</select>");
            }
            let _ = write!(
                out,
                "<form method=\"post\" action=\"/_sim/view/click\">{select}\
                 <input type=\"hidden\" name=\"message_id\" value=\"{message_id}\">\
                 <input type=\"hidden\" name=\"channel_id\" value=\"{channel_id}\">\
                 <input type=\"hidden\" name=\"user_id\" value=\"{acting}\">\
                 <input type=\"hidden\" name=\"custom_id\" value=\"{}\">\
                 <button class=\"s{style}\" title=\"{}\"{disabled}>{}</button></form>",
                attr(custom_id),
                attr(custom_id),
                esc(label)
            );
        }
        out.push_str("</div>");
    }
    out
}

/// A channel or thread: its messages (as the acting user sees them), buttons, a slash command
/// form, a message form, and the interactions that happened in it.
pub fn channel(sim: &SimState, id: u64, q: &ViewQuery) -> String {
    let world = sim.world();
    let acting = acting_user(&world, q);
    let Some(channel) = world.channels.get(&id) else {
        return page(
            "Unknown channel",
            "<p>Unknown channel. <a href=\"/_sim/\">Back</a></p>",
        );
    };
    let here = format!("/_sim/view/channel/{id}");
    let mut body = format!(
        "<p><a href=\"/_sim/?as={acting}\">← all channels</a> · \
         <a href=\"{here}?as={acting}\">refresh</a></p>\
         <h1>{}</h1>{}{}",
        channel_link(channel, acting),
        error_box(q),
        user_picker(&world, acting, &here)
    );
    if !world.can_view(channel, acting) {
        body.push_str("<p class=\"err\">This user cannot see this channel.</p>");
    }
    if let Some(t) = &channel.thread {
        let names: Vec<String> = t
            .members
            .keys()
            .filter_map(|u| world.users.get(u))
            .map(|u| esc(&u.username))
            .collect();
        let _ = write!(body, "<p class=\"meta\">Members: {}</p>", names.join(", "));
    }
    for m in world.messages.values().filter(|m| m.channel_id == id) {
        if m.visible_to.is_some_and(|u| u != acting) {
            continue;
        }
        let author = world
            .users
            .get(&m.author_id)
            .map_or("?", |u| u.username.as_str());
        let class = if m.visible_to.is_some() {
            "msg eph"
        } else {
            "msg"
        };
        let note = match (m.flags & 128 != 0, m.visible_to.is_some()) {
            (true, _) => " · is thinking…",
            (false, true) => " · only you can see this",
            _ => "",
        };
        let edited = if m.edited_timestamp.is_some() {
            " (edited)"
        } else {
            ""
        };
        let _ = write!(
            body,
            "<div class=\"{class}\"><div class=\"meta\">{}{note}{edited} · {}</div><pre>{}</pre>",
            esc(author),
            m.timestamp.format("%H:%M:%S"),
            esc(&readable_mentions(&world, &m.content))
        );
        for e in &m.embeds {
            let title = e["title"].as_str().unwrap_or_default();
            let text = e["description"].as_str().unwrap_or_default();
            let _ = write!(
                body,
                "<div class=\"msg\"><b>{}</b><pre>{}</pre></div>",
                esc(title),
                esc(text)
            );
        }
        body.push_str(&components_html(m.id, id, acting, &m.components));
        body.push_str("</div>");
    }
    let commands: String = world
        .commands
        .iter()
        .filter(|c| c.kind() == 1 && (c.guild_id.is_none() || c.guild_id == channel.guild_id))
        .map(|c| {
            format!(
                "<option value=\"{}\">/{}</option>",
                attr(c.name()),
                esc(c.name())
            )
        })
        .collect();
    let _ = write!(
        body,
        "<h2>Run a slash command</h2><form method=\"post\" action=\"/_sim/view/command\">\
         <input type=\"hidden\" name=\"channel_id\" value=\"{id}\">\
         <input type=\"hidden\" name=\"user_id\" value=\"{acting}\">\
         <select name=\"name\">{commands}</select>\
         <textarea name=\"options\" rows=\"3\" \
         placeholder=\"one option per line: time=1:23:45\"></textarea>\
         <button class=\"s1\">Send</button></form>\
         <h2>Say something</h2><form method=\"post\" action=\"/_sim/view/say\">\
         <input type=\"hidden\" name=\"channel_id\" value=\"{id}\">\
         <input type=\"hidden\" name=\"user_id\" value=\"{acting}\">\
         <input name=\"content\" placeholder=\"Message\"><button class=\"s2\">Post</button></form>"
    );
    let mut list = String::new();
    for rec in world
        .interactions
        .values()
        .rev()
        .filter(|r| r.channel_id == id)
        .take(20)
    {
        let what = rec
            .custom_id
            .clone()
            .or_else(|| rec.command.clone().map(|c| format!("/{c}")))
            .unwrap_or_default();
        let user = world
            .users
            .get(&rec.user_id)
            .map_or("?", |u| u.username.as_str());
        let status = match (rec.failed, rec.response_type, rec.ack_ms) {
            (true, _, _) => "This interaction failed".to_owned(),
            (false, Some(t), Some(ms)) => format!("answered type {t} in {ms} ms"),
            _ => "waiting for the bot…".to_owned(),
        };
        let _ = write!(
            list,
            "<li>{} by {} — {}</li>",
            esc(&what),
            esc(user),
            esc(&status)
        );
    }
    if !list.is_empty() {
        let _ = write!(body, "<h2>Interactions</h2><ul>{list}</ul>");
    }
    page(&channel.name, &body)
}
