//! The seed-provider registry as the host sees it: every provider crate the host links is
//! listed once, in priority order; each kind of `asyncs` row resolves to its provider and
//! renders the expected seed view; a provider defined outside the host's own crates (here,
//! in this file) joins the registry by `inventory::submit!` alone.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::PathBuf;

use hourglass_sdk::domain::HashIcon;
use hourglass_sdk::inventory;
use hourglass_sdk::seed::{
    self, NoSeed, ProviderRegistration, SeedContext, SeedLink, SeedProvider, SeedRow, SeedView,
};
use url::Url;
use uuid::Uuid;

// Referencing the provider crates makes sure they are linked into this test binary, so their
// `inventory::submit!` registrations exist here whatever the host library itself uses.
use seed_provider_crosskeys as _;
use seed_provider_file as _;
use seed_provider_ootr_web as _;
use seed_provider_triforce_blitz as _;

const TFB_UUID: &str = "0b6c3a5e-2f1d-4c8b-9a7e-5d4f3c2b1a09";
const XKEYS_UUID: &str = "7d1f2e3c-4b5a-4968-8776-a5b4c3d2e1f0";

/// A provider that exists only in this test, the way a community provider would be written.
struct ExampleGenerator;

impl SeedProvider for ExampleGenerator {
    fn id(&self) -> &'static str {
        "example-generator"
    }

    fn display_name(&self) -> &'static str {
        "Example generator (test only)"
    }

    fn claims(&self, row: &SeedRow) -> bool {
        row.seed_provider.as_deref() == Some("example-generator")
    }

    fn view(&self, _row: &SeedRow, _context: &SeedContext) -> Result<SeedView, NoSeed> {
        let url = Url::parse("https://generator.example/seed?id=7&mode=<race>")
            .map_err(|error| NoSeed(error.to_string()))?;
        Ok(SeedView {
            links: vec![SeedLink {
                label: "<b>\"Example\" & 'friends'</b> [beta]".to_owned(),
                url,
            }],
            hash: None,
            password: None,
        })
    }
}

inventory::submit!(ProviderRegistration(&ExampleGenerator));

/// A scratch seed directory under the system temp dir, removed when dropped.
struct SeedDir(PathBuf);

impl SeedDir {
    fn new(name: &str) -> Self {
        let path = std::env::temp_dir().join(format!(
            "hourglass-seed-providers-test-{}-{name}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).unwrap();
        Self(path)
    }

    fn with_file(self, file_name: &str) -> Self {
        fs::write(self.0.join(file_name), b"patch").unwrap();
        self
    }

    fn context(&self) -> SeedContext {
        SeedContext {
            public_url: Url::parse("https://hourglass.example/").unwrap(),
            seed_dir: self.0.clone(),
        }
    }
}

impl Drop for SeedDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn hash_row() -> SeedRow {
    SeedRow {
        hash1: Some(HashIcon::DekuStick),
        hash2: Some(HashIcon::Bow),
        hash3: Some(HashIcon::SoldOut),
        hash4: Some(HashIcon::MasterSword),
        hash5: Some(HashIcon::Map),
        seed_password: Some("A<>^vA".to_owned()),
        ..SeedRow::default()
    }
}

fn web_row() -> SeedRow {
    SeedRow {
        web_id: Some(1_234_567),
        ..hash_row()
    }
}

fn file_row() -> SeedRow {
    SeedRow {
        file_stem: Some("OoTR_1234_ABCDE".to_owned()),
        ..hash_row()
    }
}

fn tfb_row(is_dev: bool) -> SeedRow {
    SeedRow {
        tfb_uuid: Some(Uuid::parse_str(TFB_UUID).unwrap()),
        is_tfb_dev: Some(is_dev),
        ..hash_row()
    }
}

fn xkeys_row() -> SeedRow {
    SeedRow {
        xkeys_uuid: Some(Uuid::parse_str(XKEYS_UUID).unwrap()),
        ..hash_row()
    }
}

/// The id of the provider a row resolves to.
fn resolved_id(row: &SeedRow) -> Option<&'static str> {
    seed::resolve(row).map(SeedProvider::id)
}

fn urls(view: &SeedView) -> Vec<String> {
    view.links.iter().map(|link| link.url.to_string()).collect()
}

const HASH: [HashIcon; 5] = [
    HashIcon::DekuStick,
    HashIcon::Bow,
    HashIcon::SoldOut,
    HashIcon::MasterSword,
    HashIcon::Map,
];
const HASH_MARKDOWN: &str = "Hash: Deku Stick, Bow, SOLD OUT, Master Sword, Map";
const PASSWORD_MARKDOWN: &str = "Password: A C← C→ C↑ C↓ A";

#[test]
fn registry_lists_the_four_providers_in_priority_order_and_the_test_provider() {
    let listed: Vec<_> = seed::providers()
        .iter()
        .map(|provider| (provider.id(), provider.priority()))
        .collect();
    assert_eq!(
        listed,
        [
            ("ootr-web", 10),
            ("file", 20),
            ("triforce-blitz", 30),
            ("crosskeys", 40),
            // Defined above in this file; the default priority puts it last.
            ("example-generator", 100),
        ]
    );
    for (id, _) in listed {
        assert_eq!(seed::provider(id).map(SeedProvider::id), Some(id));
        assert!(!seed::provider(id).unwrap().display_name().is_empty());
    }
}

#[test]
fn ootr_web_row() {
    let dir = SeedDir::new("web");
    let row = web_row();
    assert_eq!(resolved_id(&row), Some("ootr-web"));
    let view = seed::view(&row, &dir.context()).unwrap();
    assert_eq!(
        urls(&view),
        ["https://ootrandomizer.com/seed/get?id=1234567"]
    );
    assert_eq!(view.hash, Some(HASH));
    let html = view.to_html();
    assert!(
        html.contains(
            "<a href=\"https://ootrandomizer.com/seed/get?id=1234567\" rel=\"noopener\">\
             Seed on ootrandomizer.com</a>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"hash-icon\">SOLD OUT</span>"),
        "{html}"
    );
    assert!(
        html.contains("<kbd>A</kbd> <kbd>C←</kbd> <kbd>C→</kbd> <kbd>C↑</kbd> <kbd>C↓</kbd>"),
        "{html}"
    );
    assert_eq!(
        view.to_discord_markdown(),
        format!(
            "Seed on ootrandomizer.com: <https://ootrandomizer.com/seed/get?id=1234567>\n\
             {HASH_MARKDOWN}\n{PASSWORD_MARKDOWN}"
        )
    );
}

#[test]
fn file_row_links_the_file_on_this_host() {
    let dir = SeedDir::new("file").with_file("OoTR_1234_ABCDE.zpfz");
    let row = file_row();
    assert_eq!(resolved_id(&row), Some("file"));
    let view = seed::view(&row, &dir.context()).unwrap();
    assert_eq!(
        urls(&view),
        ["https://hourglass.example/seed/OoTR_1234_ABCDE.zpfz"]
    );
    assert_eq!(view.hash, Some(HASH));
    assert_eq!(view.password.as_ref().map(Vec::len), Some(6));
    assert_eq!(
        view.to_discord_markdown(),
        format!(
            "Download the patch file \\(OoTR\\_1234\\_ABCDE.zpfz\\): \
             <https://hourglass.example/seed/OoTR_1234_ABCDE.zpfz>\n\
             {HASH_MARKDOWN}\n{PASSWORD_MARKDOWN}"
        )
    );

    let empty = SeedDir::new("file-missing");
    assert_eq!(
        seed::view(&row, &empty.context()),
        Err(NoSeed(
            "The seed file for this async is not on the server yet.".to_owned()
        ))
    );
    let escaping = SeedRow {
        file_stem: Some("../file/OoTR_1234_ABCDE".to_owned()),
        ..SeedRow::default()
    };
    assert!(seed::view(&escaping, &dir.context()).is_err());
}

#[test]
fn triforce_blitz_rows_link_the_live_or_dev_site() {
    let dir = SeedDir::new("tfb");
    let live = tfb_row(false);
    assert_eq!(resolved_id(&live), Some("triforce-blitz"));
    let view = seed::view(&live, &dir.context()).unwrap();
    assert_eq!(
        urls(&view),
        [format!("https://www.triforceblitz.com/seed/{TFB_UUID}")]
    );
    assert_eq!(view.hash, Some(HASH));
    assert!(
        view.to_html()
            .contains("<span class=\"hash-icon\">Master Sword</span>")
    );
    assert!(
        view.to_discord_markdown().starts_with(&format!(
            "Seed on triforceblitz.com: <https://www.triforceblitz.com/seed/{TFB_UUID}>\n\
             {HASH_MARKDOWN}"
        )),
        "{}",
        view.to_discord_markdown()
    );

    let dev = seed::view(&tfb_row(true), &dir.context()).unwrap();
    assert_eq!(
        urls(&dev),
        [format!("https://dev.triforceblitz.com/seeds/{TFB_UUID}")]
    );
}

#[test]
fn crosskeys_row_links_the_web_patcher_and_the_bps() {
    let dir = SeedDir::new("xkeys").with_file(&format!("{XKEYS_UUID}.bps"));
    let row = xkeys_row();
    assert_eq!(resolved_id(&row), Some("crosskeys"));
    let view = seed::view(&row, &dir.context()).unwrap();
    let patch = format!("https://hourglass.example/seed/{XKEYS_UUID}.bps");
    let patcher = format!(
        "https://alttprpatch.synack.live/patcher.html?patch=\
         https%3A%2F%2Fhourglass.example%2Fseed%2F{XKEYS_UUID}.bps"
    );
    assert_eq!(urls(&view), [patcher.clone(), patch.clone()]);
    // OoT hash icons and ocarina passwords mean nothing for an ALttPR seed.
    assert_eq!(view.hash, None);
    assert_eq!(view.password, None);
    // Markdown escapes the label (the hyphens of the uuid too) but not the link.
    let escaped_uuid = XKEYS_UUID.replace('-', "\\-");
    assert_eq!(
        view.to_discord_markdown(),
        format!(
            "Patch your ROM in the browser \\(alttprpatch.synack.live\\): <{patcher}>\n\
             Download the patch \\({escaped_uuid}.bps\\): <{patch}>"
        )
    );

    let empty = SeedDir::new("xkeys-missing");
    assert_eq!(
        seed::view(&row, &empty.context()),
        Err(NoSeed(
            "The patch (.bps) for this async is not on the server yet.".to_owned()
        ))
    );
}

#[test]
fn columns_are_claimed_in_priority_order_unless_a_provider_is_named() {
    let everything = SeedRow {
        web_id: Some(1),
        file_stem: Some("stem".to_owned()),
        tfb_uuid: Some(Uuid::parse_str(TFB_UUID).unwrap()),
        xkeys_uuid: Some(Uuid::parse_str(XKEYS_UUID).unwrap()),
        ..SeedRow::default()
    };
    assert_eq!(resolved_id(&everything), Some("ootr-web"));
    for id in ["file", "triforce-blitz", "crosskeys", "example-generator"] {
        let named = SeedRow {
            seed_provider: Some(id.to_owned()),
            ..everything.clone()
        };
        assert_eq!(resolved_id(&named), Some(id));
    }
    // A named provider whose column is empty says so instead of falling back to another.
    let named_without_column = SeedRow {
        seed_provider: Some("file".to_owned()),
        web_id: Some(1),
        ..SeedRow::default()
    };
    let dir = SeedDir::new("named");
    assert!(seed::view(&named_without_column, &dir.context()).is_err());
}

#[test]
fn a_row_without_seed_columns_has_no_seed() {
    let dir = SeedDir::new("none");
    let row = SeedRow::default();
    assert!(seed::resolve(&row).is_none());
    assert_eq!(
        seed::view(&row, &dir.context()),
        Err(NoSeed(
            "No seed has been set for this async yet.".to_owned()
        ))
    );
    // Hash and password alone are not a seed.
    assert_eq!(
        seed::view(&hash_row(), &dir.context()),
        Err(NoSeed(
            "No seed has been set for this async yet.".to_owned()
        ))
    );
    let unknown = SeedRow {
        seed_provider: Some("no-such-provider".to_owned()),
        web_id: Some(5),
        ..SeedRow::default()
    };
    assert!(seed::resolve(&unknown).is_none());
    let NoSeed(reason) = seed::view(&unknown, &dir.context()).unwrap_err();
    assert!(reason.contains("does not know"), "{reason}");
}

#[test]
fn a_provider_defined_outside_the_host_is_listed_resolved_and_escaped() {
    let dir = SeedDir::new("example");
    assert!(
        seed::providers()
            .iter()
            .any(|provider| provider.id() == "example-generator")
    );

    let row = SeedRow {
        seed_provider: Some("example-generator".to_owned()),
        ..SeedRow::default()
    };
    assert_eq!(resolved_id(&row), Some("example-generator"));
    let view = seed::view(&row, &dir.context()).unwrap();
    assert_eq!(
        urls(&view),
        ["https://generator.example/seed?id=7&mode=%3Crace%3E"]
    );

    let html = view.to_html();
    assert!(
        html.contains(
            "<a href=\"https://generator.example/seed?id=7&amp;mode=%3Crace%3E\" \
             rel=\"noopener\">&lt;b&gt;&quot;Example&quot; &amp; &#39;friends&#39;&lt;/b&gt; \
             [beta]</a>"
        ),
        "{html}"
    );
    assert!(!html.contains("<b>"), "{html}");
    assert_eq!(
        view.to_discord_markdown(),
        "\\<b\\>\"Example\" & 'friends'\\</b\\> \\[beta\\]: \
         <https://generator.example/seed?id=7&mode=%3Crace%3E>"
    );

    // It never steals a row that names no provider.
    for (row, expected) in [
        (web_row(), Some("ootr-web")),
        (file_row(), Some("file")),
        (tfb_row(false), Some("triforce-blitz")),
        (tfb_row(true), Some("triforce-blitz")),
        (xkeys_row(), Some("crosskeys")),
        (hash_row(), None),
    ] {
        assert!(!ExampleGenerator.claims(&row));
        assert_eq!(resolved_id(&row), expected);
    }
}
