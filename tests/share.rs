//! Share links carry a whole network: the article's, a hybrid one and generated ones come
//! back identical from their link, and no text after `#network=` makes the decoder panic.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use vpclab::export::share::{self, ShareError};
use vpclab::model::{document, example, scenario, RuleSet, Topology};

mod generator;

use generator::{generated, op};

const HYBRID: &str = include_str!("scenarios/hybrid-network.json");

fn hybrid() -> Topology {
    let report = scenario::run_text(HYBRID).expect("a valid scenario");
    assert!(report.passed(), "{:?}", report.first_failure());
    report.topology
}

#[test]
fn the_article_network_comes_back_from_its_link() {
    let article = example::article_network();
    let link = format!(
        "https://tutorials.example.org/labs/vpclab/{}",
        share::encode(&article)
    );
    assert_eq!(share::decode(&link), Ok(article));
    assert!(!share::is_past_warning(&link), "{} bytes", link.len());
}

#[test]
fn the_hybrid_network_comes_back_from_its_link_well_under_the_warning() {
    let network = hybrid();
    let fragment = share::encode(&network);
    assert_eq!(share::decode(&fragment), Ok(network.clone()));
    // Compression pays: the link is a fraction of the document it carries.
    let json = document::to_json(&network);
    assert!(
        fragment.len() * 3 < json.len(),
        "{} bytes of link for {} bytes of document",
        fragment.len(),
        json.len()
    );
    assert!(!share::is_past_warning(&fragment));
}

#[test]
fn a_network_of_2000_instances_is_past_the_warning_but_still_decodes() {
    let large = example::large_network(2000);
    let fragment = share::encode(&large);
    assert!(
        share::is_past_warning(&fragment),
        "{} bytes",
        fragment.len()
    );
    assert_eq!(share::decode(&fragment), Ok(large));
}

#[test]
fn a_cut_hybrid_link_is_refused_as_cut_or_damaged() {
    let fragment = share::encode(&hybrid());
    for keep in [
        fragment.len() - 1,
        fragment.len() - 8,
        fragment.len() / 2,
        20,
    ] {
        let error = share::decode(&fragment[..keep]).expect_err("a cut link");
        assert!(
            matches!(
                error,
                ShareError::Truncated | ShareError::MalformedBase64 { .. }
            ),
            "cut at {keep}: {error:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_networks_come_back_from_their_link(
        current in any::<bool>(),
        ops in prop::collection::vec(op(), 1..80),
    ) {
        let rules = if current { RuleSet::Current } else { RuleSet::Y2020 };
        let network = generated(rules, &ops);
        prop_assert_eq!(share::decode(&share::encode(&network)), Ok(network));
    }

    #[test]
    fn any_text_after_the_key_is_refused_or_read_without_panic(body in "[A-Za-z0-9_.=+/%-]{0,400}") {
        let _ = share::decode(&format!("#network={body}"));
        let _ = share::decode(&format!("#network=1.{body}"));
    }
}
