//! Seed providers: the code that knows one seed type.
//!
//! A provider is a `&'static dyn SeedProvider` registered at compile time with
//! [`inventory::submit!`]`(ProviderRegistration(&MyProvider))`. The host resolves the
//! provider of an `asyncs` row with [`resolve`]: the row's explicit `seed_provider` id when
//! set, else the first provider (by [`SeedProvider::priority`]) that claims the row's seed
//! columns. The provider turns the row into one [`SeedView`], which renders both to HTML
//! for the web and to markdown for Discord, so the two always show the same seed.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use url::Url;
use uuid::Uuid;

use crate::domain::{HashIcon, OcarinaButton, parse_password};

/// The seed columns of one `asyncs` row.
#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct SeedRow {
    /// An explicit provider id; when `None` the provider is chosen by which columns are set.
    pub seed_provider: Option<String>,
    pub web_id: Option<i64>,
    pub web_gen_time: Option<NaiveDateTime>,
    pub file_stem: Option<String>,
    pub hash1: Option<HashIcon>,
    pub hash2: Option<HashIcon>,
    pub hash3: Option<HashIcon>,
    pub hash4: Option<HashIcon>,
    pub hash5: Option<HashIcon>,
    pub tfb_uuid: Option<Uuid>,
    pub xkeys_uuid: Option<Uuid>,
    pub seed_password: Option<String>,
    pub is_tfb_dev: Option<bool>,
}

impl SeedRow {
    /// The five hash icons, when all five are set.
    pub fn hash(&self) -> Option<[HashIcon; 5]> {
        Some([
            self.hash1?,
            self.hash2?,
            self.hash3?,
            self.hash4?,
            self.hash5?,
        ])
    }

    /// The password as ocarina buttons, when one is set and well-formed.
    pub fn password(&self) -> Option<Vec<OcarinaButton>> {
        parse_password(self.seed_password.as_deref()?)
    }
}

/// Where a provider may find things that are not in the row itself.
#[derive(Debug, Clone)]
pub struct SeedContext {
    /// The address this host is reached at, for links to files it serves.
    pub public_url: Url,
    /// Where seed files (`.zpf`, `.zpfz`, `.bps`) are kept.
    pub seed_dir: PathBuf,
}

impl SeedContext {
    /// A link to a file served by this host under `/seed/`.
    pub fn seed_file_url(&self, file_name: &str) -> Url {
        let mut url = self.public_url.clone();
        url.path_segments_mut()
            .map(|mut segments| {
                segments.pop_if_empty().push("seed").push(file_name);
            })
            .ok();
        url
    }

    /// The path of a seed file in the seed directory, if it exists there. Names that could
    /// lead out of the directory are never looked up.
    pub fn existing_seed_file(&self, file_name: &str) -> Option<PathBuf> {
        if !is_plain_file_name(file_name) {
            return None;
        }
        let path = self.seed_dir.join(file_name);
        path.is_file().then_some(path)
    }
}

/// Why a row has no usable seed; shown to runners and staff as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct NoSeed(pub String);

/// One link a runner follows to get the seed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedLink {
    pub label: String,
    pub url: Url,
}

/// Everything a runner needs to start a seed, whatever its type.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SeedView {
    pub links: Vec<SeedLink>,
    pub hash: Option<[HashIcon; 5]>,
    pub password: Option<Vec<OcarinaButton>>,
}

impl SeedView {
    /// The view as an HTML fragment; every text is escaped.
    pub fn to_html(&self) -> String {
        let mut html = String::from("<div class=\"seed\">");
        if !self.links.is_empty() {
            html.push_str("<ul class=\"seed-links\">");
            for link in &self.links {
                html.push_str(&format!(
                    "<li><a href=\"{}\" rel=\"noopener\">{}</a></li>",
                    escape_html(link.url.as_str()),
                    escape_html(&link.label),
                ));
            }
            html.push_str("</ul>");
        }
        if let Some(hash) = self.hash {
            html.push_str("<p class=\"seed-hash\">Hash: ");
            for icon in hash {
                html.push_str(&format!(
                    "<span class=\"hash-icon\">{}</span> ",
                    escape_html(icon.name())
                ));
            }
            html.push_str("</p>");
        }
        if let Some(password) = &self.password {
            html.push_str("<p class=\"seed-password\">Password: ");
            for button in password {
                html.push_str(&format!("<kbd>{}</kbd> ", escape_html(button.label())));
            }
            html.push_str("</p>");
        }
        html.push_str("</div>");
        html
    }

    /// The view as Discord message markdown.
    pub fn to_discord_markdown(&self) -> String {
        let mut lines = Vec::new();
        for link in &self.links {
            lines.push(format!("{}: <{}>", escape_markdown(&link.label), link.url));
        }
        if let Some(hash) = self.hash {
            let names: Vec<_> = hash.iter().map(|icon| icon.name()).collect();
            lines.push(format!("Hash: {}", names.join(", ")));
        }
        if let Some(password) = &self.password {
            let buttons: Vec<_> = password.iter().map(|button| button.label()).collect();
            lines.push(format!("Password: {}", buttons.join(" ")));
        }
        lines.join("\n")
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// Escapes Discord markdown so that user text shows as typed.
pub fn escape_markdown(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*'
                | '_'
                | '~'
                | '`'
                | '|'
                | '>'
                | '#'
                | '-'
                | '['
                | ']'
                | '('
                | ')'
                | '<'
                | '@'
                | ':'
        ) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// The code that knows one seed type.
pub trait SeedProvider: Send + Sync + 'static {
    /// A stable id, as stored in `asyncs.seed_provider` (e.g. `ootr-web`).
    fn id(&self) -> &'static str;

    /// What staff see in lists (e.g. "OoTR web seed").
    fn display_name(&self) -> &'static str;

    /// Whether this provider is the one for a row that names no provider, judged by which
    /// seed columns are set.
    fn claims(&self, row: &SeedRow) -> bool;

    /// When several providers claim a row, the lowest priority wins.
    fn priority(&self) -> u32 {
        100
    }

    /// The seed as runners see it, or why there is none yet.
    fn view(&self, row: &SeedRow, context: &SeedContext) -> Result<SeedView, NoSeed>;
}

/// How a provider crate registers itself: `inventory::submit!(ProviderRegistration(&P));`.
pub struct ProviderRegistration(pub &'static dyn SeedProvider);

inventory::collect!(ProviderRegistration);

/// Every linked provider, ordered by priority then id.
pub fn providers() -> Vec<&'static dyn SeedProvider> {
    let mut all: Vec<_> = inventory::iter::<ProviderRegistration>
        .into_iter()
        .map(|registration| registration.0)
        .collect();
    all.sort_by_key(|provider| (provider.priority(), provider.id()));
    all
}

/// The provider with this id.
pub fn provider(id: &str) -> Option<&'static dyn SeedProvider> {
    providers().into_iter().find(|provider| provider.id() == id)
}

/// The provider responsible for a row: its explicit id, else the first that claims it.
pub fn resolve(row: &SeedRow) -> Option<&'static dyn SeedProvider> {
    match &row.seed_provider {
        Some(id) => provider(id),
        None => providers()
            .into_iter()
            .find(|provider| provider.claims(row)),
    }
}

/// The seed of a row as runners see it, or why there is none yet.
pub fn view(row: &SeedRow, context: &SeedContext) -> Result<SeedView, NoSeed> {
    match resolve(row) {
        Some(provider) => provider.view(row, context),
        None if row.seed_provider.is_some() => Err(NoSeed(
            "This async names a seed type that this Hourglass does not know.".to_owned(),
        )),
        None => Err(NoSeed(
            "No seed has been set for this async yet.".to_owned(),
        )),
    }
}

/// A file name without directories, parents, hidden files or control characters.
pub fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains("..")
        && !name
            .chars()
            .any(|c| matches!(c, '/' | '\\') || c.is_control())
}

/// Extension of a file in the seed directory, if a file with this stem and one of the
/// extensions exists.
pub fn find_seed_file(seed_dir: &Path, stem: &str, extensions: &[&str]) -> Option<String> {
    extensions
        .iter()
        .map(|extension| format!("{stem}.{extension}"))
        .find(|name| is_plain_file_name(name) && seed_dir.join(name).is_file())
}
