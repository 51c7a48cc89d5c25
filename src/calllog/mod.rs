//! Learning from a centre's own history: a switch's call log read ([`read`]), fitted into
//! a scenario ([`fit`](mod@fit), written by [`write`](mod@write)), and compared with a scenario's simulation
//! interval by interval ([`backtest`]). [`synth`] makes synthetic logs from a scenario for
//! the tests and the example; [`numeric`] holds the special functions the estimators use.
pub mod backtest;
pub mod fit;
pub mod numeric;
pub mod read;
pub mod replay;
pub mod synth;
pub mod write;
