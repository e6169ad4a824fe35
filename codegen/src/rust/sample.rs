//! The Rust code sample of an operation: a function that connects a
//! client to the mock, builds the request example with the request type's
//! `new(required..)` and `with_*` setters, sends it and prints the answer.
//! Values of shared types are their enum variants and struct literals.

use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::names::{self, RustNames};
use super::tokens::ident;
use crate::facts::{mock, Facts};
use crate::ir::{Access, Api, Code, Field, Operation, Service, Ty};
use crate::target::CodeSample;

/// Writes the Rust samples of one API with its Rust names.
#[derive(Debug)]
pub struct Sampler {
    names: RustNames,
}

impl Sampler {
    pub fn new(api: &Api) -> Sampler {
        Sampler {
            names: RustNames::new(api),
        }
    }
}

impl crate::target::Sampler for Sampler {
    fn sample<'a>(
        &self,
        facts: &Facts<'a>,
        service: &'a Service,
        op: &'a Operation,
        _lang: crate::lang::Lang,
    ) -> crate::Result<CodeSample> {
        Ok(CodeSample {
            lang: "Rust",
            label: "Rust",
            fence: "rust",
            source: sample(facts, &self.names, service, op)?,
        })
    }
}

/// The sample's text: imports, then `pub async fn <method>()`.
fn sample<'a>(
    facts: &Facts<'a>,
    names: &RustNames,
    service: &Service,
    op: &'a Operation,
) -> crate::Result<String> {
    let api = facts.api;
    let krate = ident(&api.name.replace('-', "_"));
    let service_names = names
        .service_named(&service.name)
        .ok_or(crate::Error::Internal("a service without Rust names"))?;
    let op_names = service_names
        .operation(service, op)
        .ok_or(crate::Error::Internal("an operation without Rust names"))?;
    let request_ty = op_names.request.trim_start_matches("r#").to_owned();
    let mut imports = Imports::new(&request_ty);
    let example = facts.request_example(op);
    let body = example.body.as_ref();
    let request = {
        let mut v = Values {
            api,
            names,
            imports: &mut imports,
        };
        v.request(op, &request_ty, body)
    };
    let module = ident(&service_names.module);
    let method = ident(&op_names.method);
    let request_ident = ident(&request_ty);
    let base_url = mock::base_url();
    let company = crate::facts::example::company_id(api);
    let config = match op.access {
        Access::Guest => quote!(ClientConfig::new(#base_url, #company)),
        Access::Admin => {
            let token = mock::ADMIN_TOKEN;
            quote!(ClientConfig::new(#base_url, #company).with_admin_token(#token))
        }
        Access::Login | Access::Optional => {
            let token = mock::TOKEN;
            quote!(ClientConfig::new(#base_url, #company).with_token(#token))
        }
    };
    let call = quote!(client.#module().#method(&request).await?);
    let call = if op.response.ty.is_some() {
        quote!(
            let answer = #call;
            println!("{answer:?}");
        )
    } else {
        quote!(#call;)
    };
    let uses = imports.uses(&krate);
    let tokens = quote! {
        use std::error::Error;

        use #krate::{Client, ClientConfig};
        use #krate::#module::#request_ident;
        #uses

        pub async fn #method() -> Result<(), Box<dyn Error>> {
            let client = Client::new(#config)?;
            let request = #request;
            #call
            Ok(())
        }
    };
    let text = super::format::format(tokens)?;
    Ok(text.trim_end().to_owned())
}

/// The names a sample imports: shared types from `types`, `Decimal` and
/// `EpochMillis` from the runtime; a name that would collide with another
/// is written with its module's path instead (`types::Client`).
struct Imports {
    taken: BTreeSet<String>,
    types: BTreeSet<String>,
    runtime: BTreeSet<&'static str>,
    /// Whether a path names the `types` or the `runtime` module.
    types_module: bool,
    runtime_module: bool,
}

impl Imports {
    fn new(request: &str) -> Imports {
        Imports {
            taken: [
                "Client",
                "ClientConfig",
                "Error",
                "Result",
                "Box",
                "Vec",
                "Some",
                "None",
                request,
            ]
            .into_iter()
            .map(String::from)
            .collect(),
            types: BTreeSet::new(),
            runtime: BTreeSet::new(),
            types_module: false,
            runtime_module: false,
        }
    }

    /// A shared type by its Rust name: bare (and imported), or by path.
    fn ty(&mut self, rust: &str) -> TokenStream {
        let name = ident(rust);
        if self.taken.contains(rust) || self.runtime.contains(rust) {
            self.types_module = true;
            quote!(types::#name)
        } else {
            self.types.insert(rust.to_owned());
            quote!(#name)
        }
    }

    /// A runtime type (`Decimal`, `EpochMillis`), bare unless a shared type has its name.
    fn runtime(&mut self, name: &'static str) -> TokenStream {
        let id = ident(name);
        if self.types.contains(name) || self.taken.contains(name) {
            self.runtime_module = true;
            quote!(runtime::#id)
        } else {
            self.runtime.insert(name);
            quote!(#id)
        }
    }

    fn uses(&self, krate: &proc_macro2::Ident) -> TokenStream {
        let group = |names: Vec<proc_macro2::Ident>, module: TokenStream| match names.len() {
            0 => quote!(),
            1 => quote!(use #krate::#module::#(#names)*;),
            _ => quote!(use #krate::#module::{#(#names),*};),
        };
        let types = group(self.types.iter().map(|t| ident(t)).collect(), quote!(types));
        let runtime = group(
            self.runtime.iter().map(|t| ident(t)).collect(),
            quote!(runtime),
        );
        let types_module = self.types_module.then(|| quote!(use #krate::types;));
        let runtime_module = self.runtime_module.then(|| quote!(use #krate::runtime;));
        quote!(#types_module #runtime_module #types #runtime)
    }
}

/// Where a value goes: an `impl Into<T>` argument (a literal's type is
/// inferred, so an int64 beyond `i32` is suffixed), a place whose type is
/// known (a struct field), or an item of a list or map (strings owned,
/// integers suffixed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Argument,
    Known,
    Item,
}

struct Values<'v> {
    api: &'v Api,
    names: &'v RustNames,
    imports: &'v mut Imports,
}

impl Values<'_> {
    /// `Request::new(required..).with_optional(..)`, the required fields the
    /// example lacks taken from a sample body.
    fn request(&mut self, op: &Operation, request_ty: &str, body: &Value) -> TokenStream {
        let sample = crate::facts::sample::request_body(self.api, op);
        let field_names = names::fields(&op.request);
        let mut required = Vec::new();
        let mut setters = Vec::new();
        for (f, rust) in op.request.fields.iter().zip(&field_names) {
            let mandatory = f.required && !f.nullable;
            let value = match body.get(&f.name) {
                Some(v) if !v.is_null() => Some(v),
                _ if mandatory => sample.get(&f.name),
                _ => None,
            };
            let Some(value) = value else { continue };
            let expr = self.value(&f.ty, value, Place::Argument);
            if mandatory {
                required.push(expr);
            } else {
                let setter = ident(&format!("with_{}", rust.trim_start_matches("r#")));
                setters.push(quote!(.#setter(#expr)));
            }
        }
        let ty = ident(request_ty);
        quote!(#ty::new(#(#required),*) #(#setters)*)
    }

    fn value(&mut self, ty: &Ty, v: &Value, place: Place) -> TokenStream {
        match ty {
            Ty::String => {
                let text = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                if place == Place::Argument {
                    quote!(#text)
                } else {
                    quote!(#text.to_owned())
                }
            }
            Ty::Int32 => int(v, place == Place::Item, false),
            Ty::Int64 => int(v, place == Place::Item, true),
            Ty::Bool => {
                let b = v.as_bool().unwrap_or_default();
                quote!(#b)
            }
            Ty::Timestamp => {
                let millis = int(v, false, true);
                let ty = self.imports.runtime("EpochMillis");
                quote!(#ty(#millis))
            }
            Ty::Decimal => {
                let text = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let ty = self.imports.runtime("Decimal");
                quote!(#text.parse::<#ty>()?)
            }
            Ty::Json => {
                let text = Literal::string(&v.to_string());
                self.imports.runtime_module = true;
                quote!(runtime::codegen::serde_json::from_str::<runtime::codegen::serde_json::Value>(#text)?)
            }
            Ty::Enum(name) => self.enum_value(name, v),
            Ty::Struct(name) => self.struct_value(name, v),
            Ty::List(item) => {
                let items: Vec<TokenStream> = v
                    .as_array()
                    .map(|a| a.iter().map(|i| self.value(item, i, Place::Item)).collect())
                    .unwrap_or_default();
                // Not `vec![..]`: prettyplease leaves a macro's tokens unformatted.
                match (items.is_empty(), place) {
                    (true, _) => quote!(Vec::new()),
                    (false, Place::Argument) => quote!([#(#items),*]),
                    (false, _) => quote!(Vec::from([#(#items),*])),
                }
            }
            Ty::Map(item) => {
                let entries: Vec<TokenStream> = v
                    .as_object()
                    .map(|m| {
                        m.iter()
                            .map(|(k, i)| {
                                let value = self.value(item, i, Place::Item);
                                quote!((#k.to_owned(), #value))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                if entries.is_empty() {
                    quote!(std::collections::BTreeMap::new())
                } else {
                    quote!(std::collections::BTreeMap::from([#(#entries),*]))
                }
            }
        }
    }

    /// The enum's variant with the value's code, else `from_code`.
    fn enum_value(&mut self, name: &str, v: &Value) -> TokenStream {
        let (Some(e), Some(rust)) = (self.api.find_enum(name), self.names.ty(name)) else {
            return quote!(Default::default());
        };
        let ty = self.imports.ty(&rust.ident);
        let found = e
            .values
            .iter()
            .zip(names::variants(e))
            .find(|(value, _)| match &value.code {
                Code::Int(n) => v.as_i64() == Some(*n),
                Code::Str(s) => v.as_str() == Some(s.as_str()),
            });
        match (found, v) {
            (Some((_, variant)), _) => {
                let variant = ident(&variant);
                quote!(#ty::#variant)
            }
            (None, Value::String(s)) => quote!(#ty::from_code(#s)),
            (None, other) => {
                let code = Literal::i64_unsuffixed(other.as_i64().unwrap_or_default());
                quote!(#ty::from_code(#code))
            }
        }
    }

    /// A struct literal: every field, the absent optional ones `None`.
    fn struct_value(&mut self, name: &str, v: &Value) -> TokenStream {
        let (Some(s), Some(rust)) = (self.api.find_struct(name), self.names.ty(name)) else {
            return quote!(Default::default());
        };
        let ty = self.imports.ty(&rust.ident);
        let sample = crate::facts::sample::of_type(self.api, &Ty::Struct(name.to_owned()));
        let fields: Vec<TokenStream> = s
            .fields
            .iter()
            .zip(names::fields(s))
            .map(|(f, rust)| self.struct_field(f, &rust, v, &sample))
            .collect();
        quote!(#ty { #(#fields),* })
    }

    fn struct_field(&mut self, f: &Field, rust: &str, v: &Value, sample: &Value) -> TokenStream {
        let name = ident(rust);
        let mandatory = f.required && !f.nullable;
        let value = match v.get(&f.name) {
            Some(x) if !x.is_null() => Some(x),
            _ if mandatory => sample.get(&f.name),
            _ => None,
        };
        match (value, mandatory) {
            (Some(x), true) => {
                let expr = self.value(&f.ty, x, Place::Known);
                quote!(#name: #expr)
            }
            (Some(x), false) => {
                let expr = self.value(&f.ty, x, Place::Known);
                quote!(#name: Some(#expr))
            }
            (None, _) => quote!(#name: None),
        }
    }
}

/// An integer literal: suffixed (`i64`/`i32`) where its type would not be
/// inferred, or where an int64 does not fit an `i32`.
fn int(v: &Value, suffix: bool, wide: bool) -> TokenStream {
    let n = match v {
        Value::String(s) => s.parse::<i64>().unwrap_or_default(),
        other => other.as_i64().unwrap_or_default(),
    };
    let suffix = suffix || (wide && i32::try_from(n).is_err());
    let lit = match (suffix, wide) {
        (true, true) => Literal::i64_suffixed(n.unsigned_abs() as i64),
        (true, false) => Literal::i32_suffixed(n.unsigned_abs() as i32),
        (false, _) => Literal::i64_unsuffixed(n.unsigned_abs() as i64),
    };
    if n < 0 {
        quote!(-#lit)
    } else {
        quote!(#lit)
    }
}
