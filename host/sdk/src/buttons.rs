//! The one button router's map of custom-id stems.
//!
//! A button's custom id is `stem:key:key…`. The stem says which plugin owns the button and
//! is matched exactly, never by prefix (`async_ready` and `async_ready_qualifier` are two
//! different stems). Each stem has exactly one owner: a second claim is an error that stops
//! start-up.

use std::collections::BTreeMap;

use crate::plugin::Plugin;

/// A custom id split into its stem and keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomId<'a> {
    pub stem: &'a str,
    pub keys: Vec<&'a str>,
}

impl<'a> CustomId<'a> {
    pub fn parse(custom_id: &'a str) -> Self {
        let mut parts = custom_id.split(':');
        let stem = parts.next().unwrap_or_default();
        Self {
            stem,
            keys: parts.collect(),
        }
    }
}

/// Two plugins claimed the same stem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "button stem `{stem}` is claimed by both `{first}` and `{second}`; each stem needs one owner"
)]
pub struct StemClash {
    pub stem: String,
    pub first: &'static str,
    pub second: &'static str,
}

/// Which plugin owns which stem.
#[derive(Default)]
pub struct ButtonRoutes {
    owners: BTreeMap<&'static str, &'static dyn Plugin>,
}

impl std::fmt::Debug for ButtonRoutes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(
                self.owners
                    .iter()
                    .map(|(stem, plugin)| (stem, plugin.name())),
            )
            .finish()
    }
}

impl ButtonRoutes {
    /// Builds the map from these plugins, refusing any stem claimed twice.
    pub fn new(plugins: &[&'static dyn Plugin]) -> Result<Self, StemClash> {
        let mut owners: BTreeMap<&'static str, &'static dyn Plugin> = BTreeMap::new();
        for &plugin in plugins {
            for &stem in plugin.button_stems() {
                if let Some(first) = owners.insert(stem, plugin) {
                    return Err(StemClash {
                        stem: stem.to_owned(),
                        first: first.name(),
                        second: plugin.name(),
                    });
                }
            }
        }
        Ok(Self { owners })
    }

    /// The plugin that owns this custom id's stem, if any.
    pub fn owner(&self, custom_id: &str) -> Option<&'static dyn Plugin> {
        self.owners.get(CustomId::parse(custom_id).stem).copied()
    }

    /// Every stem with the name of its owner, in stem order.
    pub fn stems(&self) -> Vec<(&'static str, &'static str)> {
        self.owners
            .iter()
            .map(|(stem, plugin)| (*stem, plugin.name()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake(&'static str, &'static [&'static str]);

    impl Plugin for Fake {
        fn name(&self) -> &'static str {
            self.0
        }
        fn description(&self) -> &'static str {
            "test plugin"
        }
        fn button_stems(&self) -> &'static [&'static str] {
            self.1
        }
    }

    static BRACKET: Fake = Fake("bracket", &["async_ready", "async_finish"]);
    static QUALIFIER: Fake = Fake("qualifier", &["async_ready_qualifier"]);
    static THIEF: Fake = Fake("thief", &["async_ready"]);

    #[test]
    fn stems_match_exactly_never_by_prefix() {
        let routes = ButtonRoutes::new(&[&BRACKET, &QUALIFIER]).expect("no clash");
        assert_eq!(
            routes.owner("async_ready:42:1").map(|p| p.name()),
            Some("bracket")
        );
        assert_eq!(
            routes
                .owner("async_ready_qualifier:42:qualifier")
                .map(|p| p.name()),
            Some("qualifier")
        );
        assert!(routes.owner("async_read:42").is_none());
        assert!(routes.owner("async_ready_qualifierx:1").is_none());
    }

    #[test]
    fn a_stem_claimed_twice_is_refused() {
        let clash = ButtonRoutes::new(&[&BRACKET, &THIEF]).expect_err("clash");
        assert_eq!(clash.stem, "async_ready");
        assert_eq!((clash.first, clash.second), ("bracket", "thief"));
    }

    #[test]
    fn custom_ids_split_into_stem_and_keys() {
        let id = CustomId::parse("async_ready_qualifier:42:qualifier");
        assert_eq!(id.stem, "async_ready_qualifier");
        assert_eq!(id.keys, ["42", "qualifier"]);
    }
}
