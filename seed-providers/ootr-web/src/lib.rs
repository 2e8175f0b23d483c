//! The `ootr-web` seed provider: a seed generated on ootrandomizer.com.
//!
//! An `asyncs` row with `web_id` set is such a seed. Runners get a link to the seed's page
//! on ootrandomizer.com (`https://ootrandomizer.com/seed/get?id={web_id}`), where they
//! download the patch themselves. The hash icons and the password are shown from the row
//! when staff have entered them.

use hourglass_sdk::inventory;
use hourglass_sdk::seed::{
    NoSeed, ProviderRegistration, SeedContext, SeedLink, SeedProvider, SeedRow, SeedView,
};
use url::Url;

/// The id stored in `asyncs.seed_provider` for this provider.
pub const ID: &str = "ootr-web";

/// Seeds hosted on ootrandomizer.com, found by the row's `web_id`.
#[derive(Debug, Clone, Copy, Default)]
pub struct OotrWebProvider;

impl OotrWebProvider {
    /// The seed page on ootrandomizer.com for a web seed id.
    pub fn seed_url(web_id: i64) -> Result<Url, NoSeed> {
        let mut url = Url::parse("https://ootrandomizer.com/seed/get").map_err(|error| {
            NoSeed(format!(
                "The ootrandomizer.com link could not be built ({error})."
            ))
        })?;
        url.query_pairs_mut().append_pair("id", &web_id.to_string());
        Ok(url)
    }
}

impl SeedProvider for OotrWebProvider {
    fn id(&self) -> &'static str {
        ID
    }

    fn display_name(&self) -> &'static str {
        "OoTR web seed (ootrandomizer.com)"
    }

    fn claims(&self, row: &SeedRow) -> bool {
        row.web_id.is_some()
    }

    fn priority(&self) -> u32 {
        10
    }

    fn view(&self, row: &SeedRow, _context: &SeedContext) -> Result<SeedView, NoSeed> {
        let Some(web_id) = row.web_id else {
            return Err(NoSeed(
                "No ootrandomizer.com seed id has been set for this async yet.".to_owned(),
            ));
        };
        if web_id <= 0 {
            return Err(NoSeed(format!(
                "The ootrandomizer.com seed id of this async ({web_id}) is not valid."
            )));
        }
        Ok(SeedView {
            links: vec![SeedLink {
                label: "Seed on ootrandomizer.com".to_owned(),
                url: Self::seed_url(web_id)?,
            }],
            hash: row.hash(),
            password: row.password(),
        })
    }
}

inventory::submit!(ProviderRegistration(&OotrWebProvider));

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::path::PathBuf;

    use hourglass_sdk::domain::{HashIcon, OcarinaButton};

    use super::*;

    fn context() -> SeedContext {
        SeedContext {
            public_url: Url::parse("https://hourglass.example/").unwrap(),
            seed_dir: PathBuf::from("/nonexistent/hourglass-seeds"),
        }
    }

    #[test]
    fn links_the_seed_page_with_hash_and_password() {
        let row = SeedRow {
            web_id: Some(1_234_567),
            hash1: Some(HashIcon::DekuStick),
            hash2: Some(HashIcon::Bow),
            hash3: Some(HashIcon::SoldOut),
            hash4: Some(HashIcon::MasterSword),
            hash5: Some(HashIcon::Map),
            seed_password: Some("A<>^vA".to_owned()),
            ..SeedRow::default()
        };
        assert!(OotrWebProvider.claims(&row));
        let view = OotrWebProvider.view(&row, &context()).unwrap();
        assert_eq!(view.links.len(), 1);
        assert_eq!(
            view.links[0].url.as_str(),
            "https://ootrandomizer.com/seed/get?id=1234567"
        );
        assert_eq!(
            view.hash,
            Some([
                HashIcon::DekuStick,
                HashIcon::Bow,
                HashIcon::SoldOut,
                HashIcon::MasterSword,
                HashIcon::Map,
            ])
        );
        assert_eq!(
            view.password,
            Some(vec![
                OcarinaButton::A,
                OcarinaButton::CLeft,
                OcarinaButton::CRight,
                OcarinaButton::CUp,
                OcarinaButton::CDown,
                OcarinaButton::A,
            ])
        );
    }

    #[test]
    fn hash_and_password_are_left_out_when_not_set() {
        let row = SeedRow {
            web_id: Some(42),
            hash1: Some(HashIcon::Bow),
            ..SeedRow::default()
        };
        let view = OotrWebProvider.view(&row, &context()).unwrap();
        assert_eq!(view.hash, None);
        assert_eq!(view.password, None);
    }

    #[test]
    fn rows_without_a_web_id_are_not_claimed_and_have_no_seed() {
        let row = SeedRow {
            seed_provider: Some(ID.to_owned()),
            ..SeedRow::default()
        };
        assert!(!OotrWebProvider.claims(&row));
        let NoSeed(reason) = OotrWebProvider.view(&row, &context()).unwrap_err();
        assert!(reason.contains("No ootrandomizer.com seed id"), "{reason}");
    }

    #[test]
    fn a_non_positive_web_id_is_no_seed() {
        let row = SeedRow {
            web_id: Some(-3),
            ..SeedRow::default()
        };
        assert!(OotrWebProvider.view(&row, &context()).is_err());
    }
}
