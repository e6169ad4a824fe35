// The build-script front-end, as the README shows it.
fn main() {
    if let Err(e) = bizgen::Builder::new("../../../spec").generate() {
        eprintln!("bizgen: {e}");
        std::process::exit(1);
    }
}
