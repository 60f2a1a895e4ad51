//! The `vpclab` command line: runs scenario files through the same code as the tests and the
//! app (`vpclab::model::scenario`).
//!
//! ```text
//! vpclab run FILE...          run each scenario
//! vpclab run --print FILE...  also print each final topology as JSON
//! vpclab export --format terraform|scenario|json FILE
//!                             print the network of a scenario or topology document
//!                             (FILE - reads standard input)
//! vpclab example N            print a stored network of N instances (for timing the app)
//! ```
//!
//! Exit status: 0 when every step of every file matches its expectation; 1 when a step does
//! not (the first such step of each file is named: index, Action, Ref, expected, got); 2
//! when a file is not a valid scenario (the field path and what is wrong) or the usage is
//! wrong. `export` answers the same: 0 with the export on standard output, 1 when a step
//! of the scenario fails or the network cannot be written as a scenario, 2 when the file
//! is not a valid scenario or topology document (or is over 1 MiB).

use std::io::Read;
use std::process::ExitCode;

use vpclab::export::{self, import, Format};
use vpclab::model::{document, example, limits, scenario};

const USAGE: &str = "usage: vpclab run [--print] FILE... | vpclab export --format terraform|scenario|json FILE | vpclab example INSTANCES";

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
