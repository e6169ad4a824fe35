//! Shared object types: each is compared once, however many operations use
//! it; a finding lists the operations that use the type on the side the
//! change matters for. A type renamed with the same shape is one sdk finding.

use super::{code, At, Differ, Owner, Scope};
use crate::ir::Struct;

impl Differ<'_> {
    pub(super) fn types(&mut self) {
        for n in &self.new.api.types {
            if let Some(o) = self.old.api.find_struct(self.renames.old_name(&n.name)) {
                self.struct_(o, n);
            }
        }
    }

    fn struct_(&mut self, o: &Struct, n: &Struct) {
        let name = n.name.as_str();
        let sides = self.usage.sides(name);
        let scope = Scope::Type(name);
        self.renamed(
            "type-renamed",
            scope,
            sides,
            (&o.name, name),
            n.pos,
            "fields",
        );
        let owner = Owner {
            scope,
            sides,
            label: format!("type {} (used in {})", code(name), sides.describe()),
            prefix: "",
            reserved: &o.reserved,
        };
        self.fields(&owner, &o.fields, &n.fields);
        if o.description != n.description || o.description_zh != n.description_zh {
            self.emit(
                "docs-changed",
                scope,
                sides,
                At::New(n.pos),
                format!("the description of type {} changed", code(name)),
            );
        }
        if o.notes != n.notes {
            self.emit(
                "notes-changed",
                scope,
                sides,
                At::New(n.pos),
                format!("the source notes of type {} changed", code(name)),
            );
        }
    }
}
