//! The seed part of the async form: provider, seed ids, hash icons and password.

use uuid::Uuid;

use hourglass_sdk::domain::{HashIcon, parse_password};
use hourglass_sdk::seed::{self, SeedRow};

use super::asyncs::AsyncInput;
use super::fields::{FieldErrors, optional_text, parse_optional_id, shorten};

/// The icon with this name, as [`HashIcon::name`] spells it.
pub fn hash_icon(name: &str) -> Option<HashIcon> {
    HashIcon::parse(name)
}

/// One of the five hash selects of the form, with its options.
pub struct HashSelect {
    /// 1 to 5, as in the field names `hash1`…`hash5`.
    pub number: usize,
    pub options: Vec<HashOption>,
}

/// One icon in a hash select.
pub struct HashOption {
    pub name: &'static str,
    pub selected: bool,
}

/// The five hash selects, each with the typed (or stored) icon selected.
pub fn hash_selects(input: &AsyncInput) -> Vec<HashSelect> {
    (1..)
        .zip(input.hashes())
        .map(|(number, value)| HashSelect {
            number,
            options: HashIcon::ALL
                .iter()
                .map(|icon| HashOption {
                    name: icon.name(),
                    selected: icon.name() == value,
                })
                .collect(),
        })
        .collect()
}

/// The form's seed fields filled from a stored row.
pub fn fill(input: &mut AsyncInput, row: &SeedRow) {
    let text = |value: Option<String>| value.unwrap_or_default();
    let name = |icon: Option<HashIcon>| icon.map(|icon| icon.name().to_owned()).unwrap_or_default();
    input.seed_provider = text(row.seed_provider.clone());
    input.web_id = text(row.web_id.map(|id| id.to_string()));
    input.file_stem = text(row.file_stem.clone());
    input.hash1 = name(row.hash1);
    input.hash2 = name(row.hash2);
    input.hash3 = name(row.hash3);
    input.hash4 = name(row.hash4);
    input.hash5 = name(row.hash5);
    input.tfb_uuid = text(row.tfb_uuid.map(|id| id.to_string()));
    input.tfb_dev = row.is_tfb_dev.filter(|dev| *dev).map(|_| "on".to_owned());
    input.xkeys_uuid = text(row.xkeys_uuid.map(|id| id.to_string()));
    input.password = text(row.seed_password.clone());
}

/// The seed columns the form describes, or `None` with messages in `errors`.
pub fn check(input: &AsyncInput, errors: &mut FieldErrors) -> Option<SeedRow> {
    let seed_provider = optional_text(&input.seed_provider);
    if let Some(id) = &seed_provider {
        if seed::provider(id).is_none() {
            errors.add("seed_provider", "Choose one of the listed seed types.");
        }
    }
    let web_id = errors.check(
        "web_id",
        parse_optional_id(&input.web_id, "ootrandomizer.com id"),
    );
    let file_stem = errors.check("file_stem", file_stem(&input.file_stem));
    let tfb_uuid = errors.check("tfb_uuid", uuid(&input.tfb_uuid));
    let xkeys_uuid = errors.check("xkeys_uuid", uuid(&input.xkeys_uuid));
    let seed_password = errors.check("password", password(&input.password));
    let mut hashes = [None; 5];
    for (index, (slot, name)) in hashes.iter_mut().zip(input.hashes()).enumerate() {
        if !name.is_empty() {
            *slot = hash_icon(name);
            if slot.is_none() {
                errors.add(
                    format!("hash{}", index + 1),
                    "Choose one of the listed icons.",
                );
            }
        }
    }
    let set = input
        .hashes()
        .iter()
        .filter(|name| !name.is_empty())
        .count();
    if set != 0 && set != 5 {
        errors.add("hash", "Choose all five hash icons, or none.");
    }
    let row = SeedRow {
        seed_provider,
        web_id: web_id?,
        web_gen_time: None,
        file_stem: file_stem?,
        hash1: hashes[0],
        hash2: hashes[1],
        hash3: hashes[2],
        hash4: hashes[3],
        hash5: hashes[4],
        tfb_uuid: tfb_uuid?,
        xkeys_uuid: xkeys_uuid?,
        seed_password: seed_password?,
        is_tfb_dev: Some(input.tfb_dev.is_some()),
    };
    // A seed type chosen by hand needs its own field; otherwise runners would get "no seed".
    if let Some(provider) = row.seed_provider.as_deref().and_then(seed::provider) {
        let own_fields_fine = !errors.has("seed_provider") && !errors.has("hash");
        if own_fields_fine && !provider.claims(&row) {
            errors.add(
                "seed_provider",
                format!(
                    "Fill in the field that {} needs, or choose automatic.",
                    provider.display_name()
                ),
            );
        }
    }
    errors.is_empty().then_some(row)
}

/// Whether two rows describe the same seed (the generation time aside).
pub fn same_seed(a: &SeedRow, b: &SeedRow) -> bool {
    a.seed_provider == b.seed_provider
        && a.web_id == b.web_id
        && a.file_stem == b.file_stem
        && [a.hash1, a.hash2, a.hash3, a.hash4, a.hash5]
            == [b.hash1, b.hash2, b.hash3, b.hash4, b.hash5]
        && a.tfb_uuid == b.tfb_uuid
        && a.xkeys_uuid == b.xkeys_uuid
        && a.seed_password == b.seed_password
        && a.is_tfb_dev.unwrap_or(false) == b.is_tfb_dev.unwrap_or(false)
}

/// A seed file's stem: the host serves `{stem}.zpf` and the like, so only plain names.
fn file_stem(input: &str) -> Result<Option<String>, String> {
    let Some(stem) = optional_text(input) else {
        return Ok(None);
    };
    let plain = stem.len() <= 100
        && stem
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
    if plain {
        Ok(Some(stem))
    } else {
        Err(
            "A file stem is the file's name without extension: letters, digits, - and _ only \
             (such as OoTR_1234_ABCDE)."
                .to_owned(),
        )
    }
}

fn uuid(input: &str) -> Result<Option<Uuid>, String> {
    let Some(text) = optional_text(input) else {
        return Ok(None);
    };
    Uuid::parse_str(&text).map(Some).map_err(|_| {
        format!(
            "\"{}\" is not a seed uuid; it looks like 0b6c3a5e-2f1d-4c8b-9a7e-5d4f3c2b1a09.",
            shorten(&text)
        )
    })
}

fn password(input: &str) -> Result<Option<String>, String> {
    let Some(text) = optional_text(input) else {
        return Ok(None);
    };
    match parse_password(&text) {
        Some(_) => Ok(Some(text)),
        None => Err(
            "A password is exactly six ocarina buttons, each one of A v > < ^ \
                     (such as A<v>^A)."
                .to_owned(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_is_listed_once_and_found_by_name() {
        for icon in HashIcon::ALL {
            assert_eq!(hash_icon(icon.name()), Some(icon));
        }
        let mut names: Vec<_> = HashIcon::ALL.iter().map(|icon| icon.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 32);
        assert_eq!(hash_icon("Hookshot"), None);
    }

    #[test]
    fn passwords_are_six_ocarina_buttons() {
        assert_eq!(password(" A<v>^A "), Ok(Some("A<v>^A".to_owned())));
        assert_eq!(password(""), Ok(None));
        for bad in ["A<v>^", "A<v>^AA", "A<v>^B", "a<v>^A"] {
            assert!(password(bad).is_err(), "{bad}");
        }
    }
}
