//! The diagram of the network laid out for the canvas: the layout is memoised on the
//! network's identity, the VSwitches the user opened and the canvas's size (rounded to 8 px),
//! never on the selection or the view, and is made at once, while the page is first built,
//! when the canvas asks for it with its measured size ([`DiagramView::lay_out`]).

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use super::i18n::Language;
use super::state::SharedTopology;
use crate::layout::{self, Diagram, LayoutOptions};
use crate::model::Topology;

thread_local! {
    /// How many times the app has laid out its diagram, for [`layouts_computed`].
    static LAYOUTS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many times the app has laid out its diagram since the page loaded. The layout is
/// cached by the network's identity, the expanded VSwitches and the canvas's size, so
/// selecting, zooming and panning never lay out again; tests pin that with this count.
pub fn layouts_computed() -> u64 {
    LAYOUTS.with(std::cell::Cell::get)
}

/// What the layout knows of the canvas's size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CanvasSize {
    /// Not mounted yet: nothing is laid out.
    Unmeasured,
    /// Mounted with no size (hidden): laid out for no particular viewport.
    Empty,
    /// Its size in CSS pixels, rounded down to multiples of 8.
    Known(u32, u32),
}

/// The diagram of the network and what it depends on besides the network.
pub(super) struct DiagramView {
    pub(super) diagram: Rc<Diagram>,
    /// The VSwitches the user opened past the collapse threshold (a view choice, not saved).
    pub(super) expanded: Rc<BTreeSet<String>>,
    /// Opens or closes a VSwitch.
    pub(super) ontoggle: Callback<String>,
    /// Tells the layout the canvas's size, so it arranges the diagram to fill it.
    pub(super) onresize: Callback<(u32, u32)>,
    /// Lays the network out at once for a canvas of the size given, for the canvas's first
    /// frame ([`CanvasSize::Unmeasured`] until the size reaches the app's state); none for a
    /// canvas with no size.
    pub(super) lay_out: Callback<(u32, u32), Option<Rc<Diagram>>>,
}

/// What a layout was made for: the network, the expanded VSwitches, the canvas, the language.
type LayoutKey = (SharedTopology, BTreeSet<String>, CanvasSize, Language);

impl CanvasSize {
    /// A measured size, rounded down to multiples of 8 so that dragging a window edge does
    /// not lay out again at every pixel; no size is [`CanvasSize::Empty`].
    fn measured(width: u32, height: u32) -> CanvasSize {
        if width > 0 && height > 0 {
            CanvasSize::Known(width / 8 * 8, height / 8 * 8)
        } else {
            CanvasSize::Empty
        }
    }
}

/// The network laid out for `canvas` (counted by [`layouts_computed`]).
fn layout_for(key: &LayoutKey) -> Diagram {
    let (shared, expanded, canvas, language) = key;
    LAYOUTS.with(|count| count.set(count.get() + 1));
    let viewport = match *canvas {
        CanvasSize::Known(width, height) => Some((width, height)),
        CanvasSize::Unmeasured | CanvasSize::Empty => None,
    };
    let options = LayoutOptions {
        expanded: expanded.clone(),
        viewport,
        place_names: crate::text::places::names(language.lesson()),
        ..LayoutOptions::default()
    };
    layout::diagram(&shared.0, &options)
}

/// The diagram of the network, laid out for the canvas's size, with the VSwitches the user
/// opened past the collapse threshold.
#[hook]
pub(super) fn use_diagram(topology: &Rc<Topology>, language: Language) -> DiagramView {
    let expanded = use_state(BTreeSet::<String>::new);
    // The canvas's size, so the layout arranges the diagram to fill it. `_eq`: the canvas
    // reports its size on mount and again when its observer starts, and an equal size must
    // not render the app a second time.
    let canvas = use_state_eq(|| CanvasSize::Unmeasured);
    // The layout the canvas asked for before its size reached this state (its first frame),
    // taken by the memo below instead of laying the same network out twice.
    let early = use_mut_ref(|| None::<(LayoutKey, Rc<Diagram>)>);
    let key: LayoutKey = (
        SharedTopology(topology.clone()),
        (*expanded).clone(),
        *canvas,
        language,
    );
    // Built before the memo, which takes `key`: it copies the expanded set only when the
    // canvas asks (once, while the page is first built), not at every render.
    let lay_out = {
        let (early, topology, expanded) = (early.clone(), topology.clone(), expanded.clone());
        Callback::from(move |(width, height): (u32, u32)| {
            let canvas = CanvasSize::measured(width, height);
            if canvas == CanvasSize::Empty {
                return None;
            }
            let key: LayoutKey = (
                SharedTopology(topology.clone()),
                (*expanded).clone(),
                canvas,
                language,
            );
            let diagram = Rc::new(layout_for(&key));
            *early.borrow_mut() = Some((key, diagram.clone()));
            Some(diagram)
        })
    };
    let memo = use_memo(key, {
        let early = early.clone();
        move |key: &LayoutKey| {
            if key.2 == CanvasSize::Unmeasured {
                // Nothing is built into the page for no size only to be replaced: the canvas
                // measures itself while the page is first built and asks `lay_out` above.
                return Rc::new(Diagram::default());
            }
            match early.borrow_mut().take() {
                Some((made_for, diagram)) if made_for == *key => diagram,
                _ => Rc::new(layout_for(key)),
            }
        }
    });
    let diagram: Rc<Diagram> = (*memo).clone();
    let measured = use_mut_ref(|| false);
    let onresize = Callback::from(move |(width, height): (u32, u32)| {
        // Not compared with `*canvas`: this callback may be an older render's, holding an
        // older size; `use_state_eq` drops an unchanged one. A hidden canvas (no size) keeps
        // the last size it had, or lays out for none if it never had one.
        let size = CanvasSize::measured(width, height);
        if size != CanvasSize::Empty {
            *measured.borrow_mut() = true;
            canvas.set(size);
        } else if !*measured.borrow() {
            canvas.set(CanvasSize::Empty);
        }
    });
    let ontoggle = {
        let expanded = expanded.clone();
        Callback::from(move |vswitch: String| {
            let mut next = (*expanded).clone();
            if !next.remove(&vswitch) {
                next.insert(vswitch);
            }
            expanded.set(next);
        })
    };
    DiagramView {
        diagram,
        expanded: Rc::new((*expanded).clone()),
        ontoggle,
        onresize,
        lay_out,
    }
}
