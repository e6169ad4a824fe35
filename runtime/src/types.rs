//! Wire types that generated code uses: lossless decimals, epoch
//! milliseconds, empty payloads, redaction, and the error of parsing a
//! string enum.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A decimal number carried as a JSON string (`"2904318.4696"`), kept as the
/// exact text so that no digit is lost to floating point.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Decimal(String);

impl Decimal {
    /// Parses a decimal; `None` if `s` is not `-?digits(.digits)?`.
    pub fn parse(s: &str) -> Option<Decimal> {
        crate::validate::is_decimal(s).then(|| Decimal(s.to_owned()))
    }
    /// The exact wire text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Decimal {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Decimal::parse(s).ok_or_else(|| format!("not a decimal number: {s:?}"))
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Decimal::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not a decimal number: {s:?}")))
    }
}

/// Milliseconds since the Unix epoch.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct EpochMillis(pub i64);

impl EpochMillis {
    /// The current time.
    pub fn now() -> EpochMillis {
        let ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        EpochMillis(ms)
    }
}

/// `data` of an operation that returns nothing: accepts `null` or `{}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Empty;

impl Serialize for Empty {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_unit()
    }
}

impl<'de> Deserialize<'de> for Empty {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Gateways answer either `null` or `{}`; anything else is ignored too,
        // since the spec says there is nothing to read.
        serde::de::IgnoredAny::deserialize(d).map(|_| Empty)
    }
}

/// Prints as `"<redacted>"` in `Debug`, whatever it wraps.
pub struct Redacted<'a, T: ?Sized>(pub &'a T);

impl<T: ?Sized> fmt::Debug for Redacted<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"<redacted>\"")
    }
}

/// Like [`Redacted`] but shows whether an optional value is present.
pub struct RedactedOption<'a, T>(pub &'a Option<T>);

impl<T> fmt::Debug for RedactedOption<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(_) => f.write_str("Some(\"<redacted>\")"),
            None => f.write_str("None"),
        }
    }
}

/// The error of `str::parse` for a generated string enum given a value the
/// spec does not list (`from_code` keeps such a value as `Unknown` instead).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not a value of enum {enum_name} (expected one of: {})", .expected.join(", "))]
pub struct UnknownEnumValue {
    /// The Rust name of the enum.
    pub enum_name: &'static str,
    /// The value given.
    pub value: String,
    /// The values the spec lists.
    pub expected: &'static [&'static str],
}
