//! The docs site's files, without a browser (that is `tests/site/browser.mjs`
//! in CI): both languages are there and link to each other, every local
//! `src`/`href` names a file of the site, nothing is fetched from the
//! network (no `http(s)://` in our pages and scripts; the only URL in the
//! documents is the user's base URL, the mock's), the renderer is the
//! vendored file byte for byte, with its fonts' download off.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use bizgen::facts::Facts;
use bizgen::site::Site;
use bizgen::target::render_files;

fn site() -> BTreeMap<PathBuf, String> {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let loaded = bizgen::load_dir(&spec).unwrap_or_else(|e| panic!("spec does not load:\n{e}"));
    render_files(&Site, &Facts::new(&loaded.api)).expect("the site renders")
}

/// The values of `attr="..."` in an HTML page.
fn attribute_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let key = format!(" {attr}=\"");
    html.match_indices(&key)
        .filter_map(|(i, _)| {
            let rest = &html[i + key.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

#[test]
fn both_languages_link_only_to_files_of_the_site() {
    let files = site();
    for page in ["index.html", "zh/index.html"] {
        let html = &files[Path::new(page)];
        let dir = Path::new(page).parent().unwrap_or(Path::new(""));
        let links: Vec<&str> = attribute_values(html, "src")
            .into_iter()
            .chain(attribute_values(html, "href"))
            .collect();
        assert!(links.len() >= 4, "{page}: {links:?}");
        for link in links {
            assert!(!link.contains("://"), "{page} links to {link}");
            let mut target = dir.to_path_buf();
            for part in link.split('#').next().unwrap_or_default().split('/') {
                match part {
                    ".." => assert!(target.pop(), "{page}: {link} leaves the site"),
                    "" | "." => {}
                    name => target.push(name),
                }
            }
            assert!(
                files.contains_key(&target),
                "{page}: {link} ({target:?}) is not a file of the site"
            );
        }
    }
    assert!(files[Path::new("index.html")].contains(r#"href="zh/index.html">中文版</a>"#));
    assert!(files[Path::new("zh/index.html")].contains(r#"href="../index.html">English</a>"#));
}

#[test]
fn nothing_is_fetched_from_the_network() {
    let files = site();
    for (path, text) in &files {
        let ours = !path.starts_with("vendor");
        let document = path.file_name().is_some_and(|n| n == "api.js");
        if ours && !document {
            assert!(
                !text.contains("http://") && !text.contains("https://"),
                "{} names a URL",
                path.display()
            );
        }
        if document {
            // The only URL: the server's, the base URL try-it calls.
            let json = text
                .trim_start_matches(|c| c != '{')
                .trim_end()
                .trim_end_matches(';');
            let site: serde_json::Value = serde_json::from_str(json).expect("api.js holds JSON");
            let servers = &site["openapi"]["servers"];
            let base = servers[0]["url"].as_str().expect("a server URL");
            // And a server whose URL is a variable, for any gateway.
            assert_eq!(servers[1]["url"], "{baseUrl}", "{servers}");
            assert_eq!(servers[1]["variables"]["baseUrl"]["default"], base);
            let urls = text.matches("http://").count() + text.matches("https://").count();
            assert_eq!(
                urls,
                text.matches(base).count(),
                "{}: a URL besides {base}",
                path.display()
            );
        }
    }
    for page in ["index.html", "zh/index.html"] {
        // RapiDoc downloads its font from the network unless told not to.
        assert!(
            files[Path::new(page)].contains(r#"load-fonts="false""#),
            "{page}"
        );
    }
}

#[test]
fn the_renderer_is_the_vendored_file() {
    let files = site();
    let vendored = Path::new(env!("CARGO_MANIFEST_DIR")).join("vendor/rapidoc");
    for name in [
        "rapidoc-min.js",
        "rapidoc-min.js.LICENSE.txt",
        "LICENSE.txt",
    ] {
        let on_disk = std::fs::read_to_string(vendored.join(name)).expect("vendored file");
        assert!(
            files[&Path::new("vendor").join(name)] == on_disk,
            "site/vendor/{name} is not codegen/vendor/rapidoc/{name}"
        );
    }
    let record = std::fs::read_to_string(vendored.join("VENDOR.md")).expect("VENDOR.md");
    assert!(
        record.contains("| version | `9.3.8` |"),
        "VENDOR.md records the version"
    );
    assert!(files[Path::new("vendor/rapidoc-min.js")].starts_with("/*! RapiDoc 9.3.8 "));
}

#[test]
fn each_language_document_speaks_it_and_marks_what_renderers_ignore() {
    let files = site();
    let doc = |page: &str| -> serde_json::Value {
        let text = &files[Path::new(page)];
        let json = text
            .trim_start_matches(|c| c != '{')
            .trim_end()
            .trim_end_matches(';');
        serde_json::from_str(json).expect("api.js holds JSON")
    };
    let (en, zh) = (doc("api.js"), doc("zh/api.js"));
    let op = |d: &serde_json::Value, name: &str| {
        d["paths"]
            .as_object()
            .and_then(|paths| paths.iter().find(|(p, _)| p.ends_with(&format!(".{name}"))))
            .map(|(_, item)| item["post"].clone())
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let (en, zh) = (&en["openapi"], &zh["openapi"]);
    let bind_en = op(en, "bindEmail");
    let bind_zh = op(zh, "bindEmail");
    assert_eq!(bind_en["summary"], "Bind an email address");
    assert_eq!(bind_zh["summary"], "绑定邮箱");
    let text = bind_en["description"].as_str().unwrap_or_default();
    for marker in [
        "**Access**: `login`",
        "**bizType**: `customer.app.CustomerWebApiService.bindEmail`",
        "`companyId` required",
        "`verifyCode`",
        "HTTP 200",
        "`ok`",
        "`CUSTOMER_API_0000511` (",
        "`BIZGEN_UNAUTHENTICATED`",
    ] {
        assert!(
            text.contains(marker),
            "bindEmail's description lacks {marker}:\n{text}"
        );
    }
    let text = bind_zh["description"].as_str().unwrap_or_default();
    for marker in ["**访问级别**", "必填", "敏感字段", "HTTP 200"] {
        assert!(
            text.contains(marker),
            "bindEmail's Chinese description lacks {marker}:\n{text}"
        );
    }
    let read_only = op(en, "findCustomerInfo");
    assert!(read_only["description"]
        .as_str()
        .is_some_and(|d| d.contains("Read-only")));
    // A conditionally required field says when, in the operation and the field.
    let login = op(zh, "login");
    assert!(login["description"]
        .as_str()
        .is_some_and(|d| d.contains("**条件必填**") && d.contains("`phoneArea`")));
    let phone_area =
        &login["requestBody"]["content"]["application/json"]["schema"]["properties"]["phoneArea"];
    assert!(
        phone_area["description"]
            .as_str()
            .is_some_and(|d| d.contains("条件必填")),
        "{phone_area}"
    );
    // Try-it's token: login's `data.token` goes to the customer token scheme.
    let sessions = doc("api.js")["sessions"].clone();
    assert!(
        sessions.as_array().is_some_and(|s| s.iter().any(|s| {
            s["path"].as_str().is_some_and(|p| p.ends_with(".login"))
                && s["field"] == "token"
                && s["scheme"] == "customerToken"
        })),
        "{sessions}"
    );
    assert_eq!(
        en["components"]["securitySchemes"]["customerToken"]["name"],
        "token"
    );
}
