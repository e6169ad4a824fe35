//! The CLI, the build-script helper and the proc-macro produce the same
//! code, and generating twice gives the same bytes.

mod common;

use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn cli_builder_and_macro_emit_identical_code() {
    let api = common::api();
    let items = bizgen::rust::render_items(&api).expect("render");

    // Build script: the file written into OUT_DIR by tests/build.rs.
    let built = std::fs::read_to_string(PathBuf::from(env!("OUT_DIR")).join("customer_api.rs"))
        .expect("OUT_DIR file");
    assert_eq!(built, format!("{}\n{items}", bizgen::rust::HEADER));

    // Proc-macro: the expansion the macro returns, formatted (without the
    // cache, which holds the same items: codegen/tests/incremental.rs).
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let (expansion, tracked) =
        bizgen::expand::macro_expansion_cached(&manifest_dir, "../spec", None).expect("expansion");
    let bizgen::expand::Items::Tokens(tokens) = expansion else {
        panic!("without a cache the macro renders the items")
    };
    assert_eq!(bizgen::rust::format(tokens.clone()).expect("format"), items);
    assert!(
        tracked.len() >= 5,
        "the macro tracks every spec file for rebuilds"
    );

    // CLI: the checked-in crate, one file per module, with `mod` declarations
    // put back inline and the crate's feature gates taken out, is the
    // same code.
    let cli = strip_feature_gates(inline_crate(&repo().join("generated/src")));
    assert_eq!(
        bizgen::rust::format(cli).expect("format"),
        items,
        "generated/src is not the CLI's output: run `bizgen generate`"
    );
}

/// The items of a generated crate with each `mod name;` (of `lib.rs`, and
/// of `lib.rs`'s inline `types`) replaced by `mod name { .. }` holding its
/// file; without what only the crate has (its inner attributes,
/// `#[rustfmt::skip]` on modules in files of their own, the runtime
/// re-exports, the mock binary's `main`, which needs the runtime's feature
/// `mock`).
fn inline_crate(src: &std::path::Path) -> proc_macro2::TokenStream {
    let lib = parse(&src.join("lib.rs"));
    let items = lib.items.into_iter().filter_map(|item| match item {
        // The crate's re-exports of the runtime (`runtime`, `ApiError`,
        // `ClientConfig`, ..): a build script or macro user has the
        // runtime as a dependency of their own.
        syn::Item::Use(u) if quote::quote!(#u).to_string().contains("bizgen_runtime") => None,
        other => Some(without_mock_main(inline_modules(src, other))),
    });
    quote::quote!(#(#items)*)
}

/// The crate's `mock` module without `main`.
fn without_mock_main(item: syn::Item) -> syn::Item {
    let syn::Item::Mod(mut m) = item else {
        return item;
    };
    if m.ident == "mock" {
        if let Some((_, items)) = &mut m.content {
            items.retain(|i| !matches!(i, syn::Item::Fn(f) if f.sig.ident == "main"));
        }
    }
    syn::Item::Mod(m)
}

fn parse(path: &std::path::Path) -> syn::File {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    syn::parse_file(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

/// A module of the crate whose items are in `dir` (`src/` for the root's),
/// its `mod name;` declarations, at any depth, made inline from
/// `dir/name.rs` or `dir/name/mod.rs`.
fn inline_modules(dir: &std::path::Path, item: syn::Item) -> syn::Item {
    let syn::Item::Mod(mut m) = item else {
        return item;
    };
    // `#[rustfmt::skip]` keeps `cargo fmt` out of the crate's files.
    let declares = |items: &[syn::Item]| {
        items
            .iter()
            .any(|i| matches!(i, syn::Item::Mod(m) if m.content.is_none()))
    };
    if m.content.as_ref().is_none_or(|(_, items)| declares(items)) {
        m.attrs.retain(|a| !is_skip(a));
    }
    let name = m.ident.to_string();
    let name = name.trim_start_matches("r#");
    let items = match m.content.take() {
        Some((_, items)) => items,
        None => {
            let file = dir.join(format!("{name}.rs"));
            let file = if file.exists() {
                parse(&file)
            } else {
                parse(&dir.join(name).join("mod.rs"))
            };
            m.attrs.extend(file.attrs);
            m.semi = None;
            file.items
        }
    };
    let sub = dir.join(name);
    let items = items
        .into_iter()
        .map(|item| inline_modules(&sub, item))
        .collect();
    m.content = Some((Default::default(), items));
    syn::Item::Mod(m)
}

fn is_skip(attr: &syn::Attribute) -> bool {
    quote::quote!(#attr).to_string() == "# [rustfmt :: skip]"
}

/// Removes every `#[cfg(feature = ..)]` attribute and makes every
/// `#[cfg_attr(feature = .., attr, ..)]` plain `#[attr]`s (the same with
/// `any(feature = .., ..)`).
fn strip_feature_gates(tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    use proc_macro2::{Delimiter, Group, TokenTree};
    let mut out = Vec::new();
    let mut iter = tokens.into_iter().peekable();
    while let Some(tt) = iter.next() {
        if let TokenTree::Punct(p) = &tt {
            if p.as_char() == '#' {
                if let Some(TokenTree::Group(g)) = iter.peek() {
                    let text = g.stream().to_string();
                    let on_features = |attr: &str| {
                        ["(feature", "(any (feature"]
                            .iter()
                            .any(|args| text.starts_with(&format!("{attr} {args}")))
                    };
                    if g.delimiter() == Delimiter::Bracket && on_features("cfg") {
                        iter.next();
                        continue;
                    }
                    if g.delimiter() == Delimiter::Bracket && on_features("cfg_attr") {
                        // `cfg_attr ( feature = "x" , a , b )`: keep `#[a] #[b]`.
                        let args = g.stream().into_iter().nth(1);
                        if let Some(TokenTree::Group(args)) = args {
                            let mut attrs: Vec<Vec<TokenTree>> = vec![Vec::new()];
                            for t in args.stream() {
                                match &t {
                                    TokenTree::Punct(p) if p.as_char() == ',' => {
                                        attrs.push(Vec::new())
                                    }
                                    _ => attrs.last_mut().expect("one").push(t),
                                }
                            }
                            iter.next();
                            // The first is the condition.
                            for attr in attrs.into_iter().skip(1).filter(|a| !a.is_empty()) {
                                out.push(tt.clone());
                                let attr = attr.into_iter().collect();
                                out.push(TokenTree::Group(Group::new(Delimiter::Bracket, attr)));
                            }
                            continue;
                        }
                    }
                }
            }
        }
        out.push(match tt {
            TokenTree::Group(g) => {
                let mut inner =
                    proc_macro2::Group::new(g.delimiter(), strip_feature_gates(g.stream()));
                inner.set_span(g.span());
                TokenTree::Group(inner)
            }
            other => other,
        });
    }
    out.into_iter().collect()
}

#[test]
fn all_three_compile_to_the_same_api() {
    // The modules exist and agree on the operations they describe.
    let a: Vec<_> = customer_api::operations().map(|o| o.path).collect();
    let b: Vec<_> = bizgen_tests::from_build_script::operations()
        .map(|o| o.path)
        .collect();
    let c: Vec<_> = bizgen_tests::from_macro::operations()
        .map(|o| o.path)
        .collect();
    assert_eq!(a.len(), 58);
    assert_eq!(a, b);
    assert_eq!(a, c);
}

#[test]
fn generation_is_deterministic() {
    let first = bizgen::generate::outputs(&common::api(), &Default::default()).expect("outputs");
    let second = bizgen::generate::outputs(&common::api(), &Default::default()).expect("outputs");
    assert_eq!(first, second);
}

/// `bizgen check --out DIR` on the repository's spec: exit code, stdout, stderr.
fn check(out_dir: &std::path::Path) -> (std::process::ExitCode, String, String) {
    let args = [
        "bizgen",
        "--spec",
        &repo().join("spec").display().to_string(),
        "check",
        "--out",
        &out_dir.display().to_string(),
    ]
    .map(String::from);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = bizgen::cli::run(args, &mut out, &mut err);
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (code, text(out), text(err))
}

#[test]
fn bizgen_check_passes_on_the_repository() {
    let (code, out, err) = check(&repo().join("generated"));
    assert_eq!(code, std::process::ExitCode::SUCCESS, "{out}{err}");
}

#[test]
fn bizgen_check_reports_drift_with_a_diff() {
    let tmp = std::env::temp_dir().join(format!("bizgen-drift-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let files = bizgen::generate::outputs(&common::api(), &Default::default()).expect("outputs");
    bizgen::generate::write(&tmp, &files).expect("write");
    let lib = tmp.join("src/lib.rs");
    let text = std::fs::read_to_string(&lib)
        .expect("read")
        .replace("pub const API_VERSION", "pub const API_VERSIONX");
    std::fs::write(&lib, text).expect("edit");
    std::fs::write(tmp.join("src/stale.rs"), "// left over").expect("stale");
    let (code, out, err) = check(&tmp);
    assert_eq!(code, std::process::ExitCode::from(1));
    assert!(
        out.contains("-pub const API_VERSIONX") && out.contains("+pub const API_VERSION"),
        "{out}"
    );
    assert!(out.contains("stale"), "{out}");
    assert!(err.contains("bizgen generate"), "{err}");
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn macro_compile_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}

#[test]
fn streamed_generate_writes_exactly_the_outputs() {
    let tmp = std::env::temp_dir().join(format!("bizgen-stream-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let api = common::api();
    let report = bizgen::generate::generate(&api, &Default::default(), &tmp).expect("generate");
    let files = bizgen::generate::outputs(&api, &Default::default()).expect("outputs");
    let written: Vec<&std::path::PathBuf> = files.keys().collect();
    assert_eq!(
        report.written.iter().collect::<Vec<_>>(),
        written,
        "every output written once, in path order"
    );
    for (rel, text) in &files {
        let have = std::fs::read_to_string(tmp.join(rel)).expect("written");
        assert!(have == *text, "{} differs from outputs()", rel.display());
    }
    let (drift, compared) =
        bizgen::generate::check_dir(&api, &Default::default(), &tmp).expect("check");
    assert!(drift.is_empty(), "{drift:?}");
    assert_eq!(compared, files.len());
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn generate_removes_stale_generated_files_but_never_hand_written_ones() {
    let tmp = std::env::temp_dir().join(format!("bizgen-stale-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let files = bizgen::generate::outputs(&common::api(), &Default::default()).expect("outputs");
    bizgen::generate::write(&tmp, &files).expect("write");
    let old_page = tmp.join("docs/operations/old-service/gone.md");
    std::fs::create_dir_all(old_page.parent().expect("parent")).expect("dir");
    std::fs::write(&old_page, "# gone\n").expect("stale page");
    // `src/types.rs` is where the types were before `src/types/`.
    let old_rs = tmp.join("src/types.rs");
    std::fs::write(
        &old_rs,
        format!("{}\nfn old() {{}}\n", bizgen::rust::HEADER),
    )
    .expect("stale rs");
    let mine = tmp.join("src/mine.rs");
    std::fs::write(&mine, "// written by hand\n").expect("hand-written");

    // The streaming writer of `bizgen generate`, over what `write` wrote.
    let report =
        bizgen::generate::generate(&common::api(), &Default::default(), &tmp).expect("rewrite");
    assert!(
        report.written.is_empty(),
        "unchanged files are not rewritten"
    );
    assert_eq!(report.unchanged, files.len());
    assert!(
        !old_page.exists() && !old_rs.exists(),
        "stale generated files are removed"
    );
    assert!(mine.exists(), "a hand-written file is kept");
    assert_eq!(report.kept, vec![std::path::PathBuf::from("src/mine.rs")]);
    let _ = std::fs::remove_dir_all(&tmp);
}
