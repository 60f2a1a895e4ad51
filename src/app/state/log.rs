//! The log of API calls: every command the user ran, as the call Alibaba's API would
//! receive, with its outcome. It keeps the latest [`LOG_LIMIT`] calls and counts the ones
//! it let go, so a plan of thousands of calls neither grows the state without end nor
//! costs the text of calls nobody will see.

use std::collections::VecDeque;

use crate::model::{request_line, Command, CommandError, Response};

/// How many calls the log keeps.
pub const LOG_LIMIT: usize = 500;

/// One API call shown in the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoggedCall {
    /// The call as Alibaba's API would receive it: Action and parameters.
    pub request: String,
    /// `Ok` with the main response fields, or the error code.
    pub outcome: Result<String, String>,
}

impl LoggedCall {
    /// A call that succeeded, with its response fields.
    pub fn succeeded(command: &Command, response: &Response) -> LoggedCall {
        let mut summary = String::new();
        for (key, value) in &response.fields {
            if !summary.is_empty() {
                summary.push(' ');
            }
            summary.push_str(key);
            summary.push('=');
            summary.push_str(value);
        }
        LoggedCall {
            request: request_line(command),
            outcome: Ok(summary),
        }
    }

    /// A call the model refused, with its error code.
    pub fn failed(command: &Command, error: &CommandError) -> LoggedCall {
        LoggedCall {
            request: request_line(command),
            outcome: Err(error.code().to_owned()),
        }
    }
}

/// The latest calls, oldest first, and how many older ones were let go. (`Eq`, so an
/// `Rc` of it compares by pointer first.)
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiLog {
    calls: VecDeque<LoggedCall>,
    dropped: usize,
}

impl ApiLog {
    /// Adds a call, letting the oldest go past [`LOG_LIMIT`].
    pub fn push(&mut self, call: LoggedCall) {
        if self.calls.len() == LOG_LIMIT {
            self.calls.pop_front();
            self.dropped += 1;
        }
        self.calls.push_back(call);
    }

    /// Counts `count` calls that were made but never kept (the head of a long plan).
    pub fn skip(&mut self, count: usize) {
        self.dropped += count;
    }

    /// The kept calls, oldest first.
    pub fn calls(&self) -> impl DoubleEndedIterator<Item = &LoggedCall> + ExactSizeIterator {
        self.calls.iter()
    }

    /// The latest call.
    pub fn last(&self) -> Option<&LoggedCall> {
        self.calls.back()
    }

    /// How many calls are kept.
    pub fn len(&self) -> usize {
        self.calls.len()
    }

    /// Whether no call was ever made.
    pub fn is_empty(&self) -> bool {
        self.calls.is_empty() && self.dropped == 0
    }

    /// How many calls were let go (or never kept).
    pub fn dropped(&self) -> usize {
        self.dropped
    }
}
