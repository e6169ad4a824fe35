//! `bizgen lint` and `bizgen list`: the loaded spec, summed up or listed
//! operation by operation.

use std::io::Write;
use std::path::Path;

use serde_json::{json, Value};

use super::{load, EXIT_FAILURE};
use crate::ir::{Api, Ty};

/// `bizgen lint`: the diagnostics (printed on loading) and a summary.
pub(super) fn lint(spec: &Path, err: &mut dyn Write) -> std::io::Result<u8> {
    let Some(loaded) = load(spec, err)? else {
        return Ok(EXIT_FAILURE);
    };
    let api = &loaded.api;
    writeln!(
        err,
        "{}: {} operations in {} services, {} types, {} enums, {} warning(s), no errors",
        spec.display(),
        api.operations().count(),
        api.services.len(),
        api.types.len(),
        api.enums.len(),
        loaded.warnings.len()
    )?;
    Ok(0)
}

/// `bizgen list [--json]`.
pub(super) fn list(
    spec: &Path,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let Some(loaded) = load(spec, err)? else {
        return Ok(EXIT_FAILURE);
    };
    if json {
        let text = serde_json::to_string_pretty(&list_json(&loaded.api)).unwrap_or_default();
        writeln!(out, "{text}")?;
    } else {
        out.write_all(list_table(&loaded.api).as_bytes())?;
    }
    Ok(0)
}

fn response_str(op: &crate::ir::Operation) -> String {
    match &op.response.ty {
        None => "none".into(),
        Some(t) if op.response.nullable => format!("{t}?"),
        Some(t) => t.to_string(),
    }
}

/// The `list --json` document.
pub fn list_json(api: &Api) -> Value {
    let mut ops: Vec<_> = api.operations().map(|(_, o)| o).collect();
    ops.sort_by(|a, b| a.path.cmp(&b.path));
    Value::Array(
        ops.into_iter()
            .map(|o| {
                json!({
                    "bizType": o.biz_type,
                    "path": o.path,
                    "access": o.access.as_str(),
                    "readOnly": o.read_only,
                    "request": o.request.fields.iter().map(|f| {
                        let mut field = json!({
                            "name": f.name,
                            "type": type_str(&f.ty, f.nullable),
                            "required": f.required,
                        });
                        if let Some(c) = &f.required_when {
                            field["requiredWhen"] = c.to_json();
                        }
                        field
                    }).collect::<Vec<_>>(),
                    "response": response_str(o),
                })
            })
            .collect(),
    )
}

fn type_str(ty: &Ty, nullable: bool) -> String {
    if nullable {
        format!("{ty}?")
    } else {
        ty.to_string()
    }
}

/// The `list` table.
pub fn list_table(api: &Api) -> String {
    let mut rows: Vec<[String; 4]> = api
        .operations()
        .map(|(_, o)| {
            [
                o.path.clone(),
                o.access.as_str().to_owned(),
                o.request.fields.len().to_string(),
                response_str(o),
            ]
        })
        .collect();
    rows.sort();
    let header = [
        "PATH".to_owned(),
        "ACCESS".into(),
        "FIELDS".into(),
        "RESPONSE".into(),
    ];
    let widths: Vec<usize> = (0..4)
        .map(|i| {
            rows.iter()
                .chain([&header])
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in [&header].into_iter().chain(rows.iter()) {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    out.push_str(&format!("{} operations\n", rows.len()));
    out
}
