//! Gateway sessions: sequence numbers, the backlog kept for RESUME, and the sockets.

use serde::Serialize;
use serde_json::{Value, json};
use std::collections::VecDeque;
use tokio::sync::mpsc::UnboundedSender;

/// Intent bits that decide which sessions get an event (0: every session).
pub mod intent {
    /// Sent regardless of intents (READY, INTERACTION_CREATE).
    pub const NONE: u64 = 0;
    /// GUILDS.
    pub const GUILDS: u64 = 1;
    /// GUILD_MEMBERS (privileged).
    pub const GUILD_MEMBERS: u64 = 1 << 1;
    /// GUILD_MESSAGES.
    pub const GUILD_MESSAGES: u64 = 1 << 9;
    /// DIRECT_MESSAGES.
    pub const DIRECT_MESSAGES: u64 = 1 << 12;
}

/// Events kept per session for RESUME.
const BACKLOG: usize = 1000;

/// What the socket task of a session should do next.
#[derive(Debug, Clone)]
pub enum Outgoing {
    /// Send this text frame.
    Text(String),
    /// Close with this code and reason.
    Close(u16, String),
}

#[derive(Debug)]
struct Session {
    id: String,
    seq: u64,
    intents: u64,
    backlog: VecDeque<(u64, String)>,
    socket: Option<UnboundedSender<Outgoing>>,
}

/// A session as the control API shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SessionView {
    /// Session id.
    pub session_id: String,
    /// Last sequence number sent.
    pub seq: u64,
    /// Intents from IDENTIFY.
    pub intents: u64,
    /// Whether a socket is attached.
    pub connected: bool,
}

/// All gateway sessions of the bot.
#[derive(Debug, Default)]
pub struct GatewayHub {
    sessions: Vec<Session>,
}

impl GatewayHub {
    /// Starts a session after IDENTIFY; sessions without a socket are dropped (the bot
    /// identified anew instead of resuming them).
    pub fn identify(&mut self, id: String, intents: u64, socket: UnboundedSender<Outgoing>) {
        self.sessions
            .retain(|s| s.socket.as_ref().is_some_and(|t| !t.is_closed()));
        self.sessions.push(Session {
            id,
            seq: 0,
            intents,
            backlog: VecDeque::new(),
            socket: Some(socket),
        });
    }

    /// Sends a dispatch to one session.
    pub fn send_to(&mut self, session_id: &str, event: &str, d: &Value) {
        if let Some(s) = self.sessions.iter_mut().find(|s| s.id == session_id) {
            push(s, event, d);
        }
    }

    /// Sends a dispatch to every session whose intents include `bits` (all for 0).
    pub fn dispatch(&mut self, event: &str, d: &Value, bits: u64) {
        for s in self
            .sessions
            .iter_mut()
            .filter(|s| bits == 0 || s.intents & bits != 0)
        {
            push(s, event, d);
        }
    }

    /// Re-attaches a socket to a session on RESUME; the events after `seq` to replay, or
    /// `None` when the session is unknown (answer: invalid session).
    pub fn resume(
        &mut self,
        session_id: &str,
        seq: u64,
        socket: UnboundedSender<Outgoing>,
    ) -> Option<Vec<String>> {
        let s = self.sessions.iter_mut().find(|s| s.id == session_id)?;
        if s.backlog.front().is_some_and(|(first, _)| *first > seq + 1) {
            return None;
        }
        s.socket = Some(socket);
        Some(
            s.backlog
                .iter()
                .filter(|(n, _)| *n > seq)
                .map(|(_, text)| text.clone())
                .collect(),
        )
    }

    /// Forgets the socket of a session (it may RESUME later).
    pub fn detach(&mut self, session_id: &str) {
        if let Some(s) = self.sessions.iter_mut().find(|s| s.id == session_id) {
            s.socket = None;
        }
    }

    /// Closes every socket with `code`; with `invalidate`, sessions are forgotten so a RESUME
    /// gets op 9. Returns how many sockets were closed.
    pub fn disconnect_all(&mut self, code: u16, invalidate: bool) -> usize {
        let mut closed = 0;
        for s in &mut self.sessions {
            if let Some(socket) = s.socket.take() {
                if socket
                    .send(Outgoing::Close(code, "Disconnected by discord-sim".into()))
                    .is_ok()
                {
                    closed += 1;
                }
            }
        }
        if invalidate {
            self.sessions.clear();
        }
        closed
    }

    /// Sessions for the control API.
    pub fn views(&self) -> Vec<SessionView> {
        self.sessions
            .iter()
            .map(|s| SessionView {
                session_id: s.id.clone(),
                seq: s.seq,
                intents: s.intents,
                connected: s.socket.as_ref().is_some_and(|t| !t.is_closed()),
            })
            .collect()
    }
}

fn push(s: &mut Session, event: &str, d: &Value) {
    s.seq += 1;
    let text = json!({ "op": 0, "s": s.seq, "t": event, "d": d }).to_string();
    if s.backlog.len() == BACKLOG {
        s.backlog.pop_front();
    }
    s.backlog.push_back((s.seq, text.clone()));
    if let Some(socket) = &s.socket {
        if socket.send(Outgoing::Text(text)).is_err() {
            s.socket = None;
        }
    }
}
