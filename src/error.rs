//! The one error type of ccsim, and the exit code each kind of failure maps to.
//!
//! Exit codes are part of the user contract (SPEC.md): 1 for a negative verdict
//! (a regression found by `check`), 2 for bad input or usage, 3 for runtime failures.

use std::fmt;

/// A failure that ends a command, already worded for the user.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// Bad input or usage: invalid scenario, impossible value. Exit code 2; nothing written.
    Input(String),
    /// The command ran but its verdict is negative (a regression). Exit code 1.
    Verdict(String),
    /// Something failed while running: an unwritable folder, an interrupted run. Exit code 3.
    Runtime(String),
}

impl Error {
    /// The process exit code documented in SPEC.md for this kind of failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Verdict(_) => 1,
            Error::Input(_) => 2,
            Error::Runtime(_) => 3,
        }
    }

    /// Shorthand for an input error; the message is kept to one line whatever it quotes.
    pub fn input(msg: impl Into<String>) -> Self {
        Error::Input(one_line(&msg.into()))
    }

    /// Shorthand for a runtime error; the message is kept to one line whatever it quotes.
    pub fn runtime(msg: impl Into<String>) -> Self {
        Error::Runtime(one_line(&msg.into()))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(m) | Error::Verdict(m) | Error::Runtime(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

/// Result with ccsim's error type.
pub type Result<T> = std::result::Result<T, Error>;

/// The reason of an I/O error in plain words, without Rust's "(os error 2)" suffix.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "it is a folder, not a file".into(),
        NotADirectory => "a part of the path is a file, not a folder".into(),
        StorageFull => "the disk is full".into(),
        ReadOnlyFilesystem => "the file system is read-only".into(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
    }
}

/// Text quoted from a user's file, made safe for a one-line message: line breaks and
/// other control characters are shown escaped (`\n`), never printed raw.
pub fn one_line(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
