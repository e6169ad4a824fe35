//! Which type changes the wire tolerates: every value of the old type is a
//! value of the new one (requests), or the other way round (responses).
//! Such a change still breaks code compiled against the SDK.

use crate::ir::{Api, EnumRepr, Ty};

/// Whether every JSON value of `from` (in `from_api`) is a value of `into`
/// (in `into_api`). `same` says whether two named types are the same type,
/// renames aside.
pub(crate) fn fits(from: (&Api, &Ty), into: (&Api, &Ty), same: &dyn Fn(&Ty, &Ty) -> bool) -> bool {
    let ((fa, f), (ia, i)) = (from, into);
    let repr = |api: &Api, name: &str| api.find_enum(name).map(|e| e.repr);
    let codes = |api: &Api, name: &str| -> Vec<String> {
        api.find_enum(name)
            .map(|e| e.values.iter().map(|v| v.code.to_string()).collect())
            .unwrap_or_default()
    };
    if same(f, i) || *i == Ty::Json {
        return true;
    }
    match (f, i) {
        (Ty::Int32, Ty::Int64 | Ty::Timestamp) | (Ty::Int64, Ty::Timestamp) => true,
        (Ty::Timestamp, Ty::Int64) => true,
        (Ty::Decimal, Ty::String) => true,
        (Ty::Enum(e), Ty::Int32 | Ty::Int64 | Ty::Timestamp) => {
            repr(fa, e) == Some(EnumRepr::Int32)
        }
        (Ty::Enum(e), Ty::String) => repr(fa, e) == Some(EnumRepr::String),
        (Ty::Enum(a), Ty::Enum(b)) => {
            repr(fa, a) == repr(ia, b) && {
                let into_codes = codes(ia, b);
                codes(fa, a).iter().all(|c| into_codes.contains(c))
            }
        }
        (Ty::List(a), Ty::List(b)) | (Ty::Map(a), Ty::Map(b)) => fits((fa, a), (ia, b), same),
        _ => false,
    }
}
