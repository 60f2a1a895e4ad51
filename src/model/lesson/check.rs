//! Playing a lesson through, as `vpclab check` does: the start builds, every `show` step's
//! calls succeed and its highlights name elements, every `do` goal is false when its step
//! opens and true after its solution, and every `predict` answer is what the trace
//! answers. [`play_to`] is the same walk stopped before a step: the network a learner
//! sees when a step opens (for `&step=N`).

use std::collections::BTreeMap;
use std::fmt;

use super::explain::Unmet;
use super::{Lesson, Start, Step, StepKind, Verdict};
use crate::model::element::ElementId;
use crate::model::error::{CommandError, ErrorCode, ErrorDetail};
use crate::model::scenario::{self, Outcome, StepReport};
use crate::model::topology::Topology;

/// The Refs of a lesson so far: each name with the id it stands for.
pub type Refs = BTreeMap<String, String>;

/// Why a lesson does not teach what it says; each names the step (from 0, as the file's
/// `steps[i]` paths do).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckError {
    /// A call of the start does not do what it expects.
    StartFails {
        /// The call, what it expected and what happened.
        call: Box<StepReport>,
    },
    /// A call of a `show` step does not do what it expects.
    ShowFails {
        /// The step.
        step: usize,
        /// The call, what it expected and what happened.
        call: Box<StepReport>,
    },
    /// A `show` step highlights something that is not in the network.
    UnknownHighlight {
        /// The step.
        step: usize,
        /// The Ref or id as written.
        name: String,
    },
    /// A `do` goal already holds when its step opens: the learner would have nothing to do.
    GoalAlreadyMet {
        /// The step.
        step: usize,
    },
    /// A call of a `do` step's solution does not do what it expects.
    SolutionFails {
        /// The step.
        step: usize,
        /// The call, what it expected and what happened.
        call: Box<StepReport>,
    },
    /// A `do` step's solution runs but does not reach its goal.
    GoalNotReached {
        /// The step.
        step: usize,
        /// Why the goal still does not hold.
        unmet: Box<Unmet>,
    },
    /// A `predict` step's trace cannot run (a protocol or port that is not one).
    TraceFails {
        /// The step.
        step: usize,
        /// Why.
        error: CommandError,
    },
    /// A `predict` step's declared answer is not what the trace answers.
    WrongAnswer {
        /// The step.
        step: usize,
        /// The verdict of the declared answer.
        declared: Verdict,
        /// What the trace answers.
        actual: Verdict,
    },
}

impl CheckError {
    /// The step at fault (`None` for the start).
    pub fn step(&self) -> Option<usize> {
        match self {
            CheckError::StartFails { .. } => None,
            CheckError::ShowFails { step, .. }
            | CheckError::UnknownHighlight { step, .. }
            | CheckError::GoalAlreadyMet { step }
            | CheckError::SolutionFails { step, .. }
            | CheckError::GoalNotReached { step, .. }
            | CheckError::TraceFails { step, .. }
            | CheckError::WrongAnswer { step, .. } => Some(*step),
        }
    }
}

impl fmt::Display for CheckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckError::StartFails { call } => write!(f, "start: {call}"),
            CheckError::ShowFails { step, call } => write!(f, "steps[{step}] (show): {call}"),
            CheckError::UnknownHighlight { step, name } => write!(
                f,
                "steps[{step}] (show): highlights \"{name}\", which is no Ref or element of the network"
            ),
            CheckError::GoalAlreadyMet { step } => write!(
                f,
                "steps[{step}] (do): the goal is already met when the step opens"
            ),
            CheckError::SolutionFails { step, call } => {
                write!(f, "steps[{step}] (do): solution {call}")
            }
            CheckError::GoalNotReached { step, unmet } => write!(
                f,
                "steps[{step}] (do): the solution does not reach the goal: {unmet}"
            ),
            CheckError::TraceFails { step, error } => {
                write!(f, "steps[{step}] (predict): the trace cannot run: {error}")
            }
            CheckError::WrongAnswer {
                step,
                declared,
                actual,
            } => write!(
                f,
                "steps[{step}] (predict): the answer says {declared}, the trace answers {actual}"
            ),
        }
    }
}

impl std::error::Error for CheckError {}

/// What a lesson that passes [`check`] holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckReport {
    /// The lesson's id.
    pub id: String,
    /// How many steps of each kind: show, do, predict.
    pub counts: [usize; 3],
    /// The network at the end of the lesson (every solution applied).
    pub topology: Topology,
    /// The Refs at the end of the lesson.
    pub refs: Refs,
}

impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [show, task, predict] = self.counts;
        write!(
            f,
            "lesson {}, {} steps ({show} show, {task} do, {predict} predict)",
            self.id,
            show + task + predict
        )
    }
}

/// The network a lesson starts from, with the Refs its start names.
///
/// # Errors
/// [`CheckError::StartFails`] when a call of the start does not do what it expects.
pub fn start_network(lesson: &Lesson) -> Result<(Topology, Refs), CheckError> {
    match &lesson.start {
        Start::Topology(topology) => Ok(((**topology).clone(), Refs::new())),
        Start::Steps(steps) => {
            let report = scenario::run_steps(Topology::new(lesson.rules), Refs::new(), steps);
            match report.first_failure() {
                Some(call) => Err(CheckError::StartFails {
                    call: Box::new(call.clone()),
                }),
                None => Ok((report.topology, report.refs)),
            }
        }
    }
}

/// The error codes the failed calls of a report met, in order.
pub fn codes_met(report: &scenario::Report) -> Vec<ErrorCode> {
    report
        .steps
        .iter()
        .filter_map(|step| match &step.outcome {
            Outcome::Failed(error) => Some(error.kind),
            _ => None,
        })
        .collect()
}

/// Whether `name` (a Ref or an element id) names an element of the network.
fn names_an_element(topology: &Topology, refs: &Refs, name: &str) -> bool {
    let id = refs.get(name).map_or(name, String::as_str);
    match id.parse::<ElementId>() {
        Ok(ElementId::Resource(id)) => {
            topology.contains_id(&id) || topology.vpcs().values().any(|vpc| vpc.vrouter_id == id)
        }
        Ok(ElementId::Zone { vpc, .. }) => topology.vpc(&vpc).is_some(),
        Ok(ElementId::More(vswitch)) => topology.vswitch(&vswitch).is_some(),
        Ok(ElementId::PublicIp(holder)) => {
            topology.public_ip_of(&holder).is_some() || topology.eip_of(&holder).is_some()
        }
        Ok(_) => true,
        Err(_) => false,
    }
}

/// Plays one step on the network as it stands when the step opens, checking it, and
/// leaves the network as the next step finds it.
fn play_step(step: &Step, topology: &mut Topology, refs: &mut Refs) -> Result<(), CheckError> {
    let index = step.index;
    match &step.kind {
        StepKind::Show(show) => {
            let report = scenario::run_steps(topology.clone(), refs.clone(), &show.calls);
            if let Some(call) = report.first_failure() {
                return Err(CheckError::ShowFails {
                    step: index,
                    call: Box::new(call.clone()),
                });
            }
            *topology = report.topology;
            *refs = report.refs;
            if let Some(name) = show
                .highlight
                .iter()
                .find(|name| !names_an_element(topology, refs, name))
            {
                return Err(CheckError::UnknownHighlight {
                    step: index,
                    name: name.clone(),
                });
            }
        }
        StepKind::Do(task) => {
            if task.goal.evaluate(topology, refs, &[]).is_ok() {
                return Err(CheckError::GoalAlreadyMet { step: index });
            }
            let report = scenario::run_steps(topology.clone(), refs.clone(), &task.solution);
            if let Some(call) = report.first_failure() {
                return Err(CheckError::SolutionFails {
                    step: index,
                    call: Box::new(call.clone()),
                });
            }
            let met = codes_met(&report);
            // The goal is judged with the Refs the step opened with: the learner's own way
            // to the goal names nothing, so neither may the solution.
            let bindings = task
                .goal
                .evaluate(&report.topology, refs, &met)
                .map_err(|unmet| CheckError::GoalNotReached {
                    step: index,
                    unmet: Box::new(unmet),
                })?;
            *topology = report.topology;
            refs.extend(bindings);
        }
        StepKind::Predict(predict) => match scenario::trace_query(&predict.trace, refs, topology) {
            Outcome::Traced(trace) => {
                let actual = Verdict::of(&trace);
                let declared = predict.choices[predict.answer].verdict;
                if declared != actual {
                    return Err(CheckError::WrongAnswer {
                        step: index,
                        declared,
                        actual,
                    });
                }
            }
            Outcome::Failed(error) => return Err(CheckError::TraceFails { step: index, error }),
            Outcome::Succeeded(_) | Outcome::Unsupported(_) => {
                return Err(CheckError::TraceFails {
                    step: index,
                    error: CommandError::new(ErrorCode::Unsupported, ErrorDetail::TraceDidNotRun),
                })
            }
        },
    }
    Ok(())
}

/// The network and Refs as step `step` (from 0) opens: the start, then every earlier step
/// played (show calls applied, do solutions applied), each checked on the way.
///
/// # Errors
/// The [`CheckError`] of the first step before `step` that does not pass.
pub fn play_to(lesson: &Lesson, step: usize) -> Result<(Topology, Refs), CheckError> {
    let (mut topology, mut refs) = start_network(lesson)?;
    for earlier in lesson.steps.iter().take(step) {
        play_step(earlier, &mut topology, &mut refs)?;
    }
    Ok((topology, refs))
}

/// Checks a lesson by playing it through (see the module documentation).
///
/// # Errors
/// The [`CheckError`] of the first step that does not pass, naming it.
pub fn check(lesson: &Lesson) -> Result<CheckReport, CheckError> {
    let (topology, refs) = play_to(lesson, lesson.steps.len())?;
    let mut counts = [0; 3];
    for step in &lesson.steps {
        let slot = match step.kind {
            StepKind::Show(_) => 0,
            StepKind::Do(_) => 1,
            StepKind::Predict(_) => 2,
        };
        counts[slot] += 1;
    }
    Ok(CheckReport {
        id: lesson.id.clone(),
        counts,
        topology,
        refs,
    })
}
