//! The shared-network view and the "Copy link" dialog: the sharing part of the reducer.
//!
//! A page opened with `#network=…` shows the network the link carries, while the
//! visitor's own network (and its undo history) waits in [`SharedView::own`]. Nothing is
//! saved in that view: the visitor's stored network is only replaced by "Keep a copy",
//! which goes through the same replace flow as the storage notices (what is stored is
//! downloaded first).

use std::rc::Rc;

use super::{AppState, History};
use crate::app::saving::StorageAction;

/// A shared network on screen, and the visitor's own network set aside meanwhile.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedView {
    /// The visitor's own network and its undo history, as they were.
    pub own: Rc<History>,
}

/// What the "Copy link" dialog shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkDialog {
    /// The link is being written to the clipboard.
    Copying(String),
    /// The link is on the clipboard (and in the field).
    Copied(String),
    /// The clipboard is not available: the field holds the link to copy by hand.
    CopyByHand(String),
    /// The link would be longer than [`crate::export::share::LINK_WARN_BYTES`]: the file
    /// is offered instead.
    TooLong {
        /// The link's length in bytes.
        bytes: usize,
    },
}

impl LinkDialog {
    /// The link, when the dialog holds one.
    pub fn link(&self) -> Option<&str> {
        match self {
            LinkDialog::Copying(link) | LinkDialog::Copied(link) | LinkDialog::CopyByHand(link) => {
                Some(link)
            }
            LinkDialog::TooLong { .. } => None,
        }
    }
}

/// A change to the shared view or the link dialog.
#[derive(Clone, Debug, PartialEq)]
pub enum ShareAction {
    /// Show the link dialog in this state.
    ShowLink(LinkDialog),
    /// Close the link dialog.
    CloseLink,
    /// The clipboard answered for `link`: copied or not (ignored if the dialog moved on).
    ClipboardDone {
        /// The link that was being copied.
        link: String,
        /// Whether the clipboard took it.
        copied: bool,
    },
    /// "Keep a copy": the outcome of saving the shared network over the stored one. A
    /// save ends the shared view; anything else leaves it, with the notice saying why.
    Kept(StorageAction),
    /// "Back to my network": the shared network is dropped, the visitor's returns.
    BackToOwn,
}

impl AppState {
    /// Applies a [`ShareAction`]: the sharing part of the one reducer.
    pub(super) fn change_sharing(&mut self, action: ShareAction) {
        match action {
            ShareAction::ShowLink(dialog) => self.link_dialog = Some(dialog),
            ShareAction::CloseLink => self.link_dialog = None,
            ShareAction::ClipboardDone { link, copied } => {
                if self.link_dialog == Some(LinkDialog::Copying(link.clone())) {
                    self.link_dialog = Some(if copied {
                        LinkDialog::Copied(link)
                    } else {
                        LinkDialog::CopyByHand(link)
                    });
                }
            }
            ShareAction::Kept(outcome) => {
                if matches!(outcome, StorageAction::Saved(_)) {
                    self.shared = None;
                }
                self.change_storage(outcome);
            }
            ShareAction::BackToOwn => {
                if let Some(view) = self.shared.take() {
                    self.history = view.own;
                    self.after_replace();
                }
            }
        }
    }

    /// Shows `shared` in place of the visitor's network, which waits until they choose.
    pub fn open_shared(&mut self, shared: crate::model::Topology) {
        let own = std::mem::replace(&mut self.history, Rc::new(History::new(shared)));
        self.shared = Some(SharedView { own });
        self.view_epoch += 1;
        self.show_hint = false;
    }
}
