//! Diagnostics: problems found while reading sources, reported with file and
//! line and never fatal by themselves (`check --strict` makes them so).

use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, bitcode::Encode, bitcode::Decode,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Information an editor should know (what was kept out of the site).
    Note,
    Warning,
    Error,
}

/// One problem, at a 1-based line of a source (0 = the whole file).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, bitcode::Encode, bitcode::Decode)]
pub struct Diagnostic {
    pub severity: Severity,
    pub line: usize,
    pub message: String,
}

impl Diagnostic {
    pub fn warning(line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            line,
            message: message.into(),
        }
    }
    pub fn note(line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            line,
            message: message.into(),
        }
    }
    pub fn error(line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            line,
            message: message.into(),
        }
    }
}

/// A diagnostic attached to the file it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Located {
    pub file: PathBuf,
    #[serde(flatten)]
    pub diag: Diagnostic,
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.diag.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        if self.diag.line > 0 {
            write!(
                f,
                "{}:{}: {sev}: {}",
                self.file.display(),
                self.diag.line,
                self.diag.message
            )
        } else {
            write!(f, "{}: {sev}: {}", self.file.display(), self.diag.message)
        }
    }
}
