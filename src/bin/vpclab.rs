//! The `vpclab` command line: runs scenario files and checks lesson files through the same
//! code as the tests and the app (`vpclab::model::scenario`, `vpclab::model::lesson`).
//!
//! ```text
//! vpclab run FILE...          run each scenario
//! vpclab run --print FILE...  also print each final topology as JSON
//! vpclab check FILE...        check each lesson (played through: goals, predictions) or
//!                             scenario (run), told apart by their "vpclab" tag
//! vpclab export --format terraform|scenario|json FILE
//!                             print the network of a scenario or topology document
//!                             (FILE - reads standard input)
//! vpclab example N            print a stored network of N instances (for timing the app)
//! ```
//!
//! Exit status: 0 when every step of every file matches its expectation; 1 when a step does
//! not (the first such step of each file is named: index, Action, Ref, expected, got); 2
//! when a file is not a valid scenario (the field path and what is wrong) or the usage is
//! wrong. `check` answers the same: 0 when every file passes, 1 when a lesson's step does
//! not (a goal already met, a solution that misses its goal, a wrong predicted answer...)
//! or a scenario's step fails, 2 when a file is not a valid lesson or scenario. `export` answers the same: 0 with the export on standard output, 1 when a step
//! of the scenario fails or the network cannot be written as a scenario, 2 when the file
//! is not a valid scenario or topology document (or is over 1 MiB).

use std::io::Read;
use std::process::ExitCode;

use vpclab::export::{self, import, Format};
use vpclab::model::{document, example, lesson, limits, scenario};

const USAGE: &str = "usage: vpclab run [--print] FILE... | vpclab check FILE... | vpclab export --format terraform|scenario|json FILE | vpclab example INSTANCES";

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

/// Reads a lesson or scenario file for `check`, refusing one over the larger of the two
/// limits from its length on disk (each parser then applies its own).
fn read_checked(path: &str) -> Result<String, String> {
    let limit = limits::LESSON_BYTES.max(limits::SCENARIO_BYTES);
    if let Ok(metadata) = std::fs::metadata(path) {
        let size = usize::try_from(metadata.len()).unwrap_or(usize::MAX);
        limits::check_size(size, limit).map_err(|too_large| format!("too large: {too_large}"))?;
    }
    std::fs::read_to_string(path).map_err(|error| format!("cannot read: {error}"))
}

/// `vpclab check FILE`: a lesson is parsed and played through, a scenario is run.
fn check_file(path: &str) -> Status {
    let text = match read_checked(path) {
        Ok(text) => text,
        Err(message) => {
            eprintln!("error {path}: {message}");
            return Status::Invalid;
        }
    };
    let tag = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|value| {
            value
                .get("vpclab")
                .and_then(|tag| tag.as_str().map(str::to_owned))
        });
    match tag.as_deref() {
        Some(scenario::KIND) => match scenario::run_text(&text) {
            Err(error) => report_status(path, Status::Invalid, &error.to_string()),
            Ok(report) => match report.first_failure() {
                None => {
                    println!(
                        "ok   {path}: scenario, {} steps ({})",
                        report.steps.len(),
                        report.title
                    );
                    Status::Passed
                }
                Some(step) => report_status(path, Status::Failed, &step.to_string()),
            },
        },
        Some(lesson::KIND) => match lesson::parse(&text) {
            Err(error) => report_status(path, Status::Invalid, &error.to_string()),
            Ok(parsed) => match lesson::check(&parsed) {
                Ok(report) => {
                    println!("ok   {path}: {report}");
                    Status::Passed
                }
                Err(error) => report_status(path, Status::Failed, &error.to_string()),
            },
        },
        // Not JSON, or JSON without a known tag: the lesson parser says what is wrong.
        None => match lesson::parse(&text) {
            Err(error) => report_status(path, Status::Invalid, &error.to_string()),
            Ok(_) => Status::Passed,
        },
        Some(other) => report_status(
            path,
            Status::Invalid,
            &format!("\"vpclab\" is \"{other}\": expected \"lesson\" or \"scenario\""),
        ),
    }
}

/// Says why a file did not pass, as `run` words it: `FAIL` on standard output for a step
/// that fails, `error` on standard error for a file that is not valid.
fn report_status(path: &str, status: Status, message: &str) -> Status {
    match status {
        Status::Failed => println!("FAIL {path}: {message}"),
        _ => eprintln!("error {path}: {message}"),
    }
    status
}

/// Reads a file (or standard input for `-`), refusing one over the import limit before
/// reading it whole.
fn read_limited(path: &str) -> Result<Vec<u8>, String> {
    let limit = u64::try_from(import::MAX_BYTES).unwrap_or(u64::MAX);
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin().take(limit + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|file| file.take(limit + 1).read_to_end(&mut bytes))
    };
    read.map_err(|error| format!("cannot read: {error}"))?;
    Ok(bytes)
}

/// `vpclab export --format F FILE`.
fn export_file(args: &[String]) -> ExitCode {
    let mut format = None;
    let mut files = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == "--format" {
            format = rest.next().map(String::as_str);
        } else if let Some(name) = arg.strip_prefix("--format=") {
            format = Some(name);
        } else {
            files.push(arg.as_str());
        }
    }
    let (Some(name), [path]) = (format, files.as_slice()) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let Some(format) = Format::from_name(name) else {
        eprintln!("unknown format: {name} (expected terraform, scenario or json)\n{USAGE}");
        return ExitCode::from(2);
    };
    let topology = match read_limited(path) {
        Err(message) => return report(path, Status::Invalid, &message),
        Ok(bytes) => match import::import_bytes(&bytes) {
            Ok(imported) => imported.topology,
            // A scenario whose step fails is reported as `run` reports it.
            Err(import::ImportError::ScenarioFails(step)) => {
                return report(path, Status::Failed, &step.to_string())
            }
            Err(error) => return report(path, Status::Invalid, &error.to_string()),
        },
    };
    match export::export(&topology, format) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(error) => report(
            path,
            Status::Failed,
            &format!("cannot export as {}: {error}", format.name()),
        ),
    }
}

/// Says on standard error why `export` failed, as `run` words it, and exits with `status`.
fn report(path: &str, status: Status, message: &str) -> ExitCode {
    match status {
        Status::Failed => eprintln!("FAIL {path}: {message}"),
        _ => eprintln!("error {path}: {message}"),
    }
    ExitCode::from(status as u8)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(("export", rest)) = args
        .split_first()
        .map(|(first, rest)| (first.as_str(), rest))
    {
        return export_file(rest);
    }
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
    if let Some(("check", files)) = args
        .split_first()
        .map(|(first, rest)| (first.as_str(), rest))
    {
        if files.is_empty() {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
        let worst = files
            .iter()
            .map(|file| check_file(file))
            .max()
            .unwrap_or(Status::Passed);
        return ExitCode::from(worst as u8);
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
