//! The cache never changes a byte of the output: over a sequence of spec
//! edits, `generate` with the cache (record of the last run, formatted Rust
//! by tokens) writes exactly what a full run without it writes into an
//! empty folder; and a corrupt, truncated or foreign cache gives a full,
//! correct run. The proc-macro's expansion cache likewise.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use bizgen::generate::{generate_dir, Cached, Run, WriteReport};

const CACHED: Run = Run {
    force: false,
    cache: true,
};
const FULL: Run = Run {
    force: false,
    cache: false,
};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bizgen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// Every file below `dir` but the cache (`target/`), by relative path.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            let rel = path.strip_prefix(root).expect("below root").to_path_buf();
            if rel == Path::new("target") {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.insert(rel, std::fs::read(&path).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn run(spec: &Path, out: &Path, how: &Run) -> Cached<WriteReport> {
    let done = generate_dir(spec, out, &Default::default(), how).expect("generate");
    assert!(done.result.refused.is_empty(), "{:?}", done.result.refused);
    done
}

/// The cached output directory holds exactly what a full run writes into an empty one.
fn assert_same_as_full_run(spec: &Path, cached: &Path, full: &Path, step: &str) {
    let _ = std::fs::remove_dir_all(full);
    run(spec, full, &FULL);
    let (want, have) = (tree(full), tree(cached));
    let differ: Vec<_> = want
        .keys()
        .chain(have.keys())
        .filter(|p| want.get(*p) != have.get(*p))
        .collect();
    assert!(
        differ.is_empty(),
        "after {step}: {} file(s) differ from a full run: {differ:?}",
        differ.len()
    );
}

fn edit(path: &Path, change: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).expect("read spec");
    let changed = change(text.clone());
    assert_ne!(
        text,
        changed,
        "the edit of {} changed nothing",
        path.display()
    );
    std::fs::write(path, changed).expect("write spec");
}

fn repo_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

#[test]
fn incremental_runs_write_what_full_runs_write_over_a_sequence_of_edits() {
    let work = temp_dir("incremental");
    let (spec, cached, full) = (work.join("spec"), work.join("cached"), work.join("full"));
    copy_dir(&repo_spec(), &spec);
    let keys = spec.join("services/api_keys.yaml");
    let assets = spec.join("services/customer_web_assets.yaml");

    let first = run(&spec, &cached, &CACHED);
    assert!(!first.reused && first.formatted.0 == 0 && first.formatted.1 > 0);
    assert_same_as_full_run(&spec, &cached, &full, "the first run");
    let again = run(&spec, &cached, &CACHED);
    assert!(again.reused, "nothing changed: the run is skipped");
    assert!(again.result.written.is_empty());
    assert_eq!(again.result.files(), first.result.files());

    type Edit = (&'static str, fn(&Path, &Path));
    let edits: [Edit; 5] = [
        ("adding an operation", |keys, _| {
            edit(keys, |s| {
                s.replacen(
                    "    operations:\n      downgrade:\n",
                    "    operations:\n      pingKey:\n        summary: Ping an API key\n        \
                     description: Checks that an API key answers.\n        request:\n          \
                     apiKey: {type: string, required: true, description: The key to ping.}\n        \
                     response:\n          type: ApiKey\n          description: The API key.\n      \
                     downgrade:\n",
                    1,
                )
            })
        }),
        ("changing an operation's description", |keys, _| {
            edit(keys, |s| {
                s.replace(
                    "Changes the package duration of an API key",
                    "Changes the package length of an API key",
                )
            })
        }),
        ("removing an operation", |keys, _| {
            edit(keys, |s| {
                let start = s.find("      pingKey:\n").expect("pingKey");
                let end = s.find("      downgrade:\n").expect("downgrade");
                format!("{}{}", &s[..start], &s[end..])
            })
        }),
        ("adding a field to a shared type", |_, assets| {
            edit(assets, |s| {
                let at = s.find("  Account:").expect("Account");
                let fields =
                    at + s[at..].find("    fields:\n").expect("fields") + "    fields:\n".len();
                format!(
                    "{}      nickname: {{type: string, nullable: true, description: Nickname.}}\n{}",
                    &s[..fields],
                    &s[fields..]
                )
            })
        }),
        ("renaming a service", |keys, _| {
            edit(keys, |s| {
                s.replace("  CustomerApiWebService:\n", "  CustomerApiKeyService:\n")
            })
        }),
    ];
    for (step, change) in edits {
        change(&keys, &assets);
        let done = run(&spec, &cached, &CACHED);
        assert!(
            !done.reused,
            "after {step}: the spec changed, the run is not skipped"
        );
        assert!(
            !done.result.written.is_empty(),
            "after {step}: something was written"
        );
        let (hits, misses) = done.formatted;
        assert!(
            hits > 0 && misses > 0,
            "after {step}: unchanged Rust parts come from the cache, changed ones are formatted ({hits} hits, {misses} misses)"
        );
        assert_same_as_full_run(&spec, &cached, &full, step);
        assert!(
            run(&spec, &cached, &CACHED).reused,
            "after {step}: a second run is skipped"
        );
    }
    let _ = std::fs::remove_dir_all(&work);
}

/// The one folder of the cache of an output directory.
fn cache_entry(out: &Path) -> PathBuf {
    let root = out.join("target/bizgen");
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("the cache is in the output's own target/ when no workspace encloses it")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    entries.pop().expect("one")
}

#[test]
fn a_corrupt_or_foreign_cache_gives_a_full_correct_run() {
    let work = temp_dir("corrupt-cache");
    let (spec, cached, full) = (work.join("spec"), work.join("cached"), work.join("full"));
    copy_dir(&repo_spec(), &spec);
    let first = run(&spec, &cached, &CACHED);
    let parts = first.formatted.1;
    let entry = cache_entry(&cached);
    let (record, pack) = (entry.join("run.json"), entry.join("rust-format.pack"));

    // A record of another build of bizgen is not trusted.
    let text = std::fs::read_to_string(&record).expect("record");
    let build = bizgen::cache::BUILD_ID;
    std::fs::write(&record, text.replace(build, "0123456789abcdef")).expect("foreign record");
    let done = run(&spec, &cached, &CACHED);
    assert!(!done.reused, "a record of another build is not trusted");
    assert_eq!(done.formatted, (parts, 0), "the pack is of this build");

    // Garbage for a record, every packed text altered (same lengths).
    std::fs::write(&record, b"{ not json").expect("corrupt record");
    let bytes = std::fs::read(&pack).expect("pack");
    // Every line break after the header line: each text differs from its checksum.
    let header_end = bytes.iter().position(|&b| b == b'\n').expect("header");
    let mut altered = bytes.clone();
    for b in &mut altered[header_end + 1..] {
        if *b == b'\n' {
            *b = b'\r';
        }
    }
    std::fs::write(&pack, &altered).expect("corrupt pack");
    let edited = cached.join("src/lib.rs");
    std::fs::write(&edited, format!("{}// damaged\n", bizgen::rust::HEADER))
        .expect("damage an output");
    let done = run(&spec, &cached, &CACHED);
    assert!(!done.reused);
    assert_eq!(done.formatted, (0, parts), "no altered text is used");
    assert_same_as_full_run(&spec, &cached, &full, "a corrupt cache");

    // A truncated pack: what is whole is used, the rest formatted.
    let bytes = std::fs::read(&pack).expect("pack");
    std::fs::write(&pack, &bytes[..bytes.len() / 2]).expect("truncate pack");
    std::fs::remove_file(&record).expect("no record");
    let done = run(&spec, &cached, &CACHED);
    assert!(
        done.formatted.0 > 0 && done.formatted.1 > 0,
        "{:?}",
        done.formatted
    );
    assert_same_as_full_run(&spec, &cached, &full, "a truncated cache");

    // A pack of another build: every part formatted again.
    let mut bytes = std::fs::read(&pack).expect("pack");
    let at = bytes
        .windows(build.len())
        .position(|w| w == build.as_bytes())
        .expect("the build in the header");
    bytes[at] = if bytes[at] == b'0' { b'1' } else { b'0' };
    std::fs::write(&pack, bytes).expect("foreign pack");
    std::fs::remove_file(&record).expect("no record");
    let done = run(&spec, &cached, &CACHED);
    assert_eq!(done.formatted, (0, parts));

    // An output changed behind the record's back (same size) is rewritten.
    let lib = std::fs::read_to_string(&edited).expect("lib.rs");
    std::fs::write(&edited, lib.replacen("pub", "pug", 1)).expect("same-size edit");
    let done = run(&spec, &cached, &CACHED);
    assert!(!done.reused);
    assert_eq!(done.result.written, vec![PathBuf::from("src/lib.rs")]);
    assert_same_as_full_run(&spec, &cached, &full, "an output edited by hand");
    let _ = std::fs::remove_dir_all(&work);
}

/// The proc-macro's cache: the first expansion records the items' text,
/// which reads back as the same tokens; a rebuild with the spec unchanged
/// serves the entry (proved by planting other items in it); a spec edit
/// or a truncated entry expands afresh, and a new spec state replaces the
/// old entry.
#[test]
fn the_macro_expansion_cache_serves_an_unchanged_spec_only() {
    use bizgen::expand::{macro_expansion_cached, Items};

    let work = temp_dir("macro-cache");
    let (spec, cache) = (work.join("spec"), work.join("cache"));
    copy_dir(&repo_spec(), &spec);
    // The items as text, and whether they came from the cache.
    let expand = |root: Option<&Path>| -> (String, bool, Vec<PathBuf>) {
        match macro_expansion_cached(&work, "spec", root).expect("expands") {
            (Items::Tokens(tokens), files) => (tokens.to_string(), false, files),
            (Items::Text { text, file }, files) => {
                assert!(file.starts_with(cache.join("macro")), "{}", file.display());
                (text, true, files)
            }
        }
    };
    let (uncached, _, files) = expand(None);
    assert!(files.len() > 5, "tracks every spec file: {files:?}");
    // A hit hands the compiler the same tokens: the text reads back as itself.
    let reread: proc_macro2::TokenStream = uncached.parse().expect("the items' text parses");
    assert!(
        reread.to_string() == uncached,
        "the items' text does not read back as itself"
    );

    assert!(expand(Some(&cache)) == (uncached.clone(), false, files.clone()));
    assert!(
        expand(Some(&cache)) == (uncached.clone(), true, files.clone()),
        "a hit"
    );

    let entries: Vec<PathBuf> = std::fs::read_dir(cache.join("macro"))
        .expect("the first expansion writes the cache")
        .map(|e| e.expect("entry").path())
        .collect();
    let [entry] = entries.as_slice() else {
        panic!("one entry per spec directory: {entries:?}")
    };
    let planted = std::fs::read_to_string(entry)
        .expect("entry")
        .replace(&uncached, "pub struct Planted;");
    std::fs::write(entry, &planted).expect("plant");
    assert_eq!(
        expand(Some(&cache)).0,
        "pub struct Planted;",
        "a hit reads the entry"
    );

    // Cut short, as by a crash while writing: a miss, and a fresh expansion.
    std::fs::write(entry, &planted[..planted.len() - 4]).expect("truncate");
    assert!(expand(Some(&cache)) == (uncached.clone(), false, files.clone()));

    // A spec edit changes the key: another entry, which replaces the old one.
    std::fs::write(entry, &planted).expect("plant again");
    edit(&spec.join("services/api_keys.yaml"), |s| {
        s.replace(
            "One permission of an API key.",
            "One permission of an API key, edited.",
        )
    });
    let (edited, hit, _) = expand(Some(&cache));
    assert!(!hit && edited != uncached && edited == expand(None).0);
    let now: Vec<PathBuf> = std::fs::read_dir(cache.join("macro"))
        .expect("cache")
        .map(|e| e.expect("entry").path())
        .collect();
    assert!(
        now.len() == 1 && now[0] != *entry,
        "a new spec state replaces the entry: {now:?}"
    );
    let _ = std::fs::remove_dir_all(&work);
}
