mod check;
mod common;
mod erlang;
mod schema;
mod sweep;
