//! `bizgen mock` and `bizgen probe`: the spec over HTTP, as a server and
//! against a live gateway.

use std::io::Write;
use std::path::Path;

use super::{load, ProbeArgs, EXIT_FAILURE, EXIT_USAGE};
use crate::traffic::probe_report::{self, Format};

/// `bizgen mock`: serves the spec's examples until stopped.
pub(super) fn mock(
    spec: &Path,
    args: &bizgen_runtime::mock::MockArgs,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let Some(loaded) = load(spec, err)? else {
        return Ok(EXIT_FAILURE);
    };
    let table = crate::traffic::mock::mock_table(&loaded.api);
    bizgen_runtime::mock::serve(&table, args)?;
    Ok(0)
}

/// `bizgen probe`: calls the gateway and reports in the chosen format;
/// exit 1 when an operation drifted or failed.
pub(super) fn probe(
    spec: &Path,
    args: &ProbeArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let Some(loaded) = load(spec, err)? else {
        return Ok(EXIT_FAILURE);
    };
    let report = match crate::traffic::probe::probe(&loaded.api, &args.options()) {
        Ok(report) => report,
        Err(e) => {
            writeln!(err, "bizgen: {e}")?;
            return Ok(EXIT_USAGE);
        }
    };
    out.write_all(probe_report::render(args.format, &report).as_bytes())?;
    if args.format != Format::Text {
        writeln!(err, "{}", probe_report::summary(&report))?;
    }
    Ok(if report.failed() { EXIT_FAILURE } else { 0 })
}
