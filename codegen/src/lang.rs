//! The reader's language of an output: English or Chinese. The docs, the
//! changelogs and the exports pick their texts by it; each of them keeps its
//! own words (the docs' labels are in `docs/lang/`).

/// A language of the docs and changelogs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// Both languages, English (the root of the docs) first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// Where this language's pages live, relative to the docs root.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::En => "",
            Lang::Zh => "zh/",
        }
    }

    /// The `lang` header its examples send.
    pub fn header(self) -> &'static str {
        match self {
            Lang::En => "en-US",
            Lang::Zh => "zh-CN",
        }
    }

    /// The text in this language: Chinese where the spec has it, English
    /// as the fallback.
    pub fn pick<'a>(self, en: &'a str, zh: Option<&'a str>) -> &'a str {
        match (self, zh.map(str::trim).filter(|z| !z.is_empty())) {
            (Lang::Zh, Some(zh)) => zh,
            _ => en,
        }
    }
}
