//! The `crosskeys` seed provider: an ALttPR door randomizer ("crosskeys") patch kept in this
//! host's seed directory.
//!
//! An `asyncs` row with `xkeys_uuid` set is such a seed. The patch is `{xkeys_uuid}.bps` in
//! the seed directory; a file named `DR_{xkeys_uuid}.bps` (the prefix the door randomizer
//! gives its own output, which seed directories copied from other setups often keep) is
//! found as well. Runners get two links:
//!
//! - the public door-rando web patcher, `https://alttprpatch.synack.live/patcher.html`, with
//!   the address of the patch on this host in its `patch` query parameter (the form other
//!   tournament tools use for crosskeys seeds); the patcher fetches the patch in the
//!   runner's browser and applies it to their own ROM, so this host's `/seed/*.bps`
//!   responses must allow cross-origin reads (`Access-Control-Allow-Origin: *`);
//! - the `.bps` itself, for runners who patch offline.
//!
//! The row's hash columns hold Ocarina of Time icons and its password is an ocarina
//! password; neither means anything for an ALttPR seed, so neither is shown.

use hourglass_sdk::inventory;
use hourglass_sdk::seed::{
    NoSeed, ProviderRegistration, SeedContext, SeedLink, SeedProvider, SeedRow, SeedView,
};
use url::Url;

/// The id stored in `asyncs.seed_provider` for this provider.
pub const ID: &str = "crosskeys";

/// The public web patcher for ALttPR door randomizer patches; takes `?patch={url of .bps}`.
pub const WEB_PATCHER: &str = "https://alttprpatch.synack.live/patcher.html";

/// Door randomizer patches served by this host, found by the row's `xkeys_uuid`.
#[derive(Debug, Clone, Copy, Default)]
pub struct CrosskeysProvider;

impl CrosskeysProvider {
    /// The web patcher, pointed at a patch served from `patch_url`.
    pub fn patcher_url(patch_url: &Url) -> Result<Url, NoSeed> {
        let mut url = Url::parse(WEB_PATCHER).map_err(|error| {
            NoSeed(format!(
                "The web patcher link could not be built ({error})."
            ))
        })?;
        url.query_pairs_mut()
            .append_pair("patch", patch_url.as_str());
        Ok(url)
    }
}

impl SeedProvider for CrosskeysProvider {
    fn id(&self) -> &'static str {
        ID
    }

    fn display_name(&self) -> &'static str {
        "ALttPR door rando (crosskeys) patch"
    }

    fn claims(&self, row: &SeedRow) -> bool {
        row.xkeys_uuid.is_some()
    }

    fn priority(&self) -> u32 {
        40
    }

    fn view(&self, row: &SeedRow, context: &SeedContext) -> Result<SeedView, NoSeed> {
        let Some(uuid) = row.xkeys_uuid else {
            return Err(NoSeed(
                "No crosskeys seed has been set for this async yet.".to_owned(),
            ));
        };
        let Some(file_name) = [format!("{uuid}.bps"), format!("DR_{uuid}.bps")]
            .into_iter()
            .find(|file_name| context.existing_seed_file(file_name).is_some())
        else {
            return Err(NoSeed(
                "The patch (.bps) for this async is not on the server yet.".to_owned(),
            ));
        };
        let patch_url = context.seed_file_url(&file_name);
        Ok(SeedView {
            links: vec![
                SeedLink {
                    label: "Patch your ROM in the browser (alttprpatch.synack.live)".to_owned(),
                    url: Self::patcher_url(&patch_url)?,
                },
                SeedLink {
                    label: format!("Download the patch ({file_name})"),
                    url: patch_url,
                },
            ],
            hash: None,
            password: None,
        })
    }
}

inventory::submit!(ProviderRegistration(&CrosskeysProvider));

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::fs;
    use std::path::PathBuf;

    use hourglass_sdk::domain::HashIcon;
    use uuid::Uuid;

    use super::*;

    const UUID: &str = "7d1f2e3c-4b5a-4968-8776-a5b4c3d2e1f0";

    /// A scratch seed directory under the system temp dir, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> Self {
            let path = std::env::temp_dir().join(format!(
                "hourglass-seed-crosskeys-{}-{name}",
                std::process::id()
            ));
            let _ = fs::remove_dir_all(&path);
            fs::create_dir_all(&path).unwrap();
            Self(path)
        }

        fn context(&self) -> SeedContext {
            SeedContext {
                public_url: Url::parse("https://hourglass.example/").unwrap(),
                seed_dir: self.0.clone(),
            }
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn row() -> SeedRow {
        SeedRow {
            xkeys_uuid: Some(Uuid::parse_str(UUID).unwrap()),
            hash1: Some(HashIcon::Bow),
            hash2: Some(HashIcon::Bow),
            hash3: Some(HashIcon::Bow),
            hash4: Some(HashIcon::Bow),
            hash5: Some(HashIcon::Bow),
            seed_password: Some("AAAAAA".to_owned()),
            ..SeedRow::default()
        }
    }

    #[test]
    fn links_the_web_patcher_and_the_patch() {
        let dir = TempDir::new("present");
        fs::write(dir.0.join(format!("{UUID}.bps")), b"BPS1").unwrap();
        assert!(CrosskeysProvider.claims(&row()));
        let view = CrosskeysProvider.view(&row(), &dir.context()).unwrap();
        let urls: Vec<_> = view.links.iter().map(|link| link.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                format!(
                    "https://alttprpatch.synack.live/patcher.html?patch=\
                     https%3A%2F%2Fhourglass.example%2Fseed%2F{UUID}.bps"
                ),
                format!("https://hourglass.example/seed/{UUID}.bps"),
            ]
        );
        assert_eq!(view.hash, None);
        assert_eq!(view.password, None);
    }

    #[test]
    fn finds_a_patch_with_the_door_rando_prefix() {
        let dir = TempDir::new("prefixed");
        fs::write(dir.0.join(format!("DR_{UUID}.bps")), b"BPS1").unwrap();
        let view = CrosskeysProvider.view(&row(), &dir.context()).unwrap();
        assert_eq!(
            view.links[1].url.as_str(),
            format!("https://hourglass.example/seed/DR_{UUID}.bps")
        );
    }

    #[test]
    fn a_missing_patch_is_no_seed() {
        let dir = TempDir::new("missing");
        let NoSeed(reason) = CrosskeysProvider.view(&row(), &dir.context()).unwrap_err();
        assert_eq!(
            reason,
            "The patch (.bps) for this async is not on the server yet."
        );
    }

    #[test]
    fn rows_without_a_uuid_are_not_claimed_and_have_no_seed() {
        let dir = TempDir::new("nouuid");
        let row = SeedRow {
            seed_provider: Some(ID.to_owned()),
            ..SeedRow::default()
        };
        assert!(!CrosskeysProvider.claims(&row));
        assert!(CrosskeysProvider.view(&row, &dir.context()).is_err());
    }
}
