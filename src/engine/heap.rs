//! A min-heap of agents' call-completion times: the only event list the single-queue
//! engine needs besides the next arrival and the next interval boundary.

/// Binary min-heap of f64 times (never NaN), with a cheap "replace the earliest" for the
/// common case where an agent finishes a call and immediately takes the next.
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

    #[inline]
    pub fn push(&mut self, t: f64) {
        let mut i = self.items.len();
        self.items.push(t);
        while i > 0 {
            let parent = (i - 1) / 2;
            if self.items[parent] <= t {
                break;
            }
            self.items[i] = self.items[parent];
            i = parent;
        }
        self.items[i] = t;
    }

    /// Removes the earliest time.
    #[inline]
    pub fn pop(&mut self) {
        let last = self.items.pop().expect("pop on an empty heap");
        if !self.items.is_empty() {
            self.sift_down(last);
        }
    }

    /// Replaces the earliest time with `t` (which may be anywhere in the order).
    #[inline]
    pub fn replace_top(&mut self, t: f64) {
        self.sift_down(t);
    }

    #[inline]
    fn sift_down(&mut self, t: f64) {
        let n = self.items.len();
        let mut i = 0;
        loop {
            let left = 2 * i + 1;
            if left >= n {
                break;
            }
            let right = left + 1;
            let child = if right < n && self.items[right] < self.items[left] {
                right
            } else {
                left
            };
            if self.items[child] >= t {
                break;
            }
            self.items[i] = self.items[child];
            i = child;
        }
        self.items[i] = t;
    }
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
}
