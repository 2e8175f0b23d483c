//! Application commands: the bot registers them; simulated users run them.

use super::World;
use super::interactions::InteractionRecord;
use super::model::Command;
use crate::error::{ApiError, ApiResult};
use crate::types::{CommandRequest, Dispatched, InteractionKind, OptionInput};
use axum::http::StatusCode;
use serde_json::{Map, Value, json};

fn bad(msg: String) -> ApiError {
    ApiError::control(StatusCode::BAD_REQUEST, msg)
}

impl World {
    /// Bulk overwrite of global (`guild_id` None) or guild commands. A command keeps its id
    /// when a command of the same name and type was registered before, as on Discord.
    pub fn overwrite_commands(
        &mut self,
        guild_id: Option<u64>,
        body: &Value,
    ) -> ApiResult<Vec<Value>> {
        let Some(list) = body.as_array() else {
            return Err(ApiError::field(
                "_root",
                "BASE_TYPE_LIST",
                "Must be a list.",
            ));
        };
        for (i, cmd) in list.iter().enumerate() {
            let name = cmd["name"].as_str().unwrap_or_default();
            if name.is_empty() || name.chars().count() > 32 {
                return Err(ApiError::field(
                    &format!("{i}.name"),
                    "BASE_TYPE_BAD_LENGTH",
                    "Must be between 1 and 32 in length.",
                ));
            }
            let kind = cmd["type"].as_u64().unwrap_or(1);
            let description = cmd["description"].as_str().unwrap_or_default();
            if kind == 1 && (description.is_empty() || description.chars().count() > 100) {
                return Err(ApiError::field(
                    &format!("{i}.description"),
                    "BASE_TYPE_BAD_LENGTH",
                    "Must be between 1 and 100 in length.",
                ));
            }
        }
        let old: Vec<Command> = self
            .commands
            .iter()
            .filter(|c| c.guild_id == guild_id)
            .cloned()
            .collect();
        self.commands.retain(|c| c.guild_id != guild_id);
        let mut out = Vec::with_capacity(list.len());
        for body in list {
            let name = body["name"].as_str().unwrap_or_default();
            let kind = body["type"].as_u64().unwrap_or(1);
            let id = match old.iter().find(|c| c.name() == name && c.kind() == kind) {
                Some(c) => c.id,
                None => self.ids.next(),
            };
            let command = Command {
                id,
                guild_id,
                version: self.ids.next(),
                body: body.clone(),
            };
            out.push(self.command_json(&command));
            self.commands.push(command);
        }
        Ok(out)
    }

    /// A user runs a slash command (or, with `autocomplete`, types in its `focused` option).
    pub fn run_command(
        &mut self,
        req: &CommandRequest,
        autocomplete: bool,
    ) -> ApiResult<Dispatched> {
        let channel = self.channel_for_user(req.channel_id, req.user_id)?;
        if req.guild_id.is_some() && req.guild_id != channel.guild_id {
            return Err(bad(format!(
                "channel {} is not in guild {:?}",
                channel.id, req.guild_id
            )));
        }
        let command = self
            .find_command(channel.guild_id, &req.name)
            .cloned()
            .ok_or_else(|| {
                bad(format!(
                    "no command `{}` is registered for this guild or globally",
                    req.name
                ))
            })?;
        let focused = match (autocomplete, &req.focused) {
            (true, Some(f)) => Some(f.as_str()),
            (true, None) => {
                return Err(bad(
                    "autocomplete needs `focused`: the option being typed".into()
                ));
            }
            (false, _) => None,
        };
        let defs = command.body["options"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let mut resolved = Map::new();
        let options = self.build_options(&defs, &req.options, focused, &mut resolved)?;

        let (kind, type_num) = if autocomplete {
            (InteractionKind::Autocomplete, 4)
        } else {
            (InteractionKind::Command, 2)
        };
        let mut rec: InteractionRecord = self.new_record_for(kind, req.user_id, &channel);
        rec.command = Some(req.name.clone());
        let mut data = json!({
            "id": command.id.to_string(),
            "name": command.name(),
            "type": command.kind(),
            "options": options,
        });
        if let Some(g) = command.guild_id {
            data["guild_id"] = json!(g.to_string());
        }
        if !resolved.is_empty() {
            data["resolved"] = Value::Object(resolved);
        }
        let d = self.interaction_payload(&rec, type_num, &data)?;
        Ok(self.dispatch_interaction(rec, &d))
    }

    fn build_options(
        &self,
        defs: &[Value],
        given: &[OptionInput],
        focused: Option<&str>,
        resolved: &mut Map<String, Value>,
    ) -> ApiResult<Vec<Value>> {
        let mut out = Vec::with_capacity(given.len());
        for input in given {
            let def = defs
                .iter()
                .find(|d| d["name"].as_str() == Some(input.name.as_str()))
                .ok_or_else(|| bad(format!("the command has no option `{}`", input.name)))?;
            let option_type = def["type"].as_u64().unwrap_or(3);
            if matches!(option_type, 1 | 2) {
                let sub_defs = def["options"].as_array().cloned().unwrap_or_default();
                let inner = self.build_options(&sub_defs, &input.options, focused, resolved)?;
                out.push(json!({ "name": input.name, "type": option_type, "options": inner }));
                continue;
            }
            let raw = input
                .value
                .clone()
                .ok_or_else(|| bad(format!("option `{}` needs a value", input.name)))?;
            if focused == Some(input.name.as_str()) {
                let text = match raw {
                    Value::String(s) => s,
                    other => other.to_string(),
                };
                let name = &input.name;
                out.push(
                    json!({ "name": name, "type": option_type, "value": text, "focused": true }),
                );
                continue;
            }
            let value = self
                .option_value(option_type, &raw, resolved)
                .ok_or_else(|| {
                    bad(format!(
                        "option `{}` of type {option_type} cannot take {raw}",
                        input.name
                    ))
                })?;
            out.push(json!({ "name": input.name, "type": option_type, "value": value }));
        }
        if focused.is_none() {
            let missing = defs.iter().find(|d| {
                d["required"].as_bool() == Some(true)
                    && !given
                        .iter()
                        .any(|g| d["name"].as_str() == Some(g.name.as_str()))
            });
            if let Some(missing) = missing {
                return Err(bad(format!(
                    "required option `{}` is missing",
                    missing["name"]
                )));
            }
        }
        Ok(out)
    }

    /// Converts a given value to the option's type, filling `resolved` for entity options.
    fn option_value(
        &self,
        option_type: u64,
        raw: &Value,
        resolved: &mut Map<String, Value>,
    ) -> Option<Value> {
        let text = match raw {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        match option_type {
            3 => Some(json!(text)),
            4 => text.trim().parse::<i64>().ok().map(|n| json!(n)),
            10 => text.trim().parse::<f64>().ok().map(|n| json!(n)),
            5 => text.trim().parse::<bool>().ok().map(|b| json!(b)),
            6 | 9 => {
                let id: u64 = text.trim().parse().ok()?;
                let user = self.users.get(&id)?;
                let users = resolved.entry("users").or_insert_with(|| json!({}));
                users[id.to_string()] = super::render::user(user);
                Some(json!(id.to_string()))
            }
            7 => {
                let id: u64 = text.trim().parse().ok()?;
                let channel = self.channels.get(&id)?;
                let channels = resolved.entry("channels").or_insert_with(|| json!({}));
                let mut c = self.channel_json(channel);
                c["permissions"] = json!("0");
                channels[id.to_string()] = c;
                Some(json!(id.to_string()))
            }
            8 => {
                let id: u64 = text.trim().parse().ok()?;
                let role = self
                    .guilds
                    .values()
                    .flat_map(|g| &g.roles)
                    .find(|r| r.id == id)?;
                let roles = resolved.entry("roles").or_insert_with(|| json!({}));
                roles[id.to_string()] = super::render::role(role);
                Some(json!(id.to_string()))
            }
            _ => None,
        }
    }
}
