fn main() -> std::process::ExitCode {
    bizgen::cli::run(
        std::env::args(),
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    )
}
