//! Exact analytic Erlang B, C, A and M/M/c/K.
