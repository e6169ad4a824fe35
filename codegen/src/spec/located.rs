//! Source positions carried through deserialization, so that every later
//! diagnostic can name file:line:column.

use std::fmt;
use std::marker::PhantomData;

use schemars::JsonSchema;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

use crate::diagnostics::Pos;

/// A value with the position where it starts.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> std::ops::Deref for Located<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(d)?;
        let loc = spanned.referenced;
        Ok(Located {
            value: spanned.value,
            pos: Pos {
                file: current_file(),
                line: loc.line(),
                column: loc.column(),
            },
        })
    }
}

impl<T: JsonSchema> JsonSchema for Located<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
    fn inline_schema() -> bool {
        T::inline_schema()
    }
}

thread_local! {
    // Deserialize impls cannot take arguments, so the file being parsed is a
    // thread-local set by the loader around each parse.
    static CURRENT_FILE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

pub(crate) fn with_file<R>(file: usize, f: impl FnOnce() -> R) -> R {
    let previous = CURRENT_FILE.with(|c| c.replace(file));
    let result = f();
    CURRENT_FILE.with(|c| c.set(previous));
    result
}

fn current_file() -> usize {
    CURRENT_FILE.with(|c| c.get())
}

/// A YAML mapping that keeps its keys' order and positions.
#[derive(Debug, Clone)]
pub struct OrderedMap<T>(pub Vec<(Located<String>, Located<T>)>);

impl<T> Default for OrderedMap<T> {
    fn default() -> Self {
        OrderedMap(Vec::new())
    }
}

impl<T> OrderedMap<T> {
    pub fn iter(&self) -> impl Iterator<Item = (&Located<String>, &Located<T>)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OrderedMap<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = OrderedMap<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                // `key:` with nothing after it is an empty mapping.
                Ok(OrderedMap::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Located<String>>()? {
                    let value = map.next_value::<Located<T>>()?;
                    entries.push((key, value));
                }
                Ok(OrderedMap(entries))
            }
        }
        d.deserialize_map(V(PhantomData))
    }
}

impl<T: JsonSchema> JsonSchema for OrderedMap<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Map_of_{}", T::schema_name()).into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let inner = generator.subschema_for::<T>();
        schemars::json_schema!({
            "type": ["object", "null"],
            "additionalProperties": inner,
        })
    }
    fn inline_schema() -> bool {
        true
    }
}
