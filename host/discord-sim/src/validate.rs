//! Checks a message body the way Discord does and answers its form errors (code 50035).

use crate::error::{ApiError, ApiResult};
use serde_json::{Map, Value};
use std::collections::HashSet;

/// Most characters in `content`.
pub const MAX_CONTENT: usize = 2000;
/// Most action rows per message, and most buttons per row.
pub const MAX_ROWS: usize = 5;
/// Longest `custom_id`.
pub const MAX_CUSTOM_ID: usize = 100;

/// The parts of a create/edit message body the simulator keeps. `None` = not in the body.
#[derive(Debug, Clone, Default)]
pub struct MessageBody {
    /// `content` (null counts as empty).
    pub content: Option<String>,
    /// `components`, checked, with component ids filled in.
    pub components: Option<Vec<Value>>,
    /// `embeds` as sent.
    pub embeds: Option<Vec<Value>>,
    /// `flags`.
    pub flags: Option<u64>,
}

impl MessageBody {
    /// Whether the message would show nothing.
    pub fn is_empty(&self) -> bool {
        self.content.as_deref().is_none_or(str::is_empty)
            && self.components.as_ref().is_none_or(Vec::is_empty)
            && self.embeds.as_ref().is_none_or(Vec::is_empty)
    }
}

/// Reads and checks a message body. With `create`, an empty message is refused (50006).
pub fn message_body(body: &Value, create: bool) -> ApiResult<MessageBody> {
    let Some(obj) = body.as_object() else {
        return Err(ApiError::field(
            "_root",
            "DICT_TYPE_CONVERT",
            "Only dictionaries may be used in a DictType",
        ));
    };
    let mut out = MessageBody::default();

    match obj.get("content") {
        None => {}
        Some(Value::Null) => out.content = Some(String::new()),
        Some(Value::String(s)) if s.chars().count() > MAX_CONTENT => {
            return Err(ApiError::field(
                "content",
                "BASE_TYPE_MAX_LENGTH",
                "Must be 2000 or fewer in length.",
            ));
        }
        Some(Value::String(s)) => out.content = Some(s.clone()),
        Some(_) => {
            return Err(ApiError::field(
                "content",
                "BASE_TYPE_STRING",
                "Must be a string.",
            ));
        }
    }

    match obj.get("embeds") {
        None => {}
        Some(Value::Null) => out.embeds = Some(Vec::new()),
        Some(Value::Array(e)) if e.len() > 10 => {
            return Err(ApiError::field(
                "embeds",
                "BASE_TYPE_BAD_LENGTH",
                "Must be between 0 and 10 in length.",
            ));
        }
        Some(Value::Array(e)) => out.embeds = Some(e.clone()),
        Some(_) => {
            return Err(ApiError::field(
                "embeds",
                "BASE_TYPE_LIST",
                "Must be a list.",
            ));
        }
    }

    match obj.get("components") {
        None => {}
        Some(Value::Null) => out.components = Some(Vec::new()),
        Some(Value::Array(rows)) => out.components = Some(components(rows)?),
        Some(_) => {
            return Err(ApiError::field(
                "components",
                "BASE_TYPE_LIST",
                "Must be a list.",
            ));
        }
    }

    out.flags = obj.get("flags").and_then(Value::as_u64);
    if create && out.is_empty() {
        return Err(ApiError::empty_message());
    }
    Ok(out)
}

/// Checks action rows and gives every component a numeric `id`, as Discord does.
pub fn components(rows: &[Value]) -> ApiResult<Vec<Value>> {
    if rows.len() > MAX_ROWS {
        return Err(ApiError::field(
            "components",
            "BASE_TYPE_BAD_LENGTH",
            "Must be between 0 and 5 in length.",
        ));
    }
    let mut seen = HashSet::new();
    let mut next_id = 1;
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let Some(row) = row.as_object() else {
            return Err(ApiError::field(
                &format!("components.{i}"),
                "MODEL_TYPE_CONVERT",
                "Only dictionaries may be used in a ModelType",
            ));
        };
        if row.get("type").and_then(Value::as_u64) != Some(1) {
            return Err(ApiError::field(
                &format!("components.{i}.type"),
                "UNION_TYPE_CHOICES",
                "Value of field \"type\" must be one of (1,).",
            ));
        }
        let children = row
            .get("components")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if children.is_empty() || children.len() > MAX_ROWS {
            return Err(ApiError::field(
                &format!("components.{i}.components"),
                "BASE_TYPE_BAD_LENGTH",
                "Must be between 1 and 5 in length.",
            ));
        }
        let mut row = row.clone();
        assign_id(&mut row, &mut next_id);
        let mut checked = Vec::with_capacity(children.len());
        for (j, child) in children.iter().enumerate() {
            let path = format!("components.{i}.components.{j}");
            let mut child = component(child, &path, children.len(), &mut seen)?;
            assign_id(&mut child, &mut next_id);
            checked.push(Value::Object(child));
        }
        row.insert("components".into(), Value::Array(checked));
        out.push(Value::Object(row));
    }
    Ok(out)
}

fn component(
    value: &Value,
    path: &str,
    row_len: usize,
    seen: &mut HashSet<String>,
) -> ApiResult<Map<String, Value>> {
    let Some(obj) = value.as_object() else {
        return Err(ApiError::field(
            path,
            "MODEL_TYPE_CONVERT",
            "Only dictionaries may be used in a ModelType",
        ));
    };
    let kind = obj.get("type").and_then(Value::as_u64).unwrap_or(0);
    let style = obj.get("style").and_then(Value::as_u64).unwrap_or(0);
    let needs_custom_id = match kind {
        2 if matches!(style, 1..=4) => true,
        2 if style == 5 => {
            if obj.get("url").and_then(Value::as_str).is_none() {
                return Err(ApiError::field(
                    &format!("{path}.url"),
                    "BASE_TYPE_REQUIRED",
                    "This field is required",
                ));
            }
            false
        }
        2 if style == 6 => false,
        2 => {
            return Err(ApiError::field(
                &format!("{path}.style"),
                "BASE_TYPE_CHOICES",
                "Value must be one of {1, 2, 3, 4, 5, 6}.",
            ));
        }
        3 | 5..=8 => {
            if row_len > 1 {
                return Err(ApiError::field(
                    path,
                    "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                    "The specified component exceeds the maximum width",
                ));
            }
            true
        }
        _ => {
            return Err(ApiError::field(
                &format!("{path}.type"),
                "BASE_TYPE_CHOICES",
                "Value must be one of {2, 3, 5, 6, 7, 8}.",
            ));
        }
    };
    if kind == 2
        && obj
            .get("label")
            .and_then(Value::as_str)
            .is_some_and(|l| l.chars().count() > 80)
    {
        return Err(ApiError::field(
            &format!("{path}.label"),
            "BASE_TYPE_MAX_LENGTH",
            "Must be 80 or fewer in length.",
        ));
    }
    if needs_custom_id {
        let custom_id_path = format!("{path}.custom_id");
        let Some(custom_id) = obj.get("custom_id").and_then(Value::as_str) else {
            return Err(ApiError::field(
                &custom_id_path,
                "BASE_TYPE_REQUIRED",
                "This field is required",
            ));
        };
        if custom_id.is_empty() || custom_id.chars().count() > MAX_CUSTOM_ID {
            return Err(ApiError::field(
                &custom_id_path,
                "BASE_TYPE_BAD_LENGTH",
                "Must be between 1 and 100 in length.",
            ));
        }
        if !seen.insert(custom_id.to_owned()) {
            return Err(ApiError::field(
                &custom_id_path,
                "COMPONENT_CUSTOM_ID_DUPLICATED",
                "Component custom id cannot be duplicated",
            ));
        }
    }
    Ok(obj.clone())
}

fn assign_id(obj: &mut Map<String, Value>, next_id: &mut u64) {
    match obj.get("id").and_then(Value::as_u64) {
        Some(id) => *next_id = (*next_id).max(id + 1),
        None => {
            obj.insert("id".into(), Value::from(*next_id));
            *next_id += 1;
        }
    }
}

/// The buttons and selects of stored action rows, each with its `custom_id`.
pub fn interactive_components(rows: &[Value]) -> impl Iterator<Item = &Value> {
    rows.iter()
        .filter_map(|row| row.get("components").and_then(Value::as_array))
        .flatten()
        .filter(|c| c.get("custom_id").is_some())
}
