//! Runtime [`Schema`] values as tokens: the generated code rebuilds, in
//! static memory, exactly the schemas that [`crate::wire`] computes from the
//! IR. `wire` is the one IR → schema mapping; this module only spells its
//! values in Rust. Named objects and enums become calls to the generated
//! type's `object_schema()` / `enum_schema()`, so each is built once.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use bizgen_runtime::schema::{
    EnumCodes, EnumSchema, FieldSchema, IntRules, ObjectSchema, RequiredWhen, Schema, StringRules,
    When,
};

use super::names::RustNames;
use super::typeref::{named_type, Scope};
use crate::ir::Field;

/// Tokens that evaluate to `schema`.
pub fn schema(names: &RustNames, schema: &Schema, scope: Scope) -> TokenStream {
    match schema {
        Schema::String(rules) if *rules == StringRules::NONE => quote!(rt::Schema::STRING),
        Schema::String(rules) => {
            // Only the rules that are set, the rest from `NONE`.
            let mut set = Vec::new();
            if let Some(v) = rules.min_length {
                set.push(quote!(min_length: Some(#v)));
            }
            if let Some(v) = rules.max_length {
                set.push(quote!(max_length: Some(#v)));
            }
            if let Some(p) = &rules.pattern {
                let p: &str = p;
                set.push(quote!(pattern: Some(rt::Cow::Borrowed(#p))));
            }
            if let Some(f) = rules.format {
                let variant = format_ident!("{}", format!("{f:?}"));
                set.push(quote!(format: Some(rt::Format::#variant)));
            }
            quote!(rt::Schema::String(rt::StringRules {
                #(#set,)*
                ..rt::StringRules::NONE
            }))
        }
        Schema::Int32(rules) if *rules == IntRules::NONE => quote!(rt::Schema::INT32),
        Schema::Int64(rules) if *rules == IntRules::NONE => quote!(rt::Schema::INT64),
        Schema::Int32(rules) => {
            let rules = int_rules(rules);
            quote!(rt::Schema::Int32(#rules))
        }
        Schema::Int64(rules) => {
            let rules = int_rules(rules);
            quote!(rt::Schema::Int64(#rules))
        }
        Schema::Bool => quote!(rt::Schema::Bool),
        Schema::Decimal => quote!(rt::Schema::Decimal),
        Schema::Timestamp => quote!(rt::Schema::Timestamp),
        Schema::Json => quote!(rt::Schema::Json),
        Schema::Object(object) => {
            let ty = named_type(names, &object.name, scope);
            quote!(rt::Schema::Object(rt::Cow::Borrowed(#ty::object_schema())))
        }
        Schema::Enum(e) => {
            let ty = named_type(names, &e.name, scope);
            quote!(rt::Schema::Enum(rt::Cow::Borrowed(#ty::enum_schema())))
        }
        Schema::List(inner) => {
            let inner = self::schema(names, inner, scope);
            quote!(rt::Schema::List(rt::Node::new(#inner)))
        }
        Schema::Map(inner) => {
            let inner = self::schema(names, inner, scope);
            quote!(rt::Schema::Map(rt::Node::new(#inner)))
        }
        Schema::Nullable(inner) => {
            let inner = self::schema(names, inner, scope);
            quote!(rt::Schema::Nullable(rt::Node::new(#inner)))
        }
    }
}

/// Tokens that evaluate to the `ObjectSchema` of a generated struct (its
/// fields; nested named types by reference). `fields` are the IR fields of
/// the same struct, in the same order.
pub fn object(
    names: &RustNames,
    object: &ObjectSchema,
    fields: &[Field],
    scope: Scope,
) -> TokenStream {
    let name: &str = &object.name;
    let fields = object.fields.iter().map(|f| {
        let restricted = fields
            .iter()
            .any(|ir| ir.name == f.name && ir.constraints.allowed.is_some());
        field(names, f, restricted, scope)
    });
    quote!(rt::ObjectSchema::new(#name, [#(#fields),*]))
}

fn field(names: &RustNames, f: &FieldSchema, restricted: bool, scope: Scope) -> TokenStream {
    let name: &str = &f.name;
    let schema = if restricted {
        codes_inline(names, &f.schema, scope)
    } else {
        schema(names, &f.schema, scope)
    };
    let field = if f.required {
        quote!(rt::FieldSchema::required(#name, #schema))
    } else {
        quote!(rt::FieldSchema::optional(#name, #schema))
    };
    match &f.required_when {
        Some(c) => {
            let c = required_when(c);
            quote!(#field.required_when(#c))
        }
        None => field,
    }
}

/// A field with `allowed`: its enum schema holds only the codes it takes,
/// so they are spelled here instead of calling the enum's `enum_schema()`.
fn codes_inline(names: &RustNames, s: &Schema, scope: Scope) -> TokenStream {
    match s {
        Schema::Enum(e) => {
            let e = enumeration(e);
            quote!(rt::Schema::Enum(rt::Cow::Owned(#e)))
        }
        Schema::Nullable(inner) => {
            let inner = codes_inline(names, inner, scope);
            quote!(rt::Schema::Nullable(rt::Node::new(#inner)))
        }
        other => schema(names, other, scope),
    }
}

/// Tokens that evaluate to a conditional requirement.
fn required_when(c: &RequiredWhen) -> TokenStream {
    let field: &str = &c.field;
    match &c.when {
        When::Given => quote!(rt::RequiredWhen::given(#field)),
        When::NotGiven => quote!(rt::RequiredWhen::not_given(#field)),
        When::OneOf(EnumCodes::Int(codes)) => {
            let codes = codes.iter().map(|&c| int(c));
            quote!(rt::RequiredWhen::int_in(#field, &[#(#codes),*]))
        }
        When::OneOf(EnumCodes::Str(codes)) => {
            let codes = codes.iter().map(|c| -> &str { c });
            quote!(rt::RequiredWhen::str_in(#field, &[#(#codes),*]))
        }
    }
}

/// Tokens that evaluate to the `EnumSchema` of a generated enum.
pub fn enumeration(e: &EnumSchema) -> TokenStream {
    let name: &str = &e.name;
    match &e.codes {
        EnumCodes::Int(codes) => {
            let codes = codes.iter().map(|&c| int(c));
            quote!(rt::int_enum_schema(#name, &[#(#codes),*]))
        }
        EnumCodes::Str(codes) => {
            let codes = codes.iter().map(|c| -> &str { c });
            quote!(rt::str_enum_schema(#name, &[#(#codes),*]))
        }
    }
}

fn int_rules(rules: &IntRules) -> TokenStream {
    let bound = |v: Option<i64>| match v {
        Some(v) => {
            let v = int(v);
            quote!(Some(#v))
        }
        None => quote!(None),
    };
    let (min, max) = (bound(rules.minimum), bound(rules.maximum));
    quote!(rt::IntRules { minimum: #min, maximum: #max })
}

/// An integer literal without suffix (`-5`, not `-5i64`).
pub fn int(v: i64) -> TokenStream {
    let abs = Literal::u64_unsuffixed(v.unsigned_abs());
    if v < 0 {
        quote!(-#abs)
    } else {
        quote!(#abs)
    }
}
