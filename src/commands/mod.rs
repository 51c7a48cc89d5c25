//! One module per command: validate the arguments, call the library, return what to print.
pub mod erlang;
