//! One module per page kind: each prepares the view model its askama
//! template (under `codegen/templates/docs/`) shows, in one language.

pub(super) mod behaviour;
mod behaviour_text;
pub(super) mod enums;
pub(super) mod envelope;
pub(super) mod errors;
pub(super) mod guide;
pub(super) mod guides;
pub(super) mod index;
pub(super) mod maintainers;
pub(super) mod operation;
pub(super) mod types;

use crate::ir::Field;
use crate::markdown::code;

/// Source notes of an item and of its fields ("`field`: note"), a field's
/// `source` quote among them.
fn notes_of(own: &[String], fields: &[Field]) -> Vec<String> {
    own.iter()
        .map(|n| n.trim().to_owned())
        .chain(fields.iter().flat_map(|f| {
            let source = f.source.iter().map(move |q| format!("source: “{q}”"));
            f.notes
                .iter()
                .map(|n| n.trim().to_owned())
                .chain(source)
                .map(move |n| format!("{}: {n}", code(&f.name)))
        }))
        .collect()
}
