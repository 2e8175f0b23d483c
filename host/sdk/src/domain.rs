//! Tournament words shared by the host, the plugins and the seed providers.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Which async of an event a row belongs to (Postgres enum `async_kind`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, sqlx::Type, Serialize, Deserialize,
)]
#[sqlx(type_name = "async_kind", rename_all = "lowercase")]
#[serde(rename_all = "lowercase")]
pub enum AsyncKind {
    Qualifier,
    Qualifier2,
    Qualifier3,
    Seeding,
    Tiebreaker1,
    Tiebreaker2,
}

impl AsyncKind {
    pub const ALL: [Self; 6] = [
        Self::Qualifier,
        Self::Qualifier2,
        Self::Qualifier3,
        Self::Seeding,
        Self::Tiebreaker1,
        Self::Tiebreaker2,
    ];

    /// Qualifier kinds close when the event starts; the others only by their own window.
    pub fn is_qualifier(self) -> bool {
        matches!(self, Self::Qualifier | Self::Qualifier2 | Self::Qualifier3)
    }

    /// The value stored in the database and used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Qualifier => "qualifier",
            Self::Qualifier2 => "qualifier2",
            Self::Qualifier3 => "qualifier3",
            Self::Seeding => "seeding",
            Self::Tiebreaker1 => "tiebreaker1",
            Self::Tiebreaker2 => "tiebreaker2",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == value)
    }

    /// How staff and runners call it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Qualifier => "Qualifier",
            Self::Qualifier2 => "Qualifier 2",
            Self::Qualifier3 => "Qualifier 3",
            Self::Seeding => "Seeding async",
            Self::Tiebreaker1 => "Tiebreaker 1",
            Self::Tiebreaker2 => "Tiebreaker 2",
        }
    }
}

impl fmt::Display for AsyncKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The 32 icons of an Ocarina of Time Randomizer seed hash (Postgres enum `hash_icon`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type, Serialize, Deserialize)]
#[sqlx(type_name = "hash_icon")]
pub enum HashIcon {
    #[sqlx(rename = "Deku Stick")]
    #[serde(rename = "Deku Stick")]
    DekuStick,
    #[sqlx(rename = "Deku Nut")]
    #[serde(rename = "Deku Nut")]
    DekuNut,
    Bow,
    Slingshot,
    #[sqlx(rename = "Fairy Ocarina")]
    #[serde(rename = "Fairy Ocarina")]
    FairyOcarina,
    Bombchu,
    Longshot,
    Boomerang,
    #[sqlx(rename = "Lens of Truth")]
    #[serde(rename = "Lens of Truth")]
    LensOfTruth,
    Beans,
    #[sqlx(rename = "Megaton Hammer")]
    #[serde(rename = "Megaton Hammer")]
    MegatonHammer,
    #[sqlx(rename = "Bottled Fish")]
    #[serde(rename = "Bottled Fish")]
    BottledFish,
    #[sqlx(rename = "Bottled Milk")]
    #[serde(rename = "Bottled Milk")]
    BottledMilk,
    #[sqlx(rename = "Mask of Truth")]
    #[serde(rename = "Mask of Truth")]
    MaskOfTruth,
    #[sqlx(rename = "SOLD OUT")]
    #[serde(rename = "SOLD OUT")]
    SoldOut,
    Cucco,
    Mushroom,
    Saw,
    Frog,
    #[sqlx(rename = "Master Sword")]
    #[serde(rename = "Master Sword")]
    MasterSword,
    #[sqlx(rename = "Mirror Shield")]
    #[serde(rename = "Mirror Shield")]
    MirrorShield,
    #[sqlx(rename = "Kokiri Tunic")]
    #[serde(rename = "Kokiri Tunic")]
    KokiriTunic,
    #[sqlx(rename = "Hover Boots")]
    #[serde(rename = "Hover Boots")]
    HoverBoots,
    #[sqlx(rename = "Silver Gauntlets")]
    #[serde(rename = "Silver Gauntlets")]
    SilverGauntlets,
    #[sqlx(rename = "Gold Scale")]
    #[serde(rename = "Gold Scale")]
    GoldScale,
    #[sqlx(rename = "Stone of Agony")]
    #[serde(rename = "Stone of Agony")]
    StoneOfAgony,
    #[sqlx(rename = "Skull Token")]
    #[serde(rename = "Skull Token")]
    SkullToken,
    #[sqlx(rename = "Heart Container")]
    #[serde(rename = "Heart Container")]
    HeartContainer,
    #[sqlx(rename = "Boss Key")]
    #[serde(rename = "Boss Key")]
    BossKey,
    Compass,
    Map,
    #[sqlx(rename = "Big Magic")]
    #[serde(rename = "Big Magic")]
    BigMagic,
}

impl HashIcon {
    /// The 32 icons in the randomizer's (and the `hash_icon` enum's) order.
    pub const ALL: [Self; 32] = [
        Self::DekuStick,
        Self::DekuNut,
        Self::Bow,
        Self::Slingshot,
        Self::FairyOcarina,
        Self::Bombchu,
        Self::Longshot,
        Self::Boomerang,
        Self::LensOfTruth,
        Self::Beans,
        Self::MegatonHammer,
        Self::BottledFish,
        Self::BottledMilk,
        Self::MaskOfTruth,
        Self::SoldOut,
        Self::Cucco,
        Self::Mushroom,
        Self::Saw,
        Self::Frog,
        Self::MasterSword,
        Self::MirrorShield,
        Self::KokiriTunic,
        Self::HoverBoots,
        Self::SilverGauntlets,
        Self::GoldScale,
        Self::StoneOfAgony,
        Self::SkullToken,
        Self::HeartContainer,
        Self::BossKey,
        Self::Compass,
        Self::Map,
        Self::BigMagic,
    ];

    /// The icon with this name, as [`HashIcon::name`] spells it.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|icon| icon.name() == name)
    }

    /// The icon's name as the randomizer shows it.
    pub fn name(self) -> &'static str {
        match self {
            Self::DekuStick => "Deku Stick",
            Self::DekuNut => "Deku Nut",
            Self::Bow => "Bow",
            Self::Slingshot => "Slingshot",
            Self::FairyOcarina => "Fairy Ocarina",
            Self::Bombchu => "Bombchu",
            Self::Longshot => "Longshot",
            Self::Boomerang => "Boomerang",
            Self::LensOfTruth => "Lens of Truth",
            Self::Beans => "Beans",
            Self::MegatonHammer => "Megaton Hammer",
            Self::BottledFish => "Bottled Fish",
            Self::BottledMilk => "Bottled Milk",
            Self::MaskOfTruth => "Mask of Truth",
            Self::SoldOut => "SOLD OUT",
            Self::Cucco => "Cucco",
            Self::Mushroom => "Mushroom",
            Self::Saw => "Saw",
            Self::Frog => "Frog",
            Self::MasterSword => "Master Sword",
            Self::MirrorShield => "Mirror Shield",
            Self::KokiriTunic => "Kokiri Tunic",
            Self::HoverBoots => "Hover Boots",
            Self::SilverGauntlets => "Silver Gauntlets",
            Self::GoldScale => "Gold Scale",
            Self::StoneOfAgony => "Stone of Agony",
            Self::SkullToken => "Skull Token",
            Self::HeartContainer => "Heart Container",
            Self::BossKey => "Boss Key",
            Self::Compass => "Compass",
            Self::Map => "Map",
            Self::BigMagic => "Big Magic",
        }
    }
}

impl fmt::Display for HashIcon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One button of the ocarina, as a seed password spells it (`A v > < ^`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OcarinaButton {
    A,
    CDown,
    CRight,
    CLeft,
    CUp,
}

impl OcarinaButton {
    pub fn from_char(c: char) -> Option<Self> {
        match c {
            'A' => Some(Self::A),
            'v' => Some(Self::CDown),
            '>' => Some(Self::CRight),
            '<' => Some(Self::CLeft),
            '^' => Some(Self::CUp),
            _ => None,
        }
    }

    /// The button as a runner reads it off the controller.
    pub fn label(self) -> &'static str {
        match self {
            Self::A => "A",
            Self::CDown => "C↓",
            Self::CRight => "C→",
            Self::CLeft => "C←",
            Self::CUp => "C↑",
        }
    }
}

/// Parses a stored seed password; `None` unless it is exactly six ocarina buttons.
pub fn parse_password(password: &str) -> Option<Vec<OcarinaButton>> {
    let buttons = password
        .chars()
        .map(OcarinaButton::from_char)
        .collect::<Option<Vec<_>>>()?;
    (buttons.len() == 6).then_some(buttons)
}
