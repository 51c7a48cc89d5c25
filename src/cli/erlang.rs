//! Arguments of `ccsim erlang b|c|a`.

use clap::Args;

#[derive(Debug, Args)]
pub struct ErlangArgs {}
