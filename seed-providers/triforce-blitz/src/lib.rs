//! The `triforce-blitz` seed provider: a seed hosted by triforceblitz.com.
//!
//! An `asyncs` row with `tfb_uuid` set is such a seed. Runners get a link to the seed's page,
//! `https://www.triforceblitz.com/seed/{uuid}`, or, for seeds made on the development site
//! (`is_tfb_dev`), `https://dev.triforceblitz.com/seeds/{uuid}`; the two sites spell
//! the path differently. The hash icons (and a password, should staff have stored one)
//! are shown from the row when set.

use hourglass_sdk::inventory;
use hourglass_sdk::seed::{
    NoSeed, ProviderRegistration, SeedContext, SeedLink, SeedProvider, SeedRow, SeedView,
};
use url::Url;

/// The id stored in `asyncs.seed_provider` for this provider.
pub const ID: &str = "triforce-blitz";

/// Seeds hosted by triforceblitz.com, found by the row's `tfb_uuid`.
#[derive(Debug, Clone, Copy, Default)]
pub struct TriforceBlitzProvider;

impl TriforceBlitzProvider {
    /// The seed page for a Triforce Blitz seed, on the live or the development site.
    pub fn seed_url(uuid: impl std::fmt::Display, is_dev: bool) -> Result<Url, NoSeed> {
        let address = if is_dev {
            format!("https://dev.triforceblitz.com/seeds/{uuid}")
        } else {
            format!("https://www.triforceblitz.com/seed/{uuid}")
        };
        Url::parse(&address).map_err(|error| {
            NoSeed(format!(
                "The triforceblitz.com link could not be built ({error})."
            ))
        })
    }
}

impl SeedProvider for TriforceBlitzProvider {
    fn id(&self) -> &'static str {
        ID
    }

    fn display_name(&self) -> &'static str {
        "Triforce Blitz seed (triforceblitz.com)"
    }

    fn claims(&self, row: &SeedRow) -> bool {
        row.tfb_uuid.is_some()
    }

    fn priority(&self) -> u32 {
        30
    }

    fn view(&self, row: &SeedRow, _context: &SeedContext) -> Result<SeedView, NoSeed> {
        let Some(uuid) = row.tfb_uuid else {
            return Err(NoSeed(
                "No Triforce Blitz seed has been set for this async yet.".to_owned(),
            ));
        };
        let is_dev = row.is_tfb_dev.unwrap_or(false);
        let label = if is_dev {
            "Seed on dev.triforceblitz.com"
        } else {
            "Seed on triforceblitz.com"
        };
        Ok(SeedView {
            links: vec![SeedLink {
                label: label.to_owned(),
                url: Self::seed_url(uuid, is_dev)?,
            }],
            hash: row.hash(),
            password: row.password(),
        })
    }
}

inventory::submit!(ProviderRegistration(&TriforceBlitzProvider));

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::path::PathBuf;

    use hourglass_sdk::domain::HashIcon;
    use uuid::Uuid;

    use super::*;

    const UUID: &str = "0b6c3a5e-2f1d-4c8b-9a7e-5d4f3c2b1a09";

    fn context() -> SeedContext {
        SeedContext {
            public_url: Url::parse("https://hourglass.example/").unwrap(),
            seed_dir: PathBuf::from("/nonexistent/hourglass-seeds"),
        }
    }

    fn row(is_dev: Option<bool>) -> SeedRow {
        SeedRow {
            tfb_uuid: Some(Uuid::parse_str(UUID).unwrap()),
            is_tfb_dev: is_dev,
            hash1: Some(HashIcon::Longshot),
            hash2: Some(HashIcon::Boomerang),
            hash3: Some(HashIcon::HoverBoots),
            hash4: Some(HashIcon::GoldScale),
            hash5: Some(HashIcon::BigMagic),
            seed_password: Some("AAAAAA".to_owned()),
            ..SeedRow::default()
        }
    }

    #[test]
    fn links_the_live_site_by_default() {
        for is_dev in [None, Some(false)] {
            let row = row(is_dev);
            assert!(TriforceBlitzProvider.claims(&row));
            let view = TriforceBlitzProvider.view(&row, &context()).unwrap();
            assert_eq!(view.links.len(), 1);
            assert_eq!(
                view.links[0].url.as_str(),
                format!("https://www.triforceblitz.com/seed/{UUID}")
            );
            assert_eq!(
                view.hash,
                Some([
                    HashIcon::Longshot,
                    HashIcon::Boomerang,
                    HashIcon::HoverBoots,
                    HashIcon::GoldScale,
                    HashIcon::BigMagic,
                ])
            );
            assert_eq!(view.password.map(|password| password.len()), Some(6));
        }
    }

    #[test]
    fn links_the_dev_site_for_dev_seeds() {
        let view = TriforceBlitzProvider
            .view(&row(Some(true)), &context())
            .unwrap();
        assert_eq!(
            view.links[0].url.as_str(),
            format!("https://dev.triforceblitz.com/seeds/{UUID}")
        );
    }

    #[test]
    fn rows_without_a_uuid_are_not_claimed_and_have_no_seed() {
        let row = SeedRow {
            seed_provider: Some(ID.to_owned()),
            ..SeedRow::default()
        };
        assert!(!TriforceBlitzProvider.claims(&row));
        assert!(TriforceBlitzProvider.view(&row, &context()).is_err());
    }
}
