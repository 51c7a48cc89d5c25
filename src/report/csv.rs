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
    agents_column(r, &mut t);
    for &m in metrics {
        t.metric_columns(m.key(), Unit::of_metric(m));
        if m == Metric::PMeetsTarget {
            SPREAD_KEYS.iter().for_each(|k| t.column(*k, Unit::Share));
        }
    }
    shift_columns(r, &mut t);
    for (i, row) in r.interval_rows() {
        let mut cells = vec![
            Cell::whole(i as u64),
            Cell::text(model.clock.label(i)),
            agents_cell(r, i),
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
        shift_cells(r, i, true, &mut cells);
        t.rows.push(cells);
    }
    t
}

/// The `agents` column: whole agents as planned, or with shifts the roster's
/// time-weighted mean (a fraction).
fn agents_column(r: &RunReport<'_>, t: &mut Table) {
    let unit = if r.scenario.model.has_rosters() {
        Unit::Number
    } else {
        Unit::Whole
    };
    t.column("agents", unit);
}

/// Agents of interval `i`: planned, or with shifts the roster's time-weighted mean.
fn agents_cell(r: &RunReport<'_>, i: usize) -> Cell {
    let model = &r.scenario.model;
    if model.has_rosters() {
        Cell::plain(Some(model.mean_agents_in(i)))
    } else {
        Cell::whole(model.agents_in(i))
    }
}

/// With shifts: the roster's columns, appended after every other column.
fn shift_columns(r: &RunReport<'_>, t: &mut Table) {
    if r.result.shifts.is_some() {
        for k in crate::stats::shifts::SHIFT_KEYS {
            t.metric_columns(k, Unit::Number);
        }
    }
}

/// The roster's figures of interval `i`: the centre's, so empty on a call type's row.
fn shift_cells(r: &RunReport<'_>, i: usize, centre: bool, cells: &mut Vec<Cell>) {
    if let Some(s) = &r.result.shifts {
        for &e in &s.intervals[i] {
            if centre {
                cells.extend(Cell::estimate(e));
            } else {
                cells.extend([Cell::Empty, Cell::Empty]);
            }
        }
    }
}

/// With several call types: a `call_type` column, and per interval the centre's row
/// (`call_type` empty) followed by one row per call type.
fn intervals_by_type(r: &RunReport<'_>, b: &BreakdownEstimates) -> Table {
    let model = &r.scenario.model;
    let mut t = Table::new("intervals");
    t.column("index", Unit::Whole);
    t.column("start", Unit::Text);
    t.column("call_type", Unit::Text);
    agents_column(r, &mut t);
    for &m in Metric::reported(false) {
        t.metric_columns(m.key(), Unit::of_metric(m));
    }
    shift_columns(r, &mut t);
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
                agents_cell(r, i),
            ];
            for &m in Metric::reported(false) {
                cells.extend(Cell::estimate(row[m as usize]));
            }
            shift_cells(r, i, name.is_empty(), &mut cells);
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
