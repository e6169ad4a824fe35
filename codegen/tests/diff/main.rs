//! `bizgen diff`: one fixture pair per rule under `fixtures/diff/<rule-id>/`
//! (`old/` and `new/`, each a complete spec), how shared types and renames
//! are judged, the output formats, the command (`--fail-on`, `--category`,
//! `--accept`, `--severity-levels`) and `--against` a git ref.

mod cli;
mod common;
mod formats;
mod git;
mod judging;
mod rules;
