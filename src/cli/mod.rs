//! Command-line argument definitions only; turning them into validated settings happens
//! in [`crate::settings`] and the command modules under `commands/`.
// Doc comments in this module are `--help` text, written for the terminal ([simulation],
// <scenario>), not rustdoc: do not let rustdoc read them as links or HTML.
#![allow(rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]

pub mod calllog;
pub mod erlang;

use clap::{Args, Parser, Subcommand};

use crate::staffing::Method;

/// Discrete-event call-centre simulator: service levels, staffing and what-if sweeps.
#[derive(Debug, Parser)]
#[command(name = "ccsim", version, about, max_term_width = 80)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Simulate scenarios and report service levels with confidence intervals.
    Run(RunArgs),
    /// Check scenario files without simulating.
    Validate(ValidateArgs),
    /// Exact analytic calculators: Erlang B, Erlang C (and M/M/c/K), Erlang A.
    Erlang(erlang::ErlangArgs),
    /// Required agents per interval to meet the service-level target in every interval.
    Staff(StaffArgs),
    /// What-if grid: simulate a scenario for every combination of --vary values.
    Sweep(SweepArgs),
    /// Join the shard folders of a sweep run with --shard into one sweep.
    Merge(MergeArgs),
    /// Compare scenarios' results with stored baselines; exit 1 on a regression.
    Check(CheckArgs),
    /// Fit a scenario to a call log: arrivals, handle time, patience, agents.
    Fit(calllog::FitArgs),
    /// Compare a call log with a scenario's simulation, interval by interval.
    Backtest(calllog::BacktestArgs),
    /// Simulate a scenario on a call log's own arrivals (and handle times).
    Replay(calllog::ReplayArgs),
    /// The cheapest roster of shifts that covers the requirement, verified by simulation.
    Schedule(ScheduleArgs),
    /// One client report comparing scenarios side by side, or reporting a sweep folder.
    Report(ReportArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  ccsim run scenarios/retail-day.toml
  ccsim run scenarios/*.toml --replications 500 --seed 7 --out results/
  ccsim run scenarios/retail-day.toml --json --quiet | jq .overall.service_level")]
pub struct RunArgs {
    /// Scenario files (TOML).
    #[arg(required = true, value_name = "SCENARIO")]
    pub scenarios: Vec<String>,
    /// Output folder [default: output/<scenario file stem>/]; with several scenarios,
    /// each gets a sub-folder named after its file.
    #[arg(long, value_name = "DIR")]
    pub out: Option<String>,
    /// Print summary.json to stdout instead of the table.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub sim: SimFlags,
    #[command(flatten)]
    pub report: ReportFlags,
    #[command(flatten)]
    pub sheets: SheetFlags,
}

/// How to simulate: the scenario's [simulation] values overridden, threads, progress.
#[derive(Debug, Args)]
pub struct SimFlags {
    /// Number of replications (overrides the scenario's [simulation] value).
    #[arg(long, value_name = "N", value_parser = replications_flag)]
    pub replications: Option<u64>,
    /// Random seed (overrides the scenario's [simulation] value).
    #[arg(long, value_name = "S", value_parser = seed_flag)]
    pub seed: Option<u64>,
    /// Worker threads [default: one per core]; results do not depend on it.
    #[arg(long, value_name = "N", value_parser = threads_flag)]
    pub threads: Option<usize>,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// The spreadsheets: the CSV files' form and the workbook.
#[derive(Debug, Clone, Copy, Args)]
pub struct SheetFlags {
    /// Form of the CSV files: en (commas, decimal points: for scripts) or fr
    /// (semicolons, decimal commas, UTF-8 mark: for a French Excel or LibreOffice).
    #[arg(long, value_enum, value_name = "LOCALE", default_value = "en")]
    pub csv_locale: crate::report::sheet::CsvLocale,
    /// Also write the tables as an Excel workbook (.xlsx), one formatted sheet per table.
    #[arg(long)]
    pub xlsx: bool,
}

/// The charts and the client report.
#[derive(Debug, Args)]
pub struct ReportFlags {
    /// Do not draw the charts (the report is still written, without them).
    #[arg(long)]
    pub no_charts: bool,
    /// Language of the charts and the report: en (English) or fr (français).
    #[arg(long, value_name = "LANG", default_value = "en", value_parser = crate::report::i18n::parse_lang)]
    pub lang: crate::report::i18n::Lang,
    /// The client the report is prepared for (shown under its title).
    #[arg(long, value_name = "TEXT", value_parser = report_text)]
    pub client: Option<String>,
    /// Who prepared the report.
    #[arg(long, value_name = "TEXT", value_parser = report_text)]
    pub author: Option<String>,
    /// The report's date, as it should read ("29 November 2026").
    #[arg(long, value_name = "TEXT", value_parser = report_text)]
    pub date: Option<String>,
    /// A short note printed at the top of the report.
    #[arg(long, value_name = "TEXT", value_parser = report_text)]
    pub note: Option<String>,
}

/// Text for the report's header: printable, without control characters (they would
/// reach the page and the terminal raw).
fn report_text(s: &str) -> Result<String, String> {
    if s.chars().any(char::is_control) {
        return Err(
            "expected text without control characters (line breaks, tabs, escape \
                    codes), found some"
                .into(),
        );
    }
    if s.trim().is_empty() {
        return Err("expected some text, found nothing".into());
    }
    Ok(s.trim().to_string())
}

#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  ccsim report scenarios/retail-day.toml busier.toml more-agents.toml
  ccsim report today.toml plan.toml --lang fr --client \"Boulangerie Martin\"
  ccsim report output/retail-day-sweep/

Scenarios are simulated with the same seed and replications (the first scenario's, or
--seed and --replications), so differences from the first are measured day by day.")]
pub struct ReportArgs {
    /// Scenario files to compare, the first being the reference; or one folder written
    /// by `ccsim sweep` or `ccsim merge`.
    #[arg(required = true, value_name = "SCENARIO|DIR")]
    pub inputs: Vec<String>,
    /// Output folder [default: output/<first scenario file stem>-compare/, or DIR/report/
    /// for a sweep folder].
    #[arg(long, value_name = "DIR")]
    pub out: Option<String>,
    #[command(flatten)]
    pub sim: SimFlags,
    #[command(flatten)]
    pub report: ReportFlags,
}

#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLE:
  ccsim validate scenarios/*.toml")]
pub struct ValidateArgs {
    /// Scenario files (TOML).
    #[arg(required = true, value_name = "SCENARIO")]
    pub scenarios: Vec<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  ccsim staff scenarios/retail-day.toml
  ccsim staff scenarios/retail-day.toml --compare --lang fr")]
pub struct StaffArgs {
    /// Scenario file (TOML); its staffing is shown as "planned" beside the result.
    #[arg(value_name = "SCENARIO")]
    pub scenario: String,
    /// How to find the required agents.
    #[arg(long, value_enum, default_value_t = Method::Sim)]
    pub method: Method,
    /// Show Erlang C, Erlang A (when callers hang up) and the simulation side by side.
    #[arg(long)]
    pub compare: bool,
    /// Output folder [default: output/<scenario file stem>-staff/].
    #[arg(long, value_name = "DIR")]
    pub out: Option<String>,
    /// Print staffing.json to stdout instead of the table.
    #[arg(long)]
    pub json: bool,
    /// Goal in every interval: at most this share of callers hang up (0.05 or 5%);
    /// overrides [goals] max_abandon_rate.
    #[arg(long, value_name = "SHARE", value_parser = share_flag)]
    pub max_abandon_rate: Option<f64>,
    /// Goal in every interval: at most this average speed of answer (30s); overrides
    /// [goals] max_asa.
    #[arg(long, value_name = "DURATION", value_parser = duration_flag)]
    pub max_asa: Option<f64>,
    /// Goal in every interval: at most this occupancy (0.85 or 85%); overrides
    /// [goals] max_occupancy.
    #[arg(long, value_name = "SHARE", value_parser = positive_share_flag)]
    pub max_occupancy: Option<f64>,
    /// Goal in every interval: meet the service-level target in at least this share of
    /// simulated days (0.9 or 90%); overrides [goals] confidence.
    #[arg(long, value_name = "SHARE", value_parser = positive_share_flag)]
    pub confidence: Option<f64>,
    /// Replications, seed and threads apply to every candidate staffing simulated.
    #[command(flatten)]
    pub sim: SimFlags,
    #[command(flatten)]
    pub report: ReportFlags,
    #[command(flatten)]
    pub sheets: SheetFlags,
}

#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  ccsim schedule scenarios/retail-day.toml \\
    --rules scenarios/rules/shift-rules.toml
  ccsim staff scenarios/retail-day.toml --out staff/
  ccsim schedule scenarios/retail-day.toml \\
    --rules scenarios/rules/shift-rules.toml --requirement staff/staffing.json")]
pub struct ScheduleArgs {
    /// Scenario file (TOML) with one agent group.
    #[arg(value_name = "SCENARIO")]
    pub scenario: String,
    /// Shift-rules file (TOML): shift types, starts, breaks, limits and costs.
    #[arg(long, value_name = "SHIFT_RULES")]
    pub rules: String,
    /// Read the requirement from a staffing.json written by `ccsim staff` instead of
    /// computing it.
    #[arg(long, value_name = "FILE", conflicts_with = "method")]
    pub requirement: Option<String>,
    /// How to compute the requirement.
    #[arg(long, value_enum, default_value_t = Method::Sim)]
    pub method: Method,
    /// Output folder [default: output/<scenario file stem>-schedule/].
    #[arg(long, value_name = "DIR")]
    pub out: Option<String>,
    /// Print schedule.json to stdout instead of the summary.
    #[arg(long)]
    pub json: bool,
    /// Do not draw the coverage chart.
    #[arg(long)]
    pub no_charts: bool,
    /// Language of the chart and the report: en (English) or fr (français).
    #[arg(long, value_name = "LANG", default_value = "en", value_parser = crate::report::i18n::parse_lang)]
    pub lang: crate::report::i18n::Lang,
    /// Replications, seed and threads apply to the requirement's search and to every
    /// simulation of the roster.
    #[command(flatten)]
    pub sim: SimFlags,
}

#[derive(Debug, Args)]
#[command(after_help = "\
KEYS AND VALUES (ranges A..B/STEP, lists with commas; a signed value is added):
  agents=-2..+2          agents added to every interval (never below 0)
  agents=90%..110%/5%    each interval's agents scaled, rounded
  agents=10..20          every interval staffed with that many agents
  calls=100%..130%/10%   expected calls scaled
  aht=90%..110%/5%       handle times scaled; aht=+0s..+30s/10s adds to the mean; aht=4m..5m/30s sets it
  patience=50%..150%/25% patience scaled; +30s adds to the mean; 2m sets it
  lines=40..60/5         lines set; lines=-5..+5 adds to the scenario's lines
  threshold=10s..30s/5s  service-level threshold
  agents@GROUP=+0..+4    agents of one agent group (several call types)
  calls@TYPE=90%..120%/10%  calls of one call type (also aht@TYPE, patience@TYPE)
  cross@GROUP+TYPE=0..4  that many of GROUP's agents also take TYPE (cross-training)

Several --vary flags form a grid; the first varies slowest. Every variant uses the same
random numbers (common random numbers), so differences between variants are not noise.

EXAMPLE:
  ccsim sweep scenarios/retail-day.toml --vary agents=-2..+2 --vary calls=100%..120%/10%")]
pub struct SweepArgs {
    /// Scenario file (TOML).
    #[arg(value_name = "SCENARIO")]
    pub scenario: String,
    /// What to vary and over which values, such as agents=-2..+2 or aht=90%..110%/5%;
    /// repeat for a grid.
    #[arg(long, required = true, value_name = "KEY=RANGE")]
    pub vary: Vec<String>,
    /// Run only the variants whose index ≡ I−1 (mod N), for N machines sharing a sweep;
    /// join the shard folders with `ccsim merge`.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
    /// Output folder [default: output/<scenario file stem>-sweep/, or
    /// output/<stem>-sweep/shard-I-of-N/ with --shard].
    #[arg(long, value_name = "DIR")]
    pub out: Option<String>,
    /// Print sweep.json to stdout instead of the table.
    #[arg(long)]
    pub json: bool,
    /// Do not draw the sweep charts (sweep-service-level and sweep-heatmap, SVG and PNG).
    #[arg(long)]
    pub no_charts: bool,
    /// Language of the sweep charts: en (English) or fr (français).
    #[arg(long, value_name = "LANG", default_value = "en", value_parser = crate::report::i18n::parse_lang)]
    pub lang: crate::report::i18n::Lang,
    /// Replications, seed and threads apply to every variant.
    #[command(flatten)]
    pub sim: SimFlags,
    #[command(flatten)]
    pub sheets: SheetFlags,
}

#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLE:
  ccsim merge results/shard-1 results/shard-2 --out results/retail-sweep")]
pub struct MergeArgs {
    /// Shard folders written by `ccsim sweep --shard I/N` (each holds sweep.json and sweep.csv).
    #[arg(required = true, value_name = "DIR")]
    pub dirs: Vec<String>,
    /// Where the merged sweep.csv, sweep.json and charts go.
    #[arg(long, required = true, value_name = "DIR")]
    pub out: String,
    /// Do not draw the sweep charts.
    #[arg(long)]
    pub no_charts: bool,
    /// Language of the sweep charts: en (English) or fr (français).
    #[arg(long, value_name = "LANG", default_value = "en", value_parser = crate::report::i18n::parse_lang)]
    pub lang: crate::report::i18n::Lang,
    #[command(flatten)]
    pub sheets: SheetFlags,
}

#[derive(Debug, Args)]
// `--tolerance -1` is a negative number to refuse with a reason, not an unknown flag.
#[command(
    allow_negative_numbers = true,
    after_help = "\
EXAMPLES:
  ccsim check scenarios/*.toml --baseline baselines/ --update
  ccsim check scenarios/*.toml --baseline baselines/
  ccsim check scenarios/*.toml --baseline baselines/ --junit check.xml"
)]
pub struct CheckArgs {
    /// Scenario files (TOML); each is compared with BASELINE_DIR/<file stem>.json.
    #[arg(required = true, value_name = "SCENARIO")]
    pub scenarios: Vec<String>,
    /// Folder of baselines: one summary.json per scenario, named <file stem>.json.
    #[arg(long, required = true, value_name = "DIR")]
    pub baseline: String,
    /// Write (or refresh) the baselines, with their per-replication values
    /// (<stem>.reps.csv.gz), from this run instead of failing on differences.
    #[arg(long)]
    pub update: bool,
    /// Paired test (baselines with per-replication values): the chance per scenario
    /// that an unchanged model with other random numbers is called a regression.
    #[arg(long, value_name = "A", default_value_t = crate::check::DEFAULT_ALPHA)]
    pub alpha: f64,
    /// Unpaired rule (baselines without per-replication values): a metric regresses
    /// when its means differ by more than k·sqrt(ci95_a² + ci95_b²)/1.96 plus a floor.
    #[arg(long, value_name = "K", default_value_t = crate::check::DEFAULT_K)]
    pub tolerance: f64,
    /// Metrics that count, comma-separated [default: all], such as service_level,asa_s.
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub metrics: Vec<String>,
    /// Compare only the whole-day figures, not each interval's.
    #[arg(long)]
    pub overall_only: bool,
    /// Print the results as JSON (schema ccsim.check.v1) instead of the tables.
    #[arg(long)]
    pub json: bool,
    /// Also write the results as JUnit XML to FILE (one test suite per scenario, one
    /// test case per metric), for CI servers to show.
    #[arg(long, value_name = "FILE")]
    pub junit: Option<String>,
    /// Number of replications (overrides the scenario's [simulation] value).
    #[arg(long, value_name = "N", value_parser = replications_flag)]
    pub replications: Option<u64>,
    /// Random seed (overrides the scenario's [simulation] value; keep the baseline's).
    #[arg(long, value_name = "S", value_parser = seed_flag)]
    pub seed: Option<u64>,
    /// Worker threads [default: one per core]; results do not depend on it.
    #[arg(long, value_name = "N", value_parser = threads_flag)]
    pub threads: Option<usize>,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// A whole number from a flag, or what was expected with an example (clap would only say
/// "invalid digit found in string").
fn whole_flag(text: &str, what: &str, example: &str, max: u64) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(n) if n <= max => Ok(n),
        Ok(_) => Err(format!(
            "expected {what} from 0 to {max}, such as {example}"
        )),
        Err(_) => Err(format!("expected {what}, such as {example}")),
    }
}

/// A share from a flag: a fraction such as 0.05 or a percentage such as 5%.
fn share_value(text: &str) -> Option<f64> {
    let t = text.trim();
    let x = match t.strip_suffix('%') {
        Some(p) => p.trim().parse::<f64>().ok()? / 100.0,
        None => t.parse::<f64>().ok()?,
    };
    x.is_finite().then_some(x)
}

fn share_flag(text: &str) -> Result<f64, String> {
    match share_value(text) {
        Some(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err("expected a fraction from 0 to 1 such as 0.05, or a percentage such as 5%".into()),
    }
}

fn positive_share_flag(text: &str) -> Result<f64, String> {
    match share_value(text) {
        Some(x) if x > 0.0 && x <= 1.0 => Ok(x),
        _ => Err(
            "expected a fraction above 0 and at most 1 such as 0.9, or a percentage such as 90%"
                .into(),
        ),
    }
}

fn duration_flag(text: &str) -> Result<f64, String> {
    match crate::duration::parse_duration(text) {
        Ok(d) if d >= 0.0 => Ok(d),
        Ok(_) => Err("expected a duration of 0 or more, such as 30s".into()),
        Err(e) => Err(format!(
            "expected a duration of 0 or more such as 30s, found {e}"
        )),
    }
}

fn replications_flag(text: &str) -> Result<u64, String> {
    whole_flag(text, "a whole number of replications", "200", u64::MAX)
}

fn threads_flag(text: &str) -> Result<usize, String> {
    whole_flag(text, "a whole number of threads", "2", usize::MAX as u64).map(|n| n as usize)
}

fn seed_flag(text: &str) -> Result<u64, String> {
    whole_flag(
        text,
        "a whole-number seed",
        "7",
        crate::scenario::toml_reader::MAX_SEED,
    )
}
