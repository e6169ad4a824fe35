//! One keyword argument of an operation's method, as the service template
//! and the docstrings show it.

#[derive(Clone)]
pub(super) struct ParamView {
    pub(super) name: String,
    pub(super) wire: String,
    pub(super) annotation: String,
    pub(super) default: Option<&'static str>,
}
