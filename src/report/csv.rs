//! `intervals.csv`: one row per interval, each metric's mean with its `_ci95` beside it;
//! undefined values are empty cells. Built as [`Table`]s, so the workbook's sheets hold
//! the same columns and the same rounded numbers.

use super::RunReport;
use super::json::SPREAD_KEYS;
use super::sheet::{Cell, CsvLocale, Table, Unit};
use crate::stats::Metric;
use crate::stats::breakdown::BreakdownEstimates;

/// `intervals.csv` in `locale`.
pub fn intervals_csv(r: &RunReport<'_>, locale: CsvLocale) -> String {
    intervals_table(r).csv(locale)
}

/// The per-interval table of `intervals.csv` (with several call types, the centre's rows
/// and after each the rows of every call type, with a `call_type` column).
pub fn intervals_table(r: &RunReport<'_>) -> Table {
    if let Some(b) = &r.result.breakdown {
        return intervals_by_type(r, b);
    }
    let model = &r.scenario.model;
    let metrics = Metric::reported(model.has_redials());
    let mut t = Table::new("intervals");
    t.column("index", Unit::Whole);
    t.column("start", Unit::Text);
    t.column("agents", Unit::Whole);
    for &m in metrics {
        t.metric_columns(m.key(), Unit::of_metric(m));
        if m == Metric::PMeetsTarget {
            SPREAD_KEYS.iter().for_each(|k| t.column(*k, Unit::Share));
        }
    }
    for (i, row) in r.interval_rows() {
        let mut cells = vec![
            Cell::whole(i as u64),
            Cell::text(model.clock.label(i)),
            Cell::whole(model.agents_in(i)),
        ];
        for &m in metrics {
            cells.extend(Cell::estimate(row[m as usize]));
            if m == Metric::PMeetsTarget {
                let p = r.result.spread.intervals[i];
                for v in [p.map(|p| p.p10), p.map(|p| p.p50), p.map(|p| p.p90)] {
                    cells.push(Cell::plain(v));
                }
            }
        }
        t.rows.push(cells);
    }
    t
}

/// With several call types: a `call_type` column, and per interval the centre's row
/// (`call_type` empty) followed by one row per call type.
fn intervals_by_type(r: &RunReport<'_>, b: &BreakdownEstimates) -> Table {
    let model = &r.scenario.model;
    let mut t = Table::new("intervals");
    t.column("index", Unit::Whole);
    t.column("start", Unit::Text);
    t.column("call_type", Unit::Text);
    t.column("agents", Unit::Whole);
    for &m in Metric::reported(false) {
        t.metric_columns(m.key(), Unit::of_metric(m));
    }
    for (i, row) in r.interval_rows() {
        let rows = std::iter::once(("", row)).chain(
            model
                .call_types
                .iter()
                .zip(&b.types)
                .map(|(ty, e)| (ty.name.as_str(), &e.intervals[i])),
        );
        for (name, row) in rows {
            let mut cells = vec![
                Cell::whole(i as u64),
                Cell::text(model.clock.label(i)),
                Cell::text(name),
                Cell::whole(model.agents_in(i)),
            ];
            for &m in Metric::reported(false) {
                cells.extend(Cell::estimate(row[m as usize]));
            }
            t.rows.push(cells);
        }
    }
    t
}

/// One sheet per call type for the workbook: that type's rows of the intervals table,
/// without the `call_type` column (empty with one call type).
pub fn call_type_tables(r: &RunReport<'_>) -> Vec<Table> {
    let Some(b) = &r.result.breakdown else {
        return vec![];
    };
    let model = &r.scenario.model;
    model
        .call_types
        .iter()
        .zip(&b.types)
        .map(|(ty, e)| {
            let mut t = Table::new(super::sheet::xlsx::sheet_name(&ty.name));
            t.column("index", Unit::Whole);
            t.column("start", Unit::Text);
            for &m in Metric::reported(false) {
                t.metric_columns(m.key(), Unit::of_metric(m));
            }
            for (i, row) in e.intervals.iter().enumerate() {
                let mut cells = vec![Cell::whole(i as u64), Cell::text(model.clock.label(i))];
                for &m in Metric::reported(false) {
                    cells.extend(Cell::estimate(row[m as usize]));
                }
                t.rows.push(cells);
            }
            t
        })
        .collect()
}
