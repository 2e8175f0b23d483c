//! The `file` seed provider: a patch file kept in this host's seed directory.
//!
//! An `asyncs` row with `file_stem` set is such a seed. The patch is
//! `{file_stem}.zpfz` or `{file_stem}.zpf` in the seed directory, and runners download it
//! from this host under `/seed/`. When both files exist the `.zpfz` wins: it is what the
//! randomizer writes for multiworld and compressed patches, and a `.zpf` left next to it is
//! assumed to be an older or partial copy. The hash icons and the password are shown from
//! the row when staff have entered them.
//!
//! The stem comes from the database, so it is checked before it goes anywhere near the file
//! system: a stem that is empty, contains `/`, `\`, `..` or a control character, or starts
//! with `.` is refused and never joined to the seed directory.

use hourglass_sdk::inventory;
use hourglass_sdk::seed::{
    NoSeed, ProviderRegistration, SeedContext, SeedLink, SeedProvider, SeedRow, SeedView,
};

/// The id stored in `asyncs.seed_provider` for this provider.
pub const ID: &str = "file";

/// Patch file extensions, in the order they are looked for.
pub const EXTENSIONS: [&str; 2] = ["zpfz", "zpf"];

/// Patch files served by this host, found by the row's `file_stem`.
#[derive(Debug, Clone, Copy, Default)]
pub struct FileProvider;

/// Whether a stem may be used as part of a file name in the seed directory.
pub fn is_safe_stem(stem: &str) -> bool {
    !stem.is_empty()
        && !stem.starts_with('.')
        && !stem.contains("..")
        && !stem.contains(['/', '\\'])
        && !stem.chars().any(char::is_control)
}

impl SeedProvider for FileProvider {
    fn id(&self) -> &'static str {
        ID
    }

    fn display_name(&self) -> &'static str {
        "Patch file on this server (.zpf/.zpfz)"
    }

    fn claims(&self, row: &SeedRow) -> bool {
        row.file_stem.is_some()
    }

    fn priority(&self) -> u32 {
        20
    }

    fn view(&self, row: &SeedRow, context: &SeedContext) -> Result<SeedView, NoSeed> {
        let Some(stem) = row.file_stem.as_deref() else {
            return Err(NoSeed(
                "No seed file has been set for this async yet.".to_owned(),
            ));
        };
        if !is_safe_stem(stem) {
            return Err(NoSeed(
                "The seed file name of this async is not valid; staff need to correct it."
                    .to_owned(),
            ));
        }
        let Some(file_name) = EXTENSIONS
            .iter()
            .map(|extension| format!("{stem}.{extension}"))
            .find(|file_name| context.existing_seed_file(file_name).is_some())
        else {
            return Err(NoSeed(
                "The seed file for this async is not on the server yet.".to_owned(),
            ));
        };
        Ok(SeedView {
            links: vec![SeedLink {
                label: format!("Download the patch file ({file_name})"),
                url: context.seed_file_url(&file_name),
            }],
            hash: row.hash(),
            password: row.password(),
        })
    }
}

inventory::submit!(ProviderRegistration(&FileProvider));

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::fs;
    use std::path::PathBuf;

    use hourglass_sdk::domain::{HashIcon, OcarinaButton};
    use url::Url;

    use super::*;

    /// A scratch directory under the system temp dir, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> Self {
            let path = std::env::temp_dir()
                .join(format!("hourglass-seed-file-{}-{name}", std::process::id()));
            let _ = fs::remove_dir_all(&path);
            fs::create_dir_all(path.join("seeds")).unwrap();
            Self(path)
        }

        fn seeds(&self) -> PathBuf {
            self.0.join("seeds")
        }

        fn context(&self) -> SeedContext {
            SeedContext {
                public_url: Url::parse("https://hourglass.example/").unwrap(),
                seed_dir: self.seeds(),
            }
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn row(stem: &str) -> SeedRow {
        SeedRow {
            file_stem: Some(stem.to_owned()),
            ..SeedRow::default()
        }
    }

    #[test]
    fn links_the_zpf_with_hash_and_password() {
        let dir = TempDir::new("zpf");
        fs::write(dir.seeds().join("OoTR_1234_ABCDE.zpf"), b"patch").unwrap();
        let row = SeedRow {
            hash1: Some(HashIcon::Frog),
            hash2: Some(HashIcon::Saw),
            hash3: Some(HashIcon::Cucco),
            hash4: Some(HashIcon::Beans),
            hash5: Some(HashIcon::BossKey),
            seed_password: Some("vvAA^^".to_owned()),
            ..row("OoTR_1234_ABCDE")
        };
        assert!(FileProvider.claims(&row));
        let view = FileProvider.view(&row, &dir.context()).unwrap();
        assert_eq!(view.links.len(), 1);
        assert_eq!(
            view.links[0].url.as_str(),
            "https://hourglass.example/seed/OoTR_1234_ABCDE.zpf"
        );
        assert_eq!(view.hash.map(|hash| hash[0]), Some(HashIcon::Frog));
        assert_eq!(
            view.password.as_deref().map(<[_]>::len),
            Some(6),
            "{:?}",
            view.password
        );
        assert_eq!(view.password.unwrap()[0], OcarinaButton::CDown);
    }

    #[test]
    fn prefers_the_zpfz_when_both_exist() {
        let dir = TempDir::new("both");
        fs::write(dir.seeds().join("multi.zpf"), b"old").unwrap();
        fs::write(dir.seeds().join("multi.zpfz"), b"new").unwrap();
        let view = FileProvider.view(&row("multi"), &dir.context()).unwrap();
        assert_eq!(
            view.links[0].url.as_str(),
            "https://hourglass.example/seed/multi.zpfz"
        );
    }

    #[test]
    fn a_missing_file_is_no_seed() {
        let dir = TempDir::new("missing");
        let NoSeed(reason) = FileProvider
            .view(&row("absent"), &dir.context())
            .unwrap_err();
        assert_eq!(
            reason,
            "The seed file for this async is not on the server yet."
        );
    }

    #[test]
    fn a_directory_named_like_the_patch_is_not_a_seed() {
        let dir = TempDir::new("directory");
        fs::create_dir_all(dir.seeds().join("folder.zpf")).unwrap();
        assert!(FileProvider.view(&row("folder"), &dir.context()).is_err());
    }

    #[test]
    fn unsafe_stems_never_reach_the_file_system() {
        let dir = TempDir::new("unsafe");
        // A real patch outside the seed directory, and one hidden inside it.
        fs::write(dir.0.join("secret.zpf"), b"outside").unwrap();
        fs::write(dir.seeds().join(".hidden.zpf"), b"hidden").unwrap();
        for stem in [
            "../secret",
            "..",
            "a/../../secret",
            "sub/seed",
            "sub\\seed",
            ".hidden",
            "",
            "bad\0stem",
        ] {
            assert!(!is_safe_stem(stem), "{stem:?}");
            let NoSeed(reason) = FileProvider.view(&row(stem), &dir.context()).unwrap_err();
            assert!(reason.contains("not valid"), "{stem:?}: {reason}");
        }
        let absolute = dir.0.join("secret").display().to_string();
        assert!(FileProvider.view(&row(&absolute), &dir.context()).is_err());
        assert!(is_safe_stem("OoTR_1234_ABCDE"));
        assert!(is_safe_stem("seed.v2"));
    }

    #[test]
    fn rows_without_a_stem_are_not_claimed_and_have_no_seed() {
        let dir = TempDir::new("nostem");
        let row = SeedRow {
            seed_provider: Some(ID.to_owned()),
            ..SeedRow::default()
        };
        assert!(!FileProvider.claims(&row));
        let NoSeed(reason) = FileProvider.view(&row, &dir.context()).unwrap_err();
        assert!(reason.starts_with("No seed file"), "{reason}");
    }
}
