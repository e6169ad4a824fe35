bizgen_macros::generate!(spec);

fn main() {}
