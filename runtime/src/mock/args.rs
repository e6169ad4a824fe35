//! The flags of both mocks (the generated `*-mock` binary and `bizgen
//! mock`), parsed by clap in one place, and the `main` they share.

use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, FromArgMatches};

use std::path::PathBuf;

use super::{banner, router_with_site, MockOptions, MockTable};
use crate::mock_defaults;
use crate::server::{HttpStatus, ServerConfig, StaticTokens};

/// How to run a mock: where it listens, the tokens it accepts, how it
/// answers. `bizgen mock` flattens these into its own command.
#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct MockArgs {
    /// The address to listen on.
    #[arg(long, default_value = mock_defaults::HOST)]
    pub host: String,
    /// The port to listen on (0 picks a free one; the banner shows it).
    #[arg(long, default_value_t = mock_defaults::PORT)]
    pub port: u16,
    /// The C-side customer token the mock accepts (and login hands out).
    #[arg(long, default_value = mock_defaults::TOKEN)]
    pub token: String,
    /// The B-side admin token the mock accepts.
    #[arg(long, default_value = mock_defaults::ADMIN_TOKEN)]
    pub admin_token: String,
    /// Answer CORS preflights and allow every origin (browser front ends).
    #[arg(long)]
    pub cors: bool,
    /// Wait this many milliseconds before each answer.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub delay_ms: u64,
    /// Also serve the static site in DIR on GET from the same origin (the
    /// docs site: `--site generated/site`, then open http://HOST:PORT/), so
    /// that its try-it calls this mock with no CORS setup.
    #[arg(long, value_name = "DIR")]
    pub site: Option<PathBuf>,
    /// `platform`: HTTP 200 for every answer, as the platform does;
    /// `semantic`: 400/401/404/413/415/422/500 for the bizgen error codes.
    #[arg(long, value_name = "MODE", default_value = "platform", value_parser = parse_http_status)]
    pub http_status: HttpStatus,
}

impl Default for MockArgs {
    fn default() -> Self {
        // The defaults are clap's, so that they are written once.
        MockArgs::parse_from("mock", std::iter::empty::<String>())
            .unwrap_or_else(|e| unreachable!("the default flags parse: {e}"))
    }
}

impl MockArgs {
    /// Parses the flags (without the program name) of the mock called
    /// `name`. `--help` is an `Err` whose `exit_code()` is 0 and whose text
    /// goes to stdout (`use_stderr()` is false).
    pub fn parse_from(
        name: &str,
        args: impl IntoIterator<Item = String>,
    ) -> Result<MockArgs, clap::Error> {
        // After `augment_args`, which sets the about text from this
        // struct's doc comment.
        let command = MockArgs::augment_args(clap::Command::new(name.to_owned()))
            .about("Serves every operation of the spec, answering with its examples.");
        let matches = command.try_get_matches_from(std::iter::once(name.to_owned()).chain(args))?;
        MockArgs::from_arg_matches(&matches)
    }

    /// What the mock does besides the checks.
    pub fn options(&self) -> MockOptions {
        MockOptions {
            cors: self.cors,
            delay: Duration::from_millis(self.delay_ms),
        }
    }

    /// The server settings these flags ask for.
    pub fn config(&self) -> ServerConfig {
        ServerConfig::new(StaticTokens::new(
            self.token.clone(),
            self.admin_token.clone(),
        ))
        .with_http_status(self.http_status)
    }
}

/// `platform` or `semantic`.
pub fn parse_http_status(value: &str) -> Result<HttpStatus, String> {
    match value {
        "platform" => Ok(HttpStatus::Platform),
        "semantic" => Ok(HttpStatus::Semantic),
        other => Err(format!("expected `platform` or `semantic`, got `{other}`")),
    }
}

/// Serves `table` on `args.host:args.port` until stopped, printing the
/// banner (address and example names) to stderr.
pub fn serve(table: &MockTable, args: &MockArgs) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    if let Some(dir) = &args.site {
        if !dir.join("index.html").is_file() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!(
                    "--site {}: no index.html there (`bizgen generate` writes the docs site to generated/site)",
                    dir.display()
                ),
            ));
        }
    }
    let app = router_with_site(table, args.config(), args.options(), args.site.clone());
    let address = format!("{}:{}", args.host, args.port);
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&address).await.map_err(|e| {
            std::io::Error::new(e.kind(), format!("cannot listen on {address}: {e}"))
        })?;
        let shown = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or(address);
        eprint!("{}", banner(table, &shown));
        if let Some(dir) = &args.site {
            eprintln!("site: http://{shown}/ serves {}", dir.display());
        }
        axum::serve(listener, app).await
    })
}

/// The `main` of the generated mock binary: parses the flags (`--help` to
/// stdout with exit code 0, a bad flag to stderr with exit code 2) and
/// serves `table`.
pub fn run(table: &MockTable, args: impl IntoIterator<Item = String>) -> ExitCode {
    let name = format!("{}-mock", table.api_name);
    match MockArgs::parse_from(&name, args) {
        Ok(args) => match serve(table, &args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{name}: {e}");
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            // clap sends help and version to stdout, errors to stderr.
            let _ = e.print();
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(a: &[&str]) -> Result<MockArgs, clap::Error> {
        MockArgs::parse_from("customer-api-mock", a.iter().map(|s| s.to_string()))
    }

    #[test]
    fn flags_with_separate_and_attached_values() {
        let parsed = parse(&["--port", "9000", "--token", "T", "--admin-token=A"]).expect("valid");
        assert_eq!(
            (
                parsed.port,
                parsed.token.as_str(),
                parsed.admin_token.as_str()
            ),
            (9000, "T", "A")
        );
        assert_eq!(parse(&["--port=9001"]).expect("valid").port, 9001);
        assert_eq!(parsed.host, "127.0.0.1");
        let parsed =
            parse(&["--cors", "--delay-ms", "5", "--http-status", "semantic"]).expect("valid");
        assert_eq!(
            parsed.options(),
            MockOptions {
                cors: true,
                delay: Duration::from_millis(5)
            }
        );
        assert_eq!(parsed.http_status, HttpStatus::Semantic);
    }

    #[test]
    fn defaults_are_the_documented_ones() {
        let d = MockArgs::default();
        assert_eq!(
            (
                d.host.as_str(),
                d.port,
                d.token.as_str(),
                d.admin_token.as_str()
            ),
            ("127.0.0.1", 8080, "mock-token", "mock-admin-token")
        );
        assert_eq!(d.http_status, HttpStatus::Platform);
        assert_eq!(d.options(), MockOptions::default());
    }

    #[test]
    fn help_goes_to_stdout_with_exit_code_0() {
        let e = parse(&["--help"]).expect_err("help is not a run");
        assert_eq!(e.exit_code(), 0);
        assert!(!e.use_stderr());
        let text = e.render().to_string();
        assert!(text.contains("Usage: customer-api-mock"), "{text}");
        for flag in [
            "--port",
            "--token",
            "--admin-token",
            "--cors",
            "--delay-ms",
            "--http-status",
            "--site",
        ] {
            assert!(text.contains(flag), "{flag} in {text}");
        }
    }

    #[test]
    fn bad_flags_say_which_and_exit_2() {
        for (args, says) in [
            (&["--port", "x"][..], "--port"),
            (
                &["--http-status", "loud"][..],
                "expected `platform` or `semantic`",
            ),
            (&["--bogus", "1"][..], "--bogus"),
            (&["--port"][..], "--port"),
        ] {
            let e = parse(args).expect_err("a bad flag");
            assert_eq!(e.exit_code(), 2, "{args:?}");
            assert!(e.use_stderr());
            let text = e.render().to_string();
            assert!(text.contains(says), "{args:?}: {text}");
        }
    }
}
