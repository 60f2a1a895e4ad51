//! Browser tests of the share-link part of the reducer: the shared view keeps the
//! visitor's own network aside, ends only when they choose, and the link dialog follows
//! the clipboard's answer for the link it shows.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use wasm_bindgen_test::*;
use yew::Reducible;

use vpclab::app::components::notice::notice_text;
use vpclab::app::i18n::Language;
use vpclab::app::saving::{SaveFailure, StorageAction, StorageNotice};
use vpclab::app::state::{Action, AppState, LinkDialog, Notice, ShareAction};
use vpclab::app::storage::StoredVersion;
use vpclab::export::share::{self, ShareError};
use vpclab::model::{example, RuleSet, Topology};

wasm_bindgen_test_configure!(run_in_browser);

fn reduce(state: AppState, action: ShareAction) -> AppState {
    (*Rc::new(state).reduce(Action::Share(action))).clone()
}

fn showing_shared() -> (AppState, Topology, Topology) {
    let own = example::article_network();
    let shared = example::empty(RuleSet::Current);
    let mut state = AppState::new(own.clone());
    state.open_shared(shared.clone());
    (state, own, shared)
}

#[wasm_bindgen_test]
fn back_to_own_network_restores_the_visitors_network_and_ends_the_shared_view() {
    let (state, own, shared) = showing_shared();
    assert_eq!(state.topology(), &shared);
    assert!(state.shared.is_some());
    let back = reduce(state, ShareAction::BackToOwn);
    assert_eq!(back.topology(), &own);
    assert!(back.shared.is_none());
}

#[wasm_bindgen_test]
fn keeping_a_copy_ends_the_shared_view_only_when_it_was_saved() {
    let (state, _, shared) = showing_shared();
    let refused = reduce(
        state.clone(),
        ShareAction::Kept(StorageAction::Notify(StorageNotice::ChoiceFailed(
            "blocked".into(),
        ))),
    );
    assert!(
        refused.shared.is_some(),
        "a copy that was not saved keeps the view"
    );
    let not_saved = reduce(
        state.clone(),
        ShareAction::Kept(StorageAction::NotSaved(SaveFailure::ChangedElsewhere)),
    );
    assert!(not_saved.shared.is_some());
    let kept = reduce(
        state,
        ShareAction::Kept(StorageAction::Saved(StoredVersion::of(Some("{}")))),
    );
    assert!(kept.shared.is_none());
    assert_eq!(
        kept.topology(),
        &shared,
        "the kept network is the one shown"
    );
}

#[wasm_bindgen_test]
fn the_link_dialog_follows_the_clipboard_only_for_the_link_it_shows() {
    let state = AppState::new(example::article_network());
    let copying = reduce(
        state,
        ShareAction::ShowLink(LinkDialog::Copying("https://a/#network=1.x".into())),
    );
    let stale = reduce(
        copying.clone(),
        ShareAction::ClipboardDone {
            link: "https://a/#network=1.other".into(),
            copied: true,
        },
    );
    assert_eq!(stale.link_dialog, copying.link_dialog);
    let refused = reduce(
        copying.clone(),
        ShareAction::ClipboardDone {
            link: "https://a/#network=1.x".into(),
            copied: false,
        },
    );
    assert_eq!(
        refused.link_dialog,
        Some(LinkDialog::CopyByHand("https://a/#network=1.x".into()))
    );
    let closed = (*Rc::new(refused).reduce(Action::Cancel)).clone();
    assert_eq!(closed.link_dialog, None, "Escape closes the dialog first");
}

#[wasm_bindgen_test]
fn a_bad_share_link_is_explained_in_both_languages() {
    let fragment = share::encode(&example::article_network());
    // Cut at a whole base64 quantum, as a chat app cuts a long line: the data ends early.
    let (head, payload) = fragment.split_at("#network=1.".len());
    let cut = format!("{head}{}", &payload[..payload.len() / 2 / 4 * 4]);
    let error = share::decode(&cut).expect_err("a cut link does not decode");
    assert_eq!(error, ShareError::Truncated);
    let notice = Notice::BadShareLink(error);
    let english = notice_text(Language::English, &notice);
    let spanish = notice_text(Language::Spanish, &notice);
    assert!(
        english.contains("cut short") && english.contains("Your own network is shown"),
        "{english}"
    );
    assert!(
        spanish.contains("cortado") && spanish.contains("tu propia red"),
        "{spanish}"
    );
}
