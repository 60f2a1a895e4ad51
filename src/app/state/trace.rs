//! The path-analysis panel's part of the state: what to trace, and where the animation is.
//! The answer itself is worked out by the app from this and the network (see
//! [`crate::app::components::trace_panel::analyse`]).

use super::AppState;
use crate::model::trace::Protocol;
use crate::model::ElementId;

/// Which end of a trace the next click on the diagram fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum TraceEnd {
    /// The source.
    #[default]
    Source,
    /// The destination.
    Destination,
}

/// The path-analysis panel: what to trace, and where the animation is.
#[derive(Clone, Debug, PartialEq)]
pub struct TraceSetup {
    /// The source endpoint, as text `Endpoint::parse` reads (an id, `internet`, ...).
    pub source: String,
    /// The destination endpoint, likewise.
    pub destination: String,
    /// The protocol.
    pub protocol: Protocol,
    /// The destination port, or empty for "any".
    pub port: String,
    /// Which end the next diagram click fills.
    pub next_end: TraceEnd,
    /// How many hops of the path are shown (the packet sits on the last one).
    pub step: usize,
    /// Whether the packet moves by itself.
    pub playing: bool,
    /// Milliseconds per hop.
    pub hop_millis: u32,
    /// Whether "who can the source reach?" is shown instead of one path.
    pub show_reachable: bool,
}

impl Default for TraceSetup {
    fn default() -> Self {
        TraceSetup {
            source: String::new(),
            destination: String::new(),
            protocol: Protocol::Tcp,
            port: "22".into(),
            next_end: TraceEnd::Source,
            step: 0,
            playing: false,
            hop_millis: 700,
            show_reachable: false,
        }
    }
}

/// A change to the trace panel.
#[derive(Clone, Debug, PartialEq)]
pub enum TraceAction {
    /// Open the panel, with the selected element (if any) as the source.
    Open,
    /// Close the panel.
    Close,
    /// Set the source.
    Source(String),
    /// Set the destination.
    Destination(String),
    /// Set the protocol.
    Protocol(Protocol),
    /// Set the port.
    Port(String),
    /// Show this many hops (clamped by the panel to the path's length).
    Step(usize),
    /// Start or stop the animation.
    Play(bool),
    /// The animation timer fired while `step` hops were shown: advance if still playing.
    Tick {
        /// The step the timer was started at.
        from: usize,
        /// The path's length, where playing stops.
        last: usize,
    },
    /// Set milliseconds per hop.
    Speed(u32),
    /// Toggle "who can the source reach?".
    ShowReachable(bool),
}

impl TraceSetup {
    /// Fills the end the next click was meant for, then expects the other one.
    pub(super) fn pick(&mut self, id: &ElementId) {
        match self.next_end {
            TraceEnd::Source => {
                self.source = id.to_string();
                self.next_end = TraceEnd::Destination;
            }
            TraceEnd::Destination => {
                self.destination = id.to_string();
                self.next_end = TraceEnd::Source;
            }
        }
        self.restart();
    }

    /// Back to the first hop, playing, whenever what is traced changes.
    fn restart(&mut self) {
        self.step = 1;
        self.playing = true;
    }

    /// Applies a change other than opening the panel.
    fn change(&mut self, change: TraceAction) {
        match change {
            TraceAction::Open | TraceAction::Close => {}
            TraceAction::Source(text) => {
                self.source = text;
                self.restart();
            }
            TraceAction::Destination(text) => {
                self.destination = text;
                self.restart();
            }
            TraceAction::Protocol(protocol) => {
                self.protocol = protocol;
                self.restart();
            }
            TraceAction::Port(text) => {
                self.port = text;
                self.restart();
            }
            TraceAction::Step(step) => {
                self.step = step;
                self.playing = false;
            }
            TraceAction::Play(playing) => self.playing = playing,
            TraceAction::Tick { from, last } => {
                if self.playing && self.step == from {
                    self.step = (from + 1).min(last);
                    self.playing = self.step < last;
                }
            }
            TraceAction::Speed(millis) => self.hop_millis = millis.clamp(100, 5000),
            TraceAction::ShowReachable(show) => self.show_reachable = show,
        }
    }
}

impl AppState {
    pub(super) fn change_trace(&mut self, change: TraceAction) {
        match change {
            TraceAction::Open => {
                let mut setup = TraceSetup::default();
                if let Some(id) = self.selection.as_ref() {
                    if super::is_trace_endpoint(self.topology(), id) {
                        setup.source = id.to_string();
                        setup.next_end = TraceEnd::Destination;
                    }
                }
                self.trace = Some(setup);
            }
            TraceAction::Close => self.trace = None,
            other => {
                if let Some(trace) = self.trace.as_mut() {
                    trace.change(other);
                }
            }
        }
    }
}
