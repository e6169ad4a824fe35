//! `--site DIR`: a mock that also serves a static site (the docs site,
//! `generated/site/`) on `GET`, from the same origin as the operations, so
//! that the site's try-it calls the mock with no CORS setup. Any other
//! request that no operation takes is answered as without a site:
//! `BIZGEN_NOT_FOUND` in the envelope.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;

use crate::error::ApiError;
use crate::server::{error_response, trace_within, ServerConfig};

/// `router` with the files of `dir` served on `GET` and `HEAD` for paths
/// no operation takes (instead of [`crate::server::with_fallback`]).
pub(super) fn with_site(router: Router, dir: PathBuf, config: &ServerConfig) -> Router {
    let (http_status, header_limit) = (config.http_status, config.header_limit);
    let dir = Arc::new(dir);
    router.fallback(move |request: Request| {
        let dir = Arc::clone(&dir);
        async move {
            if matches!(*request.method(), Method::GET | Method::HEAD) {
                if let Some(response) = file(&dir, request.uri().path()).await {
                    return response;
                }
            }
            let trace = trace_within(request.headers(), header_limit);
            error_response(
                ApiError::not_found(request.uri().path()),
                trace,
                0,
                http_status,
            )
        }
    })
}

/// The file that `path` names under `dir`, or a redirect to `path/` for a
/// folder; `None` when there is none.
async fn file(dir: &Path, path: &str) -> Option<Response> {
    let rel = site_path(path)?;
    let full = dir.join(&rel);
    let read = tokio::task::spawn_blocking(move || {
        if full.is_dir() {
            Ok(None)
        } else {
            std::fs::read(&full).map(|bytes| Some((content_type(&full), bytes)))
        }
    });
    match read.await.ok()?.ok()? {
        Some((content_type, bytes)) => Some(
            (
                [
                    (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
                    (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
                    (
                        header::X_CONTENT_TYPE_OPTIONS,
                        HeaderValue::from_static("nosniff"),
                    ),
                ],
                bytes,
            )
                .into_response(),
        ),
        None => {
            let location = HeaderValue::from_str(&format!("{path}/")).ok()?;
            Some(
                (
                    StatusCode::PERMANENT_REDIRECT,
                    [(header::LOCATION, location)],
                )
                    .into_response(),
            )
        }
    }
}

/// The relative file a URL path names: a path ending in `/` names its
/// folder's `index.html`. `None` for anything that could name a file
/// outside the folder or a hidden one: `..`, `.`, empty segments inside,
/// backslashes, percent-escapes, names starting with a dot.
fn site_path(path: &str) -> Option<PathBuf> {
    let inner = path.strip_prefix('/')?;
    let (folders, name) = match inner.rsplit_once('/') {
        Some((folders, name)) => (Some(folders), name),
        None => (None, inner),
    };
    let mut rel = PathBuf::new();
    for segment in folders.into_iter().flat_map(|f| f.split('/')) {
        rel.push(plain(segment)?);
    }
    if name.is_empty() {
        rel.push("index.html");
    } else {
        rel.push(plain(name)?);
    }
    rel.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then_some(rel)
}

/// A path segment that names an ordinary file or folder.
fn plain(segment: &str) -> Option<&str> {
    let ok = !segment.is_empty()
        && !segment.starts_with('.')
        && !segment.contains(['\\', '%', ':', '\0']);
    ok.then_some(segment)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_files_inside_the_folder_only() {
        let ok = |p: &str, want: &str| assert_eq!(site_path(p), Some(PathBuf::from(want)), "{p}");
        ok("/", "index.html");
        ok("/zh/", "zh/index.html");
        ok("/vendor/rapidoc-min.js", "vendor/rapidoc-min.js");
        ok("/zh/index.html", "zh/index.html");
        for bad in [
            "",
            "/..",
            "/../secret",
            "/zh/../../x",
            "/./index.html",
            "//etc/passwd",
            "/a//b",
            "/%2e%2e/x",
            "/.git/config",
            "/a\\..\\b",
            "/C:/x",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("api.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("x.bin")), "application/octet-stream");
    }
}
