//! The response envelope: its success code and its fields (read by every
//! client on every response).

use super::{code, At, Details, Differ, Owner, Scope};
use crate::diagnostics::Pos;
use crate::diff::usage::Sides;

impl Differ<'_> {
    pub(super) fn envelope(&mut self) {
        let (o, n) = (&self.old.api.envelope, &self.new.api.envelope);
        // The envelope has no position of its own; point at its first field.
        let pos = n.fields.first().map_or(
            Pos {
                file: 0,
                line: 1,
                column: 1,
            },
            |f| f.pos,
        );
        if o.success_code != n.success_code {
            self.emit(
                "envelope-success-code-changed",
                Scope::Api,
                Sides::RESPONSE,
                At::New(pos),
                format!(
                    "the success code changed from {} to {}",
                    code(&o.success_code),
                    code(&n.success_code)
                ),
            )
            .path("envelope.successCode")
            .change(&o.success_code, &n.success_code);
        }
        let owner = Owner {
            scope: Scope::Api,
            sides: Sides::RESPONSE,
            label: "the response envelope".into(),
            prefix: "envelope.",
            reserved: &[],
        };
        self.fields(&owner, &o.fields, &n.fields);
        if o.description != n.description || o.description_zh != n.description_zh {
            self.emit(
                "docs-changed",
                Scope::Api,
                Sides::RESPONSE,
                At::New(pos),
                "the description of the response envelope changed".into(),
            )
            .path("envelope");
        }
    }
}
