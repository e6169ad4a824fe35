//! The obstacle course's samples (keywords, collisions, odd names): every
//! TypeScript one passes `tsc --strict` against the obstacle package, every
//! Python one `mypy --strict`.

use std::path::Path;
use std::process::Command;

use bizgen::docs::Lang;
use bizgen::facts::Facts;
use bizgen::ir::Api;
use bizgen::samples::CodeSamples;
use bizgen::target::CodeSample;

use super::{common, fresh_dir, output_text};

fn obstacle() -> Api {
    bizgen::load_dir(&common::repo_root().join("tests/obstacle-spec"))
        .unwrap_or_else(|e| panic!("{e}"))
        .api
}

/// Every operation's samples in `lang` (`x-codeSamples`' name).
fn samples_in(api: &Api, lang: &str) -> Vec<CodeSample> {
    let facts = Facts::new(api);
    let samplers = CodeSamples::new(api);
    let samples: Vec<CodeSample> = api
        .operations()
        .flat_map(|(s, o)| samplers.of(&facts, s, o, Lang::En).expect("samples"))
        .filter(|s| s.lang == lang)
        .collect();
    assert_eq!(samples.len(), api.operations().count());
    samples
}

fn write_all(dir: &Path, files: impl IntoIterator<Item = (String, String)>) {
    for (rel, text) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
    }
}

#[test]
fn obstacle_typescript_samples_type_check() {
    let api = obstacle();
    let dir = fresh_dir("obstacle-ts-samples");
    write_all(
        &dir,
        bizgen::typescript::render_package(&api).expect("render"),
    );
    let mut files = Vec::new();
    for (i, sample) in samples_in(&api, "TypeScript").iter().enumerate() {
        let file = format!("sample_{i}.mts");
        std::fs::write(dir.join(&file), &sample.source).expect("write");
        files.push(file);
    }
    let config = serde_json::json!({
        "compilerOptions": {
            "target": "ES2022",
            "module": "NodeNext",
            "moduleResolution": "NodeNext",
            "lib": ["ES2022", "DOM"],
            "strict": true,
            "exactOptionalPropertyTypes": true,
            "noEmit": true,
            "types": [],
            "allowImportingTsExtensions": true,
            "paths": { (api.name.as_str()): [dir.join("src/index.ts").display().to_string()] }
        },
        "files": files,
    });
    std::fs::write(dir.join("tsconfig.samples.json"), config.to_string()).expect("tsconfig");
    let checked = Command::new(common::tsc())
        .current_dir(&dir)
        .args(["--pretty", "false", "-p", "tsconfig.samples.json"])
        .output()
        .expect("run tsc");
    assert!(
        checked.status.success(),
        "the obstacle course's TypeScript samples do not type-check:\n{}",
        output_text(&checked)
    );
    eprintln!("{} obstacle TypeScript samples type-checked", files.len());
}

#[test]
fn obstacle_python_samples_pass_mypy() {
    let api = obstacle();
    let dir = fresh_dir("obstacle-py-samples");
    write_all(
        &dir,
        bizgen::python::render_package(&api)
            .expect("render")
            .into_iter()
            .map(|(rel, text)| (rel.display().to_string(), text)),
    );
    let mut cmd = Command::new(common::tool("py:mypy"));
    cmd.current_dir(&dir)
        .env("MYPYPATH", dir.join("src"))
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .arg("--strict")
        .arg("--cache-dir")
        .arg(dir.join(".mypy-cache"));
    let samples = samples_in(&api, "Python");
    for (i, sample) in samples.iter().enumerate() {
        let file = dir.join(format!("sample_{i}.py"));
        std::fs::write(&file, format!("{}\n", sample.source)).expect("write");
        cmd.arg(file);
    }
    let checked = cmd.output().expect("run mypy");
    assert!(
        checked.status.success(),
        "the obstacle course's Python samples fail mypy --strict:\n{}",
        output_text(&checked)
    );
    eprintln!(
        "{} obstacle Python samples passed mypy --strict",
        samples.len()
    );
}
