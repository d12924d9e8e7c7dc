//! What the examples share: reading the input document and writing the report.

use std::io::{Read, Write as _};
use std::process::ExitCode;

/// The input document: the built-in example, a file, or standard input for `-`, with a name
/// for error messages.
pub fn read_input(path: Option<&str>, builtin: &str) -> Result<(String, String), String> {
    match path {
        None => Ok(("built-in example".to_owned(), builtin.to_owned())),
        Some("-") => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| format!("stdin: {e}"))?;
            Ok(("stdin".to_owned(), text))
        }
        Some(file) => Ok((file.to_owned(), std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?)),
    }
}

/// Writes the report, or the error as one line on stderr with exit status 1. A closed pipe
/// (`| head`) is not an error worth reporting.
pub fn finish(program: &str, result: Result<String, String>) -> ExitCode {
    match result {
        Ok(report) => match std::io::stdout().lock().write_all(report.as_bytes()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                eprintln!("{program}: stdout: {e}");
                ExitCode::FAILURE
            }
            _ => ExitCode::SUCCESS,
        },
        Err(message) => {
            eprintln!("{program}: {message}");
            ExitCode::FAILURE
        }
    }
}

/// A bad command line: the problem and the usage, exit status 2.
pub fn usage(program: &str, problem: &str, usage: &str) -> ExitCode {
    eprintln!("{program}: {problem}\n{usage}");
    ExitCode::from(2)
}
