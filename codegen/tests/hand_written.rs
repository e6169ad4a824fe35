//! Nothing of the user's is lost: `bizgen generate` refuses to overwrite a
//! file at a path it generates when bizgen did not write it (no
//! `@generated` header, or a header-less format in a folder bizgen never
//! generated), says which file and why, writes everything else and exits 1;
//! `--force` replaces it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

fn generate(out: &Path, extra: &[&str]) -> (ExitCode, String) {
    let mut args: Vec<String> = ["bizgen", "--spec"].map(String::from).to_vec();
    args.push(spec().display().to_string());
    args.extend(["generate", "--out"].map(String::from));
    args.push(out.display().to_string());
    args.extend(extra.iter().map(|s| s.to_string()));
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = bizgen::cli::run(args, &mut stdout, &mut stderr);
    (code, String::from_utf8_lossy(&stderr).into_owned())
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bizgen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

const MY_MANIFEST: &str = "[package]\nname = \"mine\"\nversion = \"1.0.0\"\n";
const MY_PACKAGE: &str = "{ \"name\": \"mine\" }\n";

#[test]
fn a_hand_written_file_at_a_generated_path_is_refused_and_the_rest_written() {
    let out = temp_dir("refuse");
    std::fs::write(out.join("Cargo.toml"), MY_MANIFEST).expect("Cargo.toml");
    std::fs::create_dir_all(out.join("ts")).expect("ts/");
    std::fs::write(out.join("ts/package.json"), MY_PACKAGE).expect("package.json");

    let (code, err) = generate(&out, &[]);
    assert_eq!(code, ExitCode::from(1), "{err}");
    let cargo = out.join("Cargo.toml");
    assert!(
        err.contains(&format!("error: {} not overwritten", cargo.display()))
            && err.contains("no `@generated` header")
            && err.contains("--force"),
        "names the file and why: {err}"
    );
    let package = out.join("ts/package.json");
    assert!(
        err.contains(&format!("error: {} not overwritten", package.display()))
            && err.contains("a .json file cannot carry"),
        "a header-less format in a folder bizgen never wrote is refused too: {err}"
    );
    assert!(err.contains("2 refused"), "{err}");
    assert_eq!(std::fs::read_to_string(&cargo).expect("kept"), MY_MANIFEST);
    assert_eq!(std::fs::read_to_string(&package).expect("kept"), MY_PACKAGE);

    // The rest of the run went on: every other output is there, as a full run writes it.
    let api = bizgen::spec::load_dir(&spec()).expect("spec").api;
    let files = bizgen::generate::outputs(&api, &Default::default()).expect("outputs");
    for (rel, text) in &files {
        if rel == Path::new("Cargo.toml") || rel == Path::new("ts/package.json") {
            continue;
        }
        let have = std::fs::read_to_string(out.join(rel)).expect("written");
        assert!(have == *text, "{} differs from a full run", rel.display());
    }

    // Once the folder is bizgen's, its JSON files are too: only Cargo.toml is refused.
    std::fs::remove_file(&package).expect("rm package.json");
    let (code, _) = generate(&out, &[]);
    assert_eq!(code, ExitCode::from(1));
    std::fs::write(&package, MY_PACKAGE).expect("edit package.json");
    let (code, err) = generate(&out, &[]);
    assert_eq!(code, ExitCode::from(1), "{err}");
    assert!(
        err.contains("1 refused") && !err.contains("package.json not"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&package).expect("rewritten"),
        files[Path::new("ts/package.json")]
    );

    // --force replaces it; then the run is clean.
    let (code, err) = generate(&out, &["--force"]);
    assert_eq!(code, ExitCode::SUCCESS, "{err}");
    assert_eq!(
        std::fs::read_to_string(&cargo).expect("replaced"),
        files[Path::new("Cargo.toml")]
    );
    let (code, err) = generate(&out, &[]);
    assert_eq!(code, ExitCode::SUCCESS, "{err}");
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn a_generated_file_edited_by_hand_is_still_overwritten() {
    let out = temp_dir("edited");
    let (code, err) = generate(&out, &[]);
    assert_eq!(code, ExitCode::SUCCESS, "{err}");
    let lib = out.join("src/lib.rs");
    let generated = std::fs::read_to_string(&lib).expect("lib.rs");
    std::fs::write(&lib, format!("{generated}\nfn mine() {{}}\n")).expect("edit");
    let (code, err) = generate(&out, &[]);
    assert_eq!(code, ExitCode::SUCCESS, "{err}");
    assert_eq!(std::fs::read_to_string(&lib).expect("lib.rs"), generated);
    let _ = std::fs::remove_dir_all(&out);
}
