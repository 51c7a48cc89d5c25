mod erlang;
mod extreme;
mod invariants;
mod robustness;
