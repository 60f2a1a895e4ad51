//! Region and zone names in the user's language: "Germany (Frankfurt)" / "Alemania
//! (Fráncfort)", "Zone A" / "Zona A". Ids (`eu-central-1`, `eu-central-1a`) are never
//! translated; an id the catalogue does not know is shown as it is.

use crate::model::catalog;

use super::Language;

/// The region's display name, or its id when the catalogue does not know it.
pub fn region_name(language: Language, region_id: &str) -> String {
    let Some(region) = catalog::region(region_id) else {
        return region_id.to_string();
    };
    match language {
        Language::English => region.name.to_string(),
        Language::Spanish => region_spanish(region.id).unwrap_or(region.name).to_string(),
    }
}

/// The Spanish name of a catalogued region; `None` for an id the table does not list
/// (the completeness test fails then).
pub fn region_spanish(region_id: &str) -> Option<&'static str> {
    Some(match region_id {
        "cn-hangzhou" => "China (Hangzhou)",
        "cn-shanghai" => "China (Shanghái)",
        "cn-beijing" => "China (Pekín)",
        "ap-southeast-1" => "Singapur",
        "ap-northeast-1" => "Japón (Tokio)",
        "eu-central-1" => "Alemania (Fráncfort)",
        "us-west-1" => "EE. UU. (Silicon Valley)",
        "me-east-1" => "EAU (Dubái)",
        "ap-south-1" => "India (Bombay)",
        _ => return None,
    })
}

/// A zone's short name from its id: the letter after the region ("ap-south-1a" → "Zone A",
/// "cn-hangzhou-h" → "Zone H"); the id itself when it has no such letter.
pub fn zone_name(language: Language, zone_id: &str) -> String {
    let region = catalog::region_of_zone(zone_id).map_or("", |region| region.id);
    let letter = zone_id
        .strip_prefix(region)
        .map(|rest| rest.trim_start_matches('-'))
        .filter(|rest| rest.len() == 1 && rest.chars().all(|c| c.is_ascii_alphabetic()));
    match letter {
        Some(letter) => {
            let word = super::pick(language, "Zone", "Zona");
            format!("{word} {}", letter.to_ascii_uppercase())
        }
        None => zone_id.to_string(),
    }
}

/// The names of every catalogued region and zone in `language`, by id: what the layout
/// draws them with (`layout::LayoutOptions::place_names`).
pub fn names(language: Language) -> std::collections::BTreeMap<String, String> {
    let mut names = std::collections::BTreeMap::new();
    for region in catalog::REGIONS {
        names.insert(region.id.to_string(), region_name(language, region.id));
        for zone in region.zones {
            names.insert((*zone).to_string(), zone_name(language, zone));
        }
    }
    names
}
