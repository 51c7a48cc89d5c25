//! "Did you mean …?": the known name closest to a misspelt one.

/// Whether `a` is probably a misspelling of `b`: at most two single-character edits apart
/// (one for short names), ignoring case.
pub fn is_near(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (
        a.to_lowercase().chars().collect(),
        b.to_lowercase().chars().collect(),
    );
    let limit = if b.len() <= 4 { 1 } else { 2 };
    if a.len().abs_diff(b.len()) > limit {
        return false;
    }
    // Levenshtein distance with adjacent transpositions (optimal string alignment).
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    (0..=a.len()).for_each(|i| d[i][0] = i);
    (0..=b.len()).for_each(|j| d[0][j] = j);
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()] <= limit
}

/// The candidate `name` is probably a misspelling of, if any.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates.into_iter().find(|c| is_near(name, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_and_far_names() {
        assert!(is_near("handle_tme", "handle_time"));
        assert!(is_near("traget", "target"));
        assert!(is_near("Agents", "agents"));
        assert!(!is_near("colour", "calls"));
        assert!(!is_near("rat", "agents"));
        assert_eq!(
            closest("servce_level", ["offered", "service_level"]),
            Some("service_level")
        );
        assert_eq!(closest("xyz", ["offered"]), None);
    }
}
