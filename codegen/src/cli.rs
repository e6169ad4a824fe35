//! The `bizgen` command line: argument parsing and printing only; every
//! piece of work is a library call. This module parses and dispatches; each
//! command is a function in [`output`] (generate, check), [`list`] (lint,
//! list), [`validate`] and [`serve`] (mock, probe).

mod list;
mod output;
mod release;
mod serve;
mod validate;

pub use list::{list_json, list_table};
pub use release::{Format as ReleaseFormat, ReleaseArgs};

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diagnostics::SourceFiles;
use crate::generate;
use crate::spec::{self, Loaded};

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
        /// Overwrite files at the paths bizgen generates even when bizgen did
        /// not write them (no `@generated` header).
        #[arg(long)]
        force: bool,
        /// Render everything, without reading or writing the cache in the
        /// cargo target directory.
        #[arg(long)]
        no_cache: bool,
    },
    /// Regenerate in memory and compare with the output directory; exit 1
    /// with a diff when they differ.
    Check {
        /// Output directory.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        #[command(flatten)]
        krate: CrateArgs,
        /// Render everything, without reading or writing the cache.
        #[arg(long)]
        no_cache: bool,
    },
    /// Classify the changes between two specs as breaking or not.
    Diff(crate::diff::DiffArgs),
    /// Propose the next version from the changes since the last release,
    /// and (unless --dry-run) record it: history, version, changelogs.
    Release(ReleaseArgs),
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

/// Runs one parsed command: each command is a function of its own.
fn execute(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    let spec = &cli.spec;
    match &cli.command {
        Command::Schema { out: path } => schema(path.as_deref(), out),
        Command::Mock(args) => serve::mock(spec, args, err),
        Command::Probe(args) => serve::probe(spec, args, out, err),
        Command::Generate {
            out: dir,
            krate,
            force,
            no_cache,
        } => {
            let run = generate::Run {
                force: *force,
                cache: !no_cache,
            };
            output::generate(spec, dir, &krate.options(), &run, err)
        }
        Command::Check {
            out: dir,
            krate,
            no_cache,
        } => {
            let run = generate::Run {
                force: false,
                cache: !no_cache,
            };
            output::check(spec, dir, &krate.options(), &run, out, err)
        }
        Command::Diff(args) => crate::diff::run_diff(args, spec, out, err),
        Command::Release(args) => release::release(spec, args, out, err),
        Command::Lint => list::lint(spec, err),
        Command::List { json } => list::list(spec, *json, out, err),
        Command::Validate {
            har: Some(har),
            prefix,
            format,
            ..
        } => validate::har(spec, har, prefix, *format, out, err),
        Command::Validate {
            op,
            request,
            response,
            strict,
            ..
        } => {
            let payload = validate::Payload {
                op: op.as_deref(),
                request: request.as_deref(),
                response: response.as_deref(),
                strict: *strict,
            };
            validate::payload(spec, &payload, out, err)
        }
    }
}

/// `bizgen schema`: the JSON Schema of the spec format, to a file or stdout.
fn schema(path: Option<&Path>, out: &mut dyn Write) -> std::io::Result<u8> {
    let schema = crate::spec_json_schema();
    match path {
        Some(p) => std::fs::write(p, schema)?,
        None => out.write_all(schema.as_bytes())?,
    }
    Ok(0)
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

pub(crate) fn print_diagnostics(
    files: &SourceFiles,
    diags: &[crate::Diagnostic],
    err: &mut dyn Write,
) -> std::io::Result<()> {
    for d in diags {
        writeln!(err, "{}", d.render(files))?;
    }
    Ok(())
}
