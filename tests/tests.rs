mod erlang;
mod report;
