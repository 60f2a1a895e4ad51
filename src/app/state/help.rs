//! Help: the first-run tour (a few steps over the parts of the screen, skippable, and
//! remembered in the preferences once finished or skipped) and the keyboard-shortcuts dialog.

use super::AppState;

/// How many steps the tour has.
pub const TOUR_STEPS: usize = 5;

/// A change to the tour or the shortcuts dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelpAction {
    /// Start the tour at its first step.
    StartTour,
    /// Go to the tour's next step (the last one ends it).
    Next,
    /// Go back one step.
    Back,
    /// Leave the tour (skipped or done); it is not offered again.
    EndTour,
    /// Open or close the keyboard-shortcuts dialog.
    Shortcuts(bool),
}

impl AppState {
    /// Applies a [`HelpAction`].
    pub(super) fn change_help(&mut self, change: HelpAction) {
        match change {
            HelpAction::StartTour => {
                self.tour = Some(0);
                self.shortcuts_open = false;
            }
            HelpAction::Next => {
                self.tour = match self.tour {
                    Some(step) if step + 1 < TOUR_STEPS => Some(step + 1),
                    _ => {
                        self.end_tour();
                        None
                    }
                };
            }
            HelpAction::Back => self.tour = self.tour.map(|step| step.saturating_sub(1)),
            HelpAction::EndTour => self.end_tour(),
            HelpAction::Shortcuts(open) => self.shortcuts_open = open,
        }
    }

    /// Closes the tour and remembers it was seen (the preferences are saved with the
    /// language, through `app::storage`; with storage blocked it is remembered for the visit).
    fn end_tour(&mut self) {
        self.tour = None;
        self.preferences.tour_seen = true;
    }
}
