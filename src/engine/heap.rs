//! A min-heap of agents' call-completion times: the only event list the single-queue
//! engine needs besides the next arrival and the next interval boundary.
//!
//! It is a 4-ary heap (half the depth of a binary heap, and the four children of a node
//! share a cache line) with a "replace the earliest" operation for the common case where
//! an agent finishes a call and immediately takes the next. Indexing is unchecked in the
//! sift loops, whose bounds are established by the loop conditions.

const ARITY: usize = 4;

/// Min-heap of f64 times (never NaN).
#[derive(Debug, Clone, Default)]
pub struct TimeHeap {
    items: Vec<f64>,
}

impl TimeHeap {
    pub fn with_capacity(n: usize) -> Self {
        TimeHeap {
            items: Vec::with_capacity(n),
        }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The earliest time, or +∞ when empty.
    #[inline]
    pub fn peek(&self) -> f64 {
        self.items.first().copied().unwrap_or(f64::INFINITY)
    }

    pub fn clear(&mut self) {
        self.items.clear();
    }

    /// The times in heap order (a checkpoint of the heap).
    pub fn as_slice(&self) -> &[f64] {
        &self.items
    }

    /// Restores a heap from [`as_slice`](Self::as_slice) of another.
    pub fn restore(&mut self, items: &[f64]) {
        self.items.clear();
        self.items.extend_from_slice(items);
    }

    #[inline]
    pub fn push(&mut self, t: f64) {
        debug_assert!(!t.is_nan());
        let mut i = self.items.len();
        self.items.push(t);
        let items = self.items.as_mut_slice();
        while i > 0 {
            let parent = (i - 1) / ARITY;
            // SAFETY: parent < i < items.len().
            let p = unsafe { *items.get_unchecked(parent) };
            if p <= t {
                break;
            }
            // SAFETY: i < items.len().
            unsafe { *items.get_unchecked_mut(i) = p };
            i = parent;
        }
        // SAFETY: i < items.len().
        unsafe { *items.get_unchecked_mut(i) = t };
    }

    /// Removes the earliest time.
    #[inline]
    pub fn pop(&mut self) {
        let last = self.items.pop().expect("pop on an empty heap");
        if !self.items.is_empty() {
            self.sift_down(last);
        }
    }

    /// Replaces the earliest time with `t` (which may belong anywhere in the order).
    #[inline]
    pub fn replace_top(&mut self, t: f64) {
        assert!(!self.items.is_empty(), "replace_top on an empty heap");
        self.sift_down(t);
    }

    /// Moves the hole at the root down to where `t` belongs, then stores `t` there.
    #[inline]
    fn sift_down(&mut self, t: f64) {
        debug_assert!(!t.is_nan());
        let items = self.items.as_mut_slice();
        let n = items.len();
        let mut i = 0;
        loop {
            let first = ARITY * i + 1;
            if first >= n {
                break;
            }
            let (min, child) = if first + ARITY <= n {
                // SAFETY: first + 3 < n.
                unsafe { min_of_four(items, first) }
            } else {
                // The last, partly filled family.
                let mut best = (items[first], first);
                for (c, &v) in items.iter().enumerate().take(n).skip(first + 1) {
                    if v < best.0 {
                        best = (v, c);
                    }
                }
                best
            };
            if min >= t {
                break;
            }
            // SAFETY: i < n (the root, or a child index checked on the previous round).
            unsafe { *items.get_unchecked_mut(i) = min };
            i = child;
        }
        // SAFETY: i < n: n >= 1 (checked by callers) and children are < n.
        unsafe { *items.get_unchecked_mut(i) = t };
    }
}

/// The smallest of `items[first..first + 4]` and its index, by a branch-free tournament.
///
/// # Safety
/// `first + 3 < items.len()`.
#[inline(always)]
unsafe fn min_of_four(items: &[f64], first: usize) -> (f64, usize) {
    // SAFETY: guaranteed by the caller.
    let (a, b, c, d) = unsafe {
        (
            *items.get_unchecked(first),
            *items.get_unchecked(first + 1),
            *items.get_unchecked(first + 2),
            *items.get_unchecked(first + 3),
        )
    };
    let (m1, i1) = if b < a { (b, first + 1) } else { (a, first) };
    let (m2, i2) = if d < c {
        (d, first + 3)
    } else {
        (c, first + 2)
    };
    if m2 < m1 { (m2, i2) } else { (m1, i1) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yields_times_in_order() {
        let mut h = TimeHeap::default();
        let xs = [5.0, 1.0, 9.0, 3.0, 3.0, 7.0, 0.5, 8.0];
        xs.iter().for_each(|&x| h.push(x));
        h.replace_top(4.0); // 0.5 leaves, 4.0 enters
        let mut out = vec![];
        while !h.is_empty() {
            out.push(h.peek());
            h.pop();
        }
        assert_eq!(out, vec![1.0, 3.0, 3.0, 4.0, 5.0, 7.0, 8.0, 9.0]);
        assert_eq!(h.peek(), f64::INFINITY);
    }

    #[test]
    fn matches_a_sorted_reference_under_random_operations() {
        let mut h = TimeHeap::default();
        let mut reference: Vec<f64> = vec![];
        let mut x: u64 = 12345;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = (x % 1000) as f64;
            match x % 3 {
                0 if !reference.is_empty() => {
                    h.pop();
                    reference.remove(0);
                }
                1 if !reference.is_empty() => {
                    h.replace_top(v);
                    reference.remove(0);
                    reference.push(v);
                }
                _ => {
                    h.push(v);
                    reference.push(v);
                }
            }
            reference.sort_by(f64::total_cmp);
            assert_eq!(h.len(), reference.len());
            assert_eq!(
                h.peek(),
                reference.first().copied().unwrap_or(f64::INFINITY)
            );
        }
    }
}
