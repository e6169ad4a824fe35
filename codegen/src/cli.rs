//! The `bizgen` command line: argument parsing and printing only; every
//! piece of work is a library call.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde_json::{json, Value};

use crate::diagnostics::SourceFiles;
use crate::generate;
use crate::ir::{Api, Ty};
use crate::spec::{self, Loaded};
use crate::wire;

/// Exit code: spec errors, invalid payload, drift.
pub const EXIT_FAILURE: u8 = 1;
/// Exit code: bad arguments or unreadable input files (for `bizgen diff`,
/// also an unknown git ref or a spec that does not load).
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "bizgen",
    version,
    about = "Spec-driven code generator for the customer API"
)]
pub struct Cli {
    /// The spec directory.
    #[arg(long, global = true, default_value = "spec")]
    pub spec: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

/// How the generated crate is packaged.
#[derive(Debug, clap::Args)]
pub struct CrateArgs {
    /// Path from the generated crate to the `bizgen-runtime` crate.
    #[arg(long, default_value = "../runtime")]
    pub runtime_path: String,
    /// Mark the generated crate `publish = false`.
    #[arg(long)]
    pub private: bool,
}

impl CrateArgs {
    fn options(&self) -> generate::Options {
        generate::Options {
            runtime_path: self.runtime_path.clone(),
            private: self.private,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and check the spec; print every diagnostic.
    Lint,
    /// List every operation.
    List {
        /// A JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Validate a JSON request body or response envelope against an
    /// operation, or every exchange of a HAR capture against the spec.
    Validate {
        /// bizType, or full path where a bizType is on two gateways.
        #[arg(long, required_unless_present = "har", conflicts_with = "har")]
        op: Option<String>,
        /// A request body to check.
        #[arg(long, conflicts_with_all = ["response", "har"])]
        request: Option<PathBuf>,
        /// A whole response envelope to check.
        #[arg(long, conflicts_with = "har")]
        response: Option<PathBuf>,
        /// Fields that the spec does not declare are violations.
        #[arg(long, conflicts_with = "har")]
        strict: bool,
        /// A HAR capture (devtools, Charles, mitmproxy, Postman): check each
        /// entry whose path is an operation; exit 1 on any error finding.
        #[arg(long)]
        har: Option<PathBuf>,
        /// A path prefix in front of the gateways in the capture (a proxy's
        /// mount point such as `/gateway`).
        #[arg(long, default_value = "", requires = "har")]
        prefix: String,
        /// Output of `--har`.
        #[arg(long, value_enum, default_value = "text", requires = "har")]
        format: crate::traffic::report::Format,
    },
    /// Regenerate everything (SDK crate and docs) from the spec.
    Generate {
        /// Output directory.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        #[command(flatten)]
        krate: CrateArgs,
    },
    /// Regenerate in memory and compare with the output directory; exit 1
    /// with a diff when they differ.
    Check {
        /// Output directory.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        #[command(flatten)]
        krate: CrateArgs,
    },
    /// Classify the changes between two specs as breaking or not.
    Diff(crate::diff::DiffArgs),
    /// Serve the spec's examples on HTTP, straight from the spec (no
    /// generate, no build), with the generated server's checks.
    Mock(bizgen_runtime::mock::MockArgs),
    /// Call every read-only operation on a live gateway with its spec
    /// example and check the answers; exit 1 on drift or a failed call.
    Probe(ProbeArgs),
    /// Print the JSON Schema of the spec file format.
    Schema {
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// Flags of `bizgen probe`.
#[derive(Debug, clap::Args)]
pub struct ProbeArgs {
    /// The gateway: scheme, host, port and an optional mount path.
    #[arg(long)]
    pub base_url: String,
    /// The C-side customer token (operations that need it are skipped without it).
    #[arg(long)]
    pub token: Option<String>,
    /// The B-side admin token (admin operations are skipped without it).
    #[arg(long)]
    pub admin_token: Option<String>,
    /// Also call this operation, which is not read-only (bizType, name or
    /// path; repeatable). It may change data on the gateway.
    #[arg(long, value_name = "OP")]
    pub include: Vec<String>,
    /// A header value, e.g. `companyId=360` (repeatable); required headers
    /// not given take the spec's example value.
    #[arg(long, value_name = "NAME=VALUE", value_parser = parse_header)]
    pub header: Vec<(String, String)>,
    /// Calls in flight at once.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..))]
    pub concurrency: u16,
    /// How long one call may take: `10s`, `500ms`, `1.5s`.
    #[arg(long, default_value = "10s", value_parser = crate::traffic::probe::parse_duration)]
    pub timeout: std::time::Duration,
    #[arg(long, value_enum, default_value = "text")]
    pub format: crate::traffic::probe_report::Format,
}

fn parse_header(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_owned(), value.to_owned()))
        }
        _ => Err(format!("`{s}` is not NAME=VALUE")),
    }
}

impl ProbeArgs {
    fn options(&self) -> crate::traffic::probe::ProbeOptions {
        crate::traffic::probe::ProbeOptions {
            base_url: self.base_url.clone(),
            token: self.token.clone(),
            admin_token: self.admin_token.clone(),
            include: self.include.clone(),
            concurrency: usize::from(self.concurrency),
            timeout: self.timeout,
            headers: self.header.clone(),
        }
    }
}

/// Runs the CLI with the given arguments, writing to the given streams.
pub fn run(
    args: impl IntoIterator<Item = String>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { 0 };
            let text = e.render().to_string();
            let _ = if e.use_stderr() {
                err.write_all(text.as_bytes())
            } else {
                out.write_all(text.as_bytes())
            };
            return ExitCode::from(code);
        }
    };
    match execute(&cli, out, err) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let _ = writeln!(err, "bizgen: {e}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

fn execute(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    match &cli.command {
        Command::Schema { out: path } => {
            let schema = crate::spec_json_schema();
            match path {
                Some(p) => std::fs::write(p, schema)?,
                None => out.write_all(schema.as_bytes())?,
            }
            Ok(0)
        }
        Command::Mock(mock) => {
            let Some(loaded) = load(&cli.spec, err)? else {
                return Ok(EXIT_FAILURE);
            };
            let table = crate::traffic::mock::mock_table(&loaded.api);
            bizgen_runtime::mock::serve(&table, mock)?;
            Ok(0)
        }
        Command::Probe(args) => {
            let Some(loaded) = load(&cli.spec, err)? else {
                return Ok(EXIT_FAILURE);
            };
            let report = match crate::traffic::probe::probe(&loaded.api, &args.options()) {
                Ok(report) => report,
                Err(e) => {
                    writeln!(err, "bizgen: {e}")?;
                    return Ok(EXIT_USAGE);
                }
            };
            let rendered = crate::traffic::probe_report::render(args.format, &report);
            out.write_all(rendered.as_bytes())?;
            if args.format != crate::traffic::probe_report::Format::Text {
                writeln!(err, "{}", crate::traffic::probe_report::summary(&report))?;
            }
            Ok(if report.failed() { EXIT_FAILURE } else { 0 })
        }
        Command::Generate { out: dir, krate } => {
            let Some(loaded) = load(&cli.spec, err)? else {
                return Ok(EXIT_FAILURE);
            };
            let report = match generate::generate(&loaded.api, &krate.options(), dir) {
                Ok(report) => report,
                Err(e) => {
                    writeln!(err, "bizgen: {e}")?;
                    return Ok(EXIT_FAILURE);
                }
            };
            for p in &report.written {
                writeln!(err, "wrote {}", dir.join(p).display())?;
            }
            for p in &report.removed {
                writeln!(err, "removed stale {}", dir.join(p).display())?;
            }
            for p in &report.kept {
                writeln!(
                    err,
                    "warning: {} is not generated from the spec; left in place (move it out of {})",
                    dir.join(p).display(),
                    dir.display()
                )?;
            }
            writeln!(
                err,
                "{}: {} files ({} written, {} unchanged, {} removed)",
                dir.display(),
                report.files(),
                report.written.len(),
                report.unchanged,
                report.removed.len()
            )?;
            Ok(0)
        }
        Command::Check { out: dir, krate } => {
            let Some(loaded) = load(&cli.spec, err)? else {
                return Ok(EXIT_FAILURE);
            };
            let (drift, files) = match generate::check_dir(&loaded.api, &krate.options(), dir) {
                Ok(found) => found,
                Err(e) => {
                    writeln!(err, "bizgen: {e}")?;
                    return Ok(EXIT_FAILURE);
                }
            };
            if drift.is_empty() {
                writeln!(
                    err,
                    "{} is in sync with {} ({} files)",
                    dir.display(),
                    cli.spec.display(),
                    files
                )?;
                return Ok(0);
            }
            for d in &drift {
                match d {
                    generate::Drift::Missing(p) => {
                        writeln!(out, "missing: {}", dir.join(p).display())?
                    }
                    generate::Drift::Stale(p) => writeln!(
                        out,
                        "stale (not generated from the spec): {}",
                        dir.join(p).display()
                    )?,
                    generate::Drift::Changed { diff, .. } => out.write_all(diff.as_bytes())?,
                }
            }
            writeln!(
                err,
                "{} file(s) in {} differ from the spec; run `bizgen generate --spec {} --out {}` and commit the result",
                drift.len(),
                dir.display(),
                cli.spec.display(),
                dir.display()
            )?;
            Ok(EXIT_FAILURE)
        }
        Command::Diff(args) => crate::diff::run_diff(args, &cli.spec, out, err),
        Command::Lint => {
            let Some(loaded) = load(&cli.spec, err)? else {
                return Ok(EXIT_FAILURE);
            };
            let ops = loaded.api.operations().count();
            writeln!(
                err,
                "{}: {} operations in {} services, {} types, {} enums, {} warning(s), no errors",
                cli.spec.display(),
                ops,
                loaded.api.services.len(),
                loaded.api.types.len(),
                loaded.api.enums.len(),
                loaded.warnings.len()
            )?;
            Ok(0)
        }
        Command::List { json } => {
            let Some(loaded) = load(&cli.spec, err)? else {
                return Ok(EXIT_FAILURE);
            };
            if *json {
                let text =
                    serde_json::to_string_pretty(&list_json(&loaded.api)).unwrap_or_default();
                writeln!(out, "{text}")?;
            } else {
                out.write_all(list_table(&loaded.api).as_bytes())?;
            }
            Ok(0)
        }
        Command::Validate {
            har: Some(har),
            prefix,
            format,
            ..
        } => {
            let text = match std::fs::read(har) {
                Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(e) => {
                    writeln!(err, "bizgen: cannot read {}: {e}", har.display())?;
                    return Ok(EXIT_USAGE);
                }
            };
            let Some(loaded) = load(&cli.spec, err)? else {
                return Ok(EXIT_FAILURE);
            };
            let report = match crate::traffic::har::validate_har(&loaded.api, &text, prefix) {
                Ok(r) => r,
                Err(e) => {
                    writeln!(err, "bizgen: {}: {e}", har.display())?;
                    return Ok(EXIT_FAILURE);
                }
            };
            let source = har.display().to_string();
            let rendered =
                crate::traffic::report::render(*format, &report.findings, report.checked, &source);
            out.write_all(rendered.as_bytes())?;
            let failed = crate::traffic::report::has_errors(&report.findings);
            Ok(if failed { EXIT_FAILURE } else { 0 })
        }
        Command::Validate {
            op,
            request,
            response,
            strict,
            ..
        } => {
            let Some(op) = op else {
                writeln!(err, "bizgen: give --op OP, or --har FILE")?;
                return Ok(EXIT_USAGE);
            };
            let (path, is_request) = match (request, response) {
                (Some(p), _) => (p, true),
                (None, Some(p)) => (p, false),
                (None, None) => {
                    // clap requires one of them; kept for callers of `execute`.
                    writeln!(err, "bizgen: give --request FILE or --response FILE")?;
                    return Ok(EXIT_USAGE);
                }
            };
            let payload = match read_json(path) {
                Ok(v) => v,
                Err(msg) => {
                    writeln!(err, "bizgen: {msg}")?;
                    return Ok(EXIT_USAGE);
                }
            };
            let Some(loaded) = load(&cli.spec, err)? else {
                return Ok(EXIT_FAILURE);
            };
            let operation = match loaded.api.find_operation(op) {
                Ok(o) => o,
                Err(msg) => {
                    writeln!(err, "bizgen: {msg}")?;
                    return Ok(EXIT_USAGE);
                }
            };
            let violations = if is_request {
                wire::check_request(&loaded.api, operation, &payload, *strict)
            } else {
                wire::check_response(&loaded.api, operation, &payload, *strict)
            };
            let report = json!({
                "op": operation.biz_type,
                "path": operation.path,
                "valid": violations.is_empty(),
                "violations": violations,
            });
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            )?;
            Ok(if violations.is_empty() {
                0
            } else {
                EXIT_FAILURE
            })
        }
    }
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| {
        format!(
            "{}:{}:{}: not valid JSON: {e}",
            path.display(),
            e.line(),
            e.column()
        )
    })
}

/// Loads the spec, printing diagnostics; `None` when it has errors.
pub fn load(dir: &Path, err: &mut dyn Write) -> std::io::Result<Option<Loaded>> {
    match spec::load_dir(dir) {
        Ok(loaded) => {
            print_diagnostics(&loaded.files, &loaded.warnings, err)?;
            Ok(Some(loaded))
        }
        Err(e) => {
            print_diagnostics(&e.files, &e.diagnostics, err)?;
            writeln!(err, "{} error(s) in {}", e.error_count(), dir.display())?;
            Ok(None)
        }
    }
}

fn print_diagnostics(
    files: &SourceFiles,
    diags: &[crate::Diagnostic],
    err: &mut dyn Write,
) -> std::io::Result<()> {
    for d in diags {
        writeln!(err, "{}", d.render(files))?;
    }
    Ok(())
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
