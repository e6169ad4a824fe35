// The build-script front-end: the same API, generated into OUT_DIR.
fn main() {
    if let Err(e) = bizgen::Builder::new("../spec").generate() {
        eprintln!("bizgen: {e}");
        std::process::exit(1);
    }
}
