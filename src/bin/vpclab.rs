//! The `vpclab` command line: runs scenario files through the same code as the tests and the
//! app (`vpclab::model::scenario`).
//!
//! ```text
//! vpclab run FILE...          run each scenario
//! vpclab run --print FILE...  also print each final topology as JSON
//! vpclab example N            print a stored network of N instances (for timing the app)
//! ```
//!
//! Exit status: 0 when every step of every file matches its expectation; 1 when a step does
//! not (the first such step of each file is named: index, Action, Ref, expected, got); 2
//! when a file is not a valid scenario (the field path and what is wrong) or the usage is
//! wrong.

use std::process::ExitCode;

use vpclab::model::{document, example, limits, scenario};

const USAGE: &str = "usage: vpclab run [--print] FILE... | vpclab example INSTANCES";

/// What happened to one file.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Status {
    Passed = 0,
    Failed = 1,
    Invalid = 2,
}

fn run_file(path: &str, print: bool) -> Status {
    // A file past the scenario limit is refused from its length on disk, before it is read.
    if let Ok(metadata) = std::fs::metadata(path) {
        let size = usize::try_from(metadata.len()).unwrap_or(usize::MAX);
        if let Err(too_large) = limits::check_size(size, limits::SCENARIO_BYTES) {
            eprintln!("error {path}: the scenario is too large: {too_large}");
            return Status::Invalid;
        }
    }
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error {path}: cannot read: {error}");
            return Status::Invalid;
        }
    };
    let report = match scenario::run_text(&text) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("error {path}: {error}");
            return Status::Invalid;
        }
    };
    let status = match report.first_failure() {
        None => {
            println!(
                "ok   {path}: {} steps ({})",
                report.steps.len(),
                report.title
            );
            Status::Passed
        }
        Some(step) => {
            println!("FAIL {path}: {step}");
            Status::Failed
        }
    };
    if print {
        println!("{}", document::to_json_pretty(&report.topology));
    }
    status
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [command, count] = args.as_slice() {
        if command == "example" {
            return match count.parse::<usize>() {
                Ok(instances) => {
                    println!("{}", document::to_json(&example::large_network(instances)));
                    ExitCode::SUCCESS
                }
                Err(_) => {
                    eprintln!("not a number of instances: {count}\n{USAGE}");
                    ExitCode::from(2)
                }
            };
        }
    }
    let Some(("run", rest)) = args
        .split_first()
        .map(|(first, rest)| (first.as_str(), rest))
    else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let print = rest.iter().any(|arg| arg == "--print");
    let files: Vec<&String> = rest.iter().filter(|arg| *arg != "--print").collect();
    if files.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let worst = files
        .iter()
        .map(|file| run_file(file, print))
        .max()
        .unwrap_or(Status::Passed);
    ExitCode::from(worst as u8)
}
