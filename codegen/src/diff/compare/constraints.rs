//! Constraint changes of one field, judged from the request's point of
//! view: narrowed (stricter) or relaxed (looser). For a response it is the
//! other way round.

use serde_json::{Map, Value};

use super::code;
use crate::ir::{Code, Constraints};

/// The constraint changes of one field, split into stricter and looser ones.
#[derive(Debug, Default)]
pub(crate) struct ConstraintChanges {
    pub narrowed: Changes,
    pub relaxed: Changes,
}

/// Some constraint changes: what they say, and the values before and after
/// (by constraint keyword).
#[derive(Debug, Default)]
pub(crate) struct Changes {
    pub texts: Vec<String>,
    pub before: Map<String, Value>,
    pub after: Map<String, Value>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    fn push(&mut self, what: &str, before: Option<Value>, after: Option<Value>, text: String) {
        self.texts.push(text);
        self.before
            .insert(what.into(), before.unwrap_or(Value::Null));
        self.after.insert(what.into(), after.unwrap_or(Value::Null));
    }
}

/// What got stricter and what got looser, from a request's point of view.
pub(crate) fn compare_constraints(o: &Constraints, n: &Constraints) -> ConstraintChanges {
    let mut c = ConstraintChanges::default();
    let bound =
        |c: &mut ConstraintChanges, what: &str, a: Option<i128>, b: Option<i128>, lower: bool| {
            let (va, vb) = (a.and_then(number), b.and_then(number));
            match (a, b) {
                (None, Some(b)) => c.narrowed.push(what, va, vb, format!("{what} {b} added")),
                (Some(a), None) => c.relaxed.push(what, va, vb, format!("{what} {a} removed")),
                (Some(a), Some(b)) if a != b => {
                    let verb = if b > a { "raised" } else { "lowered" };
                    let text = format!("{what} {verb} from {a} to {b}");
                    // A lower bound narrows when raised, an upper bound when lowered.
                    if (b > a) == lower {
                        c.narrowed.push(what, va, vb, text);
                    } else {
                        c.relaxed.push(what, va, vb, text);
                    }
                }
                _ => {}
            }
        };
    let wide = |v: Option<u64>| v.map(i128::from);
    bound(
        &mut c,
        "minLength",
        wide(o.min_length),
        wide(n.min_length),
        true,
    );
    bound(
        &mut c,
        "minimum",
        o.minimum.map(i128::from),
        n.minimum.map(i128::from),
        true,
    );
    bound(
        &mut c,
        "maxLength",
        wide(o.max_length),
        wide(n.max_length),
        false,
    );
    bound(
        &mut c,
        "maximum",
        o.maximum.map(i128::from),
        n.maximum.map(i128::from),
        false,
    );
    let exact = |c: &mut ConstraintChanges, what: &str, a: Option<&str>, b: Option<&str>| {
        let (va, vb) = (a.map(Value::from), b.map(Value::from));
        match (a, b) {
            (None, Some(b)) => c
                .narrowed
                .push(what, va, vb, format!("{what} {} added", code(b))),
            (Some(a), Some(b)) if a != b => c.narrowed.push(
                what,
                va,
                vb,
                format!("{what} changed from {} to {}", code(a), code(b)),
            ),
            (Some(a), None) => c
                .relaxed
                .push(what, va, vb, format!("{what} {} removed", code(a))),
            _ => {}
        }
    };
    exact(
        &mut c,
        "pattern",
        o.pattern.as_deref(),
        n.pattern.as_deref(),
    );
    exact(
        &mut c,
        "format",
        o.format.map(|f| f.name()),
        n.format.map(|f| f.name()),
    );
    allowed(&mut c, o.allowed.as_deref(), n.allowed.as_deref());
    c
}

/// `allowed` of an enum field: fewer codes narrow, more relax; no `allowed`
/// is every code of the enum.
fn allowed(c: &mut ConstraintChanges, o: Option<&[Code]>, n: Option<&[Code]>) {
    let list = |codes: &[Code]| {
        codes
            .iter()
            .map(|c| code(&c.to_string()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let json =
        |codes: Option<&[Code]>| codes.map(|c| Value::Array(c.iter().map(Code::to_json).collect()));
    let (va, vb) = (json(o), json(n));
    match (o, n) {
        (None, Some(b)) => c
            .narrowed
            .push("allowed", va, vb, format!("allowed {} added", list(b))),
        (Some(a), None) => {
            c.relaxed
                .push("allowed", va, vb, format!("allowed {} removed", list(a)))
        }
        (Some(a), Some(b)) if a != b => {
            let dropped: Vec<Code> = a.iter().filter(|x| !b.contains(x)).cloned().collect();
            let added: Vec<Code> = b.iter().filter(|x| !a.contains(x)).cloned().collect();
            let text = format!("allowed changed from {} to {}", list(a), list(b));
            if dropped.is_empty() && !added.is_empty() {
                c.relaxed.push("allowed", va, vb, text);
            } else if !dropped.is_empty() {
                c.narrowed.push("allowed", va, vb, text);
            }
        }
        _ => {}
    }
}

fn number(n: i128) -> Option<Value> {
    u64::try_from(n)
        .map(Value::from)
        .or_else(|_| i64::try_from(n).map(Value::from))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constraints_are_judged_from_the_request_side() {
        let a = Constraints {
            max_length: Some(50),
            min_length: Some(1),
            ..Default::default()
        };
        let b = Constraints {
            max_length: Some(20),
            min_length: None,
            pattern: Some("^a`$".into()),
            ..Default::default()
        };
        let c = compare_constraints(&a, &b);
        assert_eq!(
            c.narrowed.texts,
            [
                "maxLength lowered from 50 to 20",
                "pattern `` ^a`$ `` added"
            ]
        );
        assert_eq!(c.narrowed.before["maxLength"], 50);
        assert_eq!(c.narrowed.after["pattern"], "^a`$");
        assert_eq!(c.relaxed.texts, ["minLength 1 removed"]);
    }
}
