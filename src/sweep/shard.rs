//! Splitting a sweep over machines: shard I of N runs every N-th variant, so shards take
//! about the same time whatever the grid's shape.

use crate::error::{Error, Result};

/// Which variants a machine runs: those whose index ≡ `index − 1` (mod `count`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based.
    pub index: usize,
    pub count: usize,
}

impl Shard {
    pub const WHOLE: Shard = Shard { index: 1, count: 1 };

    /// Parses `I/N` with 1 ≤ I ≤ N.
    pub fn parse(text: &str) -> Result<Shard> {
        let bad = |why: &str| {
            Error::input(format!(
                "--shard: expected I/N with 1 ≤ I ≤ N, such as 2/8, found \"{text}\"{why}"
            ))
        };
        let (i, n) = text.split_once('/').ok_or_else(|| bad(""))?;
        let i: usize = i.trim().parse().map_err(|_| bad(""))?;
        let n: usize = n.trim().parse().map_err(|_| bad(""))?;
        if n == 0 {
            return Err(bad(" (N must be at least 1)"));
        }
        if i == 0 {
            return Err(bad(
                " (shards are numbered from 1; with a 0-based index such as \
                 JOB_COMPLETION_INDEX, add 1)",
            ));
        }
        if i > n {
            return Err(bad(" (I must not exceed N)"));
        }
        if n > super::MAX_VARIANTS {
            return Err(bad(&format!(
                " (at most {} shards: a sweep has at most that many variants)",
                super::MAX_VARIANTS
            )));
        }
        Ok(Shard { index: i, count: n })
    }

    /// The variant indices of this shard, in order.
    pub fn variants(self, total: usize) -> impl Iterator<Item = usize> {
        (self.index - 1..total).step_by(self.count)
    }

    pub fn is_whole(self) -> bool {
        self.count == 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards() {
        let s = Shard::parse("2/3").unwrap();
        assert_eq!(s.variants(8).collect::<Vec<_>>(), [1, 4, 7]);
        assert_eq!(Shard::parse("3/3").unwrap().variants(2).count(), 0);
        for bad in ["0/3", "4/3", "3", "a/b", "1/0"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }
}
