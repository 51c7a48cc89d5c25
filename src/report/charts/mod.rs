//! The charts ccsim draws for people: the run's (`run`: service level, calls and
//! agents, waits, occupancy and abandonment) and the sweep's
//! ([`crate::report::sweep::chart`]), all drawn with the one [`kit`], all returned as
//! [`Chart`]s, turned into files by [`files`].

pub mod compare;
pub mod curves;
pub mod fit;
pub mod kit;
mod schedule;
pub use schedule::draw as draw_schedule;
mod run;
pub mod several;

pub use kit::{HEIGHT, WIDTH};
pub use run::{ChartKind, draw_all};

use super::output::Files;

/// A drawn chart, ready to be written as `<stem>.svg` and `<stem>.png`.
#[derive(Debug, Clone)]
pub struct Chart {
    /// File name stem, the same in every language: "chart-service-level", "sweep-heatmap".
    pub stem: &'static str,
    /// The chart's title, as drawn (also the report's alt text).
    pub title: String,
    pub svg: String,
    pub png: Vec<u8>,
}

impl Chart {
    /// "chart-service-level.svg" and so on.
    pub fn file_name(&self, ext: &str) -> String {
        format!("{}.{ext}", self.stem)
    }
}

/// Every chart's SVG then PNG, as files to write (see [`super::output::OutputFolder`]).
pub fn files(charts: &[Chart]) -> Files {
    charts
        .iter()
        .flat_map(|c| {
            [
                (c.file_name("svg"), c.svg.clone().into_bytes()),
                (c.file_name("png"), c.png.clone()),
            ]
        })
        .collect()
}
