//! Semver from the diff: which findings call for which bump, and the next
//! version with the usual 0.x shift.

use serde::Serialize;

use crate::diff::{Finding, Level};
use crate::ir::Version;

/// How much the version moves. Ordered: `Patch < Minor < Major`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    /// Documentation or spec notes only (or no spec change: generator fixes).
    Patch,
    /// Additions and compatible changes.
    Minor,
    /// A `wire` or `sdk` error: deployed clients or code built on the SDKs break.
    Major,
}

impl Bump {
    /// `major`, `minor` or `patch`.
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// The bump a finding calls for. Accepted findings count like any
    /// other: accepting a break means shipping it, not that it stops being
    /// one.
    pub fn of(f: &Finding) -> Bump {
        match (f.level, f.rule) {
            (Level::Err, _) => Bump::Major,
            (_, "docs-changed" | "notes-changed") => Bump::Patch,
            _ => Bump::Minor,
        }
    }

    /// The version after `current`. While the major version is 0, every
    /// bump moves one place right (as Cargo reads 0.x versions): a break
    /// raises the minor number, anything else the patch number.
    pub fn next(self, current: Version) -> Version {
        let effective = match (current.major, self) {
            (0, Bump::Major) => Bump::Minor,
            (0, _) => Bump::Patch,
            (_, b) => b,
        };
        match effective {
            Bump::Major => Version {
                major: current.major + 1,
                minor: 0,
                patch: 0,
            },
            Bump::Minor => Version {
                minor: current.minor + 1,
                patch: 0,
                ..current
            },
            Bump::Patch => Version {
                patch: current.patch + 1,
                ..current
            },
        }
    }
}

impl std::fmt::Display for Bump {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn bumps_with_the_zero_shift() {
        assert_eq!(Bump::Major.next(v("1.4.2")), v("2.0.0"));
        assert_eq!(Bump::Minor.next(v("1.4.2")), v("1.5.0"));
        assert_eq!(Bump::Patch.next(v("1.4.2")), v("1.4.3"));
        assert_eq!(Bump::Major.next(v("0.1.0")), v("0.2.0"));
        assert_eq!(Bump::Minor.next(v("0.1.0")), v("0.1.1"));
        assert_eq!(Bump::Patch.next(v("0.1.0")), v("0.1.1"));
        assert_eq!(Bump::Major.next(v("0.0.1")), v("0.1.0"));
    }

    #[test]
    fn versions_parse_strictly() {
        assert_eq!(v("10.0.3").to_string(), "10.0.3");
        for bad in ["1.0", "1.0.0-rc.1", "01.2.3", "a.b.c", "1..2", ""] {
            assert!(Version::parse(bad).is_err(), "{bad}");
        }
        assert!(v("1.10.0") > v("1.9.9"));
    }
}
