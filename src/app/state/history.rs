//! Undo and redo: a history of whole topologies (each shared behind an `Rc`, so keeping
//! 200 of them costs pointers), not inverse operations.

use std::rc::Rc;

use crate::model::Topology;

/// How many past states undo keeps.
pub const HISTORY_LIMIT: usize = 200;

/// The network now, and the networks undo and redo lead to.
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    past: Vec<Rc<Topology>>,
    present: Rc<Topology>,
    future: Vec<Rc<Topology>>,
}

impl History {
    /// A history that starts at `topology`, with nothing to undo.
    pub fn new(topology: Topology) -> History {
        History {
            past: Vec::new(),
            present: Rc::new(topology),
            future: Vec::new(),
        }
    }

    /// The current network.
    pub fn present(&self) -> &Rc<Topology> {
        &self.present
    }

    /// Makes `topology` current; what was current becomes undoable, and redo is forgotten.
    pub fn push(&mut self, topology: Topology) {
        let previous = std::mem::replace(&mut self.present, Rc::new(topology));
        self.past.push(previous);
        if self.past.len() > HISTORY_LIMIT {
            self.past.remove(0);
        }
        self.future.clear();
    }

    /// Steps back; returns whether there was anything to undo.
    pub fn undo(&mut self) -> bool {
        match self.past.pop() {
            Some(previous) => {
                let current = std::mem::replace(&mut self.present, previous);
                self.future.push(current);
                true
            }
            None => false,
        }
    }

    /// Steps forward again; returns whether there was anything to redo.
    pub fn redo(&mut self) -> bool {
        match self.future.pop() {
            Some(next) => {
                let current = std::mem::replace(&mut self.present, next);
                self.past.push(current);
                true
            }
            None => false,
        }
    }

    /// How many steps can be undone.
    pub fn undo_depth(&self) -> usize {
        self.past.len()
    }

    /// How many steps can be redone.
    pub fn redo_depth(&self) -> usize {
        self.future.len()
    }
}
