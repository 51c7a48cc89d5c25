//! Arguments of `ccsim erlang b|c|a`, one sub-command per model so that each `--help`
//! lists only the options that model uses. Values stay raw here (durations and fractions
//! as text, counts as signed integers) so that `commands::erlang` can reject bad ones with
//! a message naming the flag, what it expected and what it found.
//!
//! A flag another model uses is still accepted, hidden from `--help`, so that giving it
//! gets ccsim's reason ("--patience does not apply here: erlang b has no waiting callers
//! to hang up (see erlang a)") rather than a bare "unexpected argument".

use clap::{Args, Subcommand};

use crate::model::SlDefinition;

/// The analytic model to evaluate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErlangModel {
    /// Erlang B: calls finding every line busy are lost (M/M/c/c).
    B,
    /// Erlang C: callers wait as long as it takes (M/M/c); with --lines, M/M/c/K.
    C,
    /// Erlang A: callers wait but hang up after an exponential patience (M/M/c+M).
    A,
}

/// `ccsim erlang b|c|a`: exact steady-state figures for Poisson arrivals and exponential
/// handle times, for a given staffing or solving for the smallest one meeting a goal.
#[derive(Debug, Args)]
pub struct ErlangArgs {
    #[command(subcommand)]
    pub model: ErlangCommand,
}

#[derive(Debug, Subcommand)]
pub enum ErlangCommand {
    /// Erlang B: calls finding every line busy are lost (M/M/c/c).
    #[command(after_help = "\
EXAMPLES:
  ccsim erlang b --calls 300 --per 1h --aht 240s --lines 20
  ccsim erlang b --calls 300 --per 1h --aht 240s --max-blocking 1%")]
    B(ErlangB),
    /// Erlang C: callers wait as long as it takes (M/M/c); with --lines, M/M/c/K.
    #[command(after_help = "\
EXAMPLES:
  ccsim erlang c --calls 480 --per 1h --aht 60s --agents 10 --threshold 20s
  ccsim erlang c --calls 1500 --per 30m --aht 280s --threshold 20s --target 0.8
  ccsim erlang c --calls 480 --per 1h --aht 60s --agents 10 --lines 25")]
    C(ErlangC),
    /// Erlang A: callers wait but hang up after an exponential patience (M/M/c+M).
    #[command(after_help = "\
EXAMPLE:
  ccsim erlang a --calls 1200 --per 1h --aht 180s --patience 2m --agents 58 \\
    --threshold 20s")]
    A(ErlangA),
}

/// The traffic every model needs.
#[derive(Debug, Args)]
pub struct Traffic {
    /// Calls arriving in each --per period (Poisson arrivals).
    #[arg(long, value_name = "N")]
    pub calls: Option<f64>,
    /// The period --calls covers, e.g. 1h or 30m.
    #[arg(long, value_name = "DURATION")]
    pub per: Option<String>,
    /// Average handle time: talk + hold + wrap-up, e.g. 4m or 240s.
    #[arg(long, value_name = "DURATION")]
    pub aht: Option<String>,
}

/// Options every model takes after its own.
#[derive(Debug, Args)]
pub struct Common {
    /// Solve with occupancy kept at or below this fraction (0.85 or 85%).
    #[arg(long, value_name = "FRACTION")]
    pub max_occupancy: Option<String>,
    /// Share of paid time off the phones; also reports scheduled = agents ÷ (1 − shrinkage).
    #[arg(long, value_name = "FRACTION")]
    pub shrinkage: Option<String>,
    /// Print the figures as one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `ccsim erlang b`.
#[derive(Debug, Args)]
#[command(allow_negative_numbers = true)]
pub struct ErlangB {
    #[command(flatten)]
    pub traffic: Traffic,
    /// Lines (trunks), each carrying one call. Leave out to solve for the fewest meeting
    /// the goal.
    #[arg(long, value_name = "K")]
    pub lines: Option<i64>,
    /// Solve for blocking (calls lost) at most this fraction (0.01 or 1%).
    #[arg(long, value_name = "FRACTION")]
    pub max_blocking: Option<String>,
    #[command(flatten)]
    pub common: Common,
    // Accepted, hidden: `--agents` is the same number as `--lines`; the rest are
    // refused with a reason.
    #[arg(long, hide = true)]
    pub agents: Option<i64>,
    #[arg(long, hide = true)]
    pub threshold: Option<String>,
    #[arg(long, hide = true)]
    pub target: Option<String>,
    #[arg(long, value_enum, hide = true)]
    pub sl_of: Option<SlDefinition>,
    #[arg(long, hide = true)]
    pub asa_target: Option<String>,
    #[arg(long, hide = true)]
    pub patience: Option<String>,
}

/// `ccsim erlang c`.
#[derive(Debug, Args)]
#[command(allow_negative_numbers = true)]
pub struct ErlangC {
    #[command(flatten)]
    pub traffic: Traffic,
    #[command(flatten)]
    pub staffing: Staffing,
    /// Lines: most calls in the centre, talking or waiting (M/M/c/K); a call finding
    /// them all busy gets a busy signal.
    #[arg(long, value_name = "K")]
    pub lines: Option<i64>,
    #[command(flatten)]
    pub goals: ServiceGoals,
    /// Which service level --target means (with --lines; without, all three agree).
    #[arg(long, value_enum, value_name = "DEFINITION")]
    pub sl_of: Option<SlDefinition>,
    /// Solve for blocking at most this fraction (needs --lines).
    #[arg(long, value_name = "FRACTION")]
    pub max_blocking: Option<String>,
    #[command(flatten)]
    pub common: Common,
    // Accepted, hidden, refused with a reason.
    #[arg(long, hide = true)]
    pub patience: Option<String>,
}

/// `ccsim erlang a`.
#[derive(Debug, Args)]
#[command(allow_negative_numbers = true)]
pub struct ErlangA {
    #[command(flatten)]
    pub traffic: Traffic,
    /// Mean patience before a waiting caller hangs up (exponential), e.g. 2m.
    #[arg(long, value_name = "DURATION")]
    pub patience: Option<String>,
    #[command(flatten)]
    pub staffing: Staffing,
    #[command(flatten)]
    pub goals: ServiceGoals,
    /// Which service level --target means.
    #[arg(long, value_enum, value_name = "DEFINITION")]
    pub sl_of: Option<SlDefinition>,
    #[command(flatten)]
    pub common: Common,
    // Accepted, hidden, refused with a reason.
    #[arg(long, hide = true)]
    pub lines: Option<i64>,
    #[arg(long, hide = true)]
    pub max_blocking: Option<String>,
}

/// The agents of Erlang C and A.
#[derive(Debug, Args)]
pub struct Staffing {
    /// Agents on the phones. Leave out to solve for the fewest meeting the goal.
    #[arg(long, value_name = "N")]
    pub agents: Option<i64>,
}

/// The threshold and the goals of the models with a queue.
#[derive(Debug, Args)]
pub struct ServiceGoals {
    /// Service-level threshold ("answered within"), e.g. 20s.
    #[arg(long, value_name = "DURATION")]
    pub threshold: Option<String>,
    /// Service-level goal to solve for, as a fraction or percentage (0.8 or 80%); needs
    /// --threshold.
    #[arg(long, value_name = "FRACTION")]
    pub target: Option<String>,
    /// Solve for a mean wait of answered calls (ASA) at most this long, e.g. 30s.
    #[arg(long, value_name = "DURATION")]
    pub asa_target: Option<String>,
}

/// Every flag of every model, as given; `commands::erlang` checks them against the model.
#[derive(Debug, Default)]
pub struct ErlangFlags {
    pub calls: Option<f64>,
    pub per: Option<String>,
    pub aht: Option<String>,
    pub agents: Option<i64>,
    pub lines: Option<i64>,
    pub threshold: Option<String>,
    pub target: Option<String>,
    pub sl_of: Option<SlDefinition>,
    pub asa_target: Option<String>,
    pub max_occupancy: Option<String>,
    pub max_blocking: Option<String>,
    pub shrinkage: Option<String>,
    pub patience: Option<String>,
    pub json: bool,
}

impl ErlangArgs {
    /// The model and every flag given.
    pub fn flags(&self) -> (ErlangModel, ErlangFlags) {
        match &self.model {
            ErlangCommand::B(b) => (
                ErlangModel::B,
                ErlangFlags {
                    lines: b.lines,
                    max_blocking: b.max_blocking.clone(),
                    agents: b.agents,
                    threshold: b.threshold.clone(),
                    target: b.target.clone(),
                    sl_of: b.sl_of,
                    asa_target: b.asa_target.clone(),
                    patience: b.patience.clone(),
                    ..ErlangFlags::new(&b.traffic, &b.common)
                },
            ),
            ErlangCommand::C(c) => (
                ErlangModel::C,
                ErlangFlags {
                    agents: c.staffing.agents,
                    lines: c.lines,
                    sl_of: c.sl_of,
                    max_blocking: c.max_blocking.clone(),
                    patience: c.patience.clone(),
                    ..ErlangFlags::new(&c.traffic, &c.common).with_goals(&c.goals)
                },
            ),
            ErlangCommand::A(a) => (
                ErlangModel::A,
                ErlangFlags {
                    agents: a.staffing.agents,
                    patience: a.patience.clone(),
                    sl_of: a.sl_of,
                    lines: a.lines,
                    max_blocking: a.max_blocking.clone(),
                    ..ErlangFlags::new(&a.traffic, &a.common).with_goals(&a.goals)
                },
            ),
        }
    }
}

impl ErlangFlags {
    fn new(traffic: &Traffic, common: &Common) -> ErlangFlags {
        ErlangFlags {
            calls: traffic.calls,
            per: traffic.per.clone(),
            aht: traffic.aht.clone(),
            max_occupancy: common.max_occupancy.clone(),
            shrinkage: common.shrinkage.clone(),
            json: common.json,
            ..ErlangFlags::default()
        }
    }

    fn with_goals(self, goals: &ServiceGoals) -> ErlangFlags {
        ErlangFlags {
            threshold: goals.threshold.clone(),
            target: goals.target.clone(),
            asa_target: goals.asa_target.clone(),
            ..self
        }
    }
}
