// Emitting and formatting a large API is allocation-bound (syn, prettyplease):
// mimalloc makes `generate` markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    bizgen::cli::run(
        std::env::args(),
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    )
}
