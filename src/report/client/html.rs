//! `report.html`: one self-contained page (styles and charts inline, no network access)
//! laid out for the screen and for printing on A4.

use super::doc::{Block, Document, Figure, RowKind, Table};
use crate::report::i18n::Lang;

const STYLE: &str = r#"
:root { --ink: #212121; --muted: #5a5a5a; --rule: #d0d0d0; --below: #fdecea; --accent: #1f77b4; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink);
       max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.45; font-size: 11pt; }
h1 { font-size: 1.7em; margin: 0 0 .2em; }
h2 { font-size: 1.25em; margin: 1.8em 0 .5em; border-bottom: 1px solid var(--rule); padding-bottom: .2em; }
.meta { color: var(--muted); margin: 0 0 1.5em; }
.headline { font-size: 1.2em; font-weight: bold; border-left: 5px solid var(--accent);
            padding: .6em 1em; background: #f3f8fc; margin: .5em 0 1em; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; }
th, td { border-bottom: 1px solid var(--rule); padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; font-weight: bold; }
td.num, th.num { text-align: right; white-space: nowrap; }
table.compact { font-size: .85em; }
table.keyed td:first-child { white-space: nowrap; }
table.compact td, table.compact th { padding: .2em .4em; }
tr.below td, td.below { background: var(--below); }
tr.total td { font-weight: bold; border-top: 2px solid var(--ink); }
figure { margin: 1em 0 1.5em; }
figure svg { width: 100%; height: auto; display: block; border: 1px solid var(--rule); }
figcaption { color: var(--muted); font-size: .95em; margin-top: .3em; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9pt; line-height: 1.35; }
  /* 15.75 pt: scripts/print-check.sh measures the title to see that nothing shrank the page. */
  h1 { font-size: 1.75em; }
  h2 { margin: 1.2em 0 .4em; break-after: avoid; page-break-after: avoid; }
  p { orphans: 3; widows: 3; margin: .45em 0; }
  p.lead { break-after: avoid; page-break-after: avoid; }
  figure, tr, tbody.keep, .headline, .closing { break-inside: avoid; page-break-inside: avoid; }
  figure { margin: .6em 0 1em; }
  thead { display: table-header-group; }
  table { margin: .3em 0 .7em; }
  table.compact { line-height: 1.15; font-size: .8em; }
  th.num { white-space: normal; }
  table.compact td, table.compact th { padding: .08em .35em; }
  .headline { background: none; margin: .3em 0 .6em; }
  tr.below td, td.below { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// The whole page.
pub fn render(doc: &Document, lang: Lang) -> String {
    let mut out = String::with_capacity(256 * 1024);
    out.push_str("<!DOCTYPE html>\n");
    out.push_str(&format!("<html lang=\"{}\">\n<head>\n", lang.code()));
    out.push_str("<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", esc(&doc.title)));
    out.push_str(&format!("<style>{STYLE}</style>\n</head>\n<body>\n"));
    out.push_str(&format!("<h1>{}</h1>\n", esc(&doc.title)));
    out.push_str(&format!("<p class=\"meta\">{}</p>\n", esc(&doc.meta)));
    // The text after the last table or chart (how to read, technical details) is printed
    // in one piece, so that a report never ends with a page of a few stray lines.
    let closing = doc
        .blocks
        .iter()
        .rposition(|b| matches!(b, Block::Table(_) | Block::Figure(_)))
        .map_or(doc.blocks.len(), |i| i + 1);
    for (i, block) in doc.blocks.iter().enumerate() {
        if i == closing {
            out.push_str("<div class=\"closing\">\n");
        }
        let before_table = matches!(doc.blocks.get(i + 1), Some(Block::Table(_)));
        match block {
            Block::Heading(t) => out.push_str(&format!("<h2>{}</h2>\n", esc(t))),
            Block::Headline(t) => out.push_str(&format!("<p class=\"headline\">{}</p>\n", esc(t))),
            // A paragraph that introduces a table stays on the table's page.
            Block::Para(t) if before_table => {
                out.push_str(&format!("<p class=\"lead\">{}</p>\n", esc(t)))
            }
            Block::Para(t) => out.push_str(&format!("<p>{}</p>\n", esc(t))),
            Block::Term(term, t) => out.push_str(&format!(
                "<p><strong>{}.</strong> {}</p>\n",
                esc(term),
                esc(t)
            )),
            Block::List(items) => {
                out.push_str("<ul>\n");
                for i in items {
                    out.push_str(&format!("<li>{}</li>\n", esc(i)));
                }
                out.push_str("</ul>\n");
            }
            Block::Table(t) => table(&mut out, t),
            Block::Figure(f) => figure(&mut out, f),
        }
    }
    if closing < doc.blocks.len() {
        out.push_str("</div>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn table(out: &mut String, t: &Table) {
    let classes: Vec<&str> = [(t.compact, "compact"), (t.nowrap_first, "keyed")]
        .into_iter()
        .filter_map(|(on, c)| on.then_some(c))
        .collect();
    if classes.is_empty() {
        out.push_str("<table>\n<thead><tr>");
    } else {
        out.push_str(&format!(
            "<table class=\"{}\">\n<thead><tr>",
            classes.join(" ")
        ));
    }
    for (i, h) in t.header.iter().enumerate() {
        let class = if t.numeric.get(i) == Some(&true) {
            " class=\"num\""
        } else {
            ""
        };
        out.push_str(&format!("<th{class}>{}</th>", esc(h)));
    }
    out.push_str("</tr></thead>\n");
    // Printed, a table never leaves one row alone at the foot of a page or carries one row
    // over to the next: its first rows and its last rows are each kept together.
    let n = t.rows.len();
    let (head, tail) = if n > 2 * KEEP_ROWS {
        (KEEP_ROWS, n - KEEP_ROWS)
    } else {
        (n, n)
    };
    for (i, row) in t.rows.iter().enumerate() {
        if i == 0 || i == head || i == tail {
            if i > 0 {
                out.push_str("</tbody>\n");
            }
            let keep = i == 0 || i == tail;
            out.push_str(if keep {
                "<tbody class=\"keep\">\n"
            } else {
                "<tbody>\n"
            });
        }
        let tinted = |cell: usize| match row.kind {
            RowKind::Below => true,
            RowKind::BelowCells(mask) => cell < 32 && mask & (1 << cell) != 0,
            RowKind::Normal | RowKind::Total => false,
        };
        out.push_str(match row.kind {
            RowKind::Below => "<tr class=\"below\">",
            RowKind::Total => "<tr class=\"total\">",
            RowKind::Normal | RowKind::BelowCells(_) => "<tr>",
        });
        for (i, c) in row.cells.iter().enumerate() {
            let mut classes = Vec::new();
            if t.numeric.get(i) == Some(&true) {
                classes.push("num");
            }
            if matches!(row.kind, RowKind::BelowCells(_)) && tinted(i) {
                classes.push("below");
            }
            let class = if classes.is_empty() {
                String::new()
            } else {
                format!(" class=\"{}\"", classes.join(" "))
            };
            out.push_str(&format!("<td{class}>{}</td>", esc(c)));
        }
        out.push_str("</tr>\n");
    }
    if n > 0 {
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n");
}

/// Rows kept together at each end of a printed table.
const KEEP_ROWS: usize = 3;

fn figure(out: &mut String, f: &Figure) {
    out.push_str("<figure>\n");
    out.push_str(&inline_svg(&f.svg, &f.title));
    out.push_str(&format!(
        "<figcaption>{}</figcaption>\n</figure>\n",
        esc(&f.caption)
    ));
}

/// An SVG file's markup made fit for inlining: no XML prologue, no namespace URL (HTML
/// does not need it, and the page must name no external address), scalable to the page
/// width, and labelled for screen readers.
pub fn inline_svg(svg: &str, title: &str) -> String {
    let body = match svg.find("<svg") {
        Some(i) => &svg[i..],
        None => svg,
    };
    let Some(end) = body.find('>') else {
        return String::new();
    };
    let open = &body[..end];
    let view_box = open
        .split("viewBox=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or("0 0 1200 700");
    format!(
        "<svg viewBox=\"{view_box}\" role=\"img\" aria-label=\"{}\">{}\n",
        esc(title),
        body[end + 1..].trim_end()
    )
}

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inlined_svg_keeps_the_drawing_and_drops_the_namespace() {
        let svg = "<svg width=\"1200\" height=\"700\" viewBox=\"0 0 1200 700\" \
                   xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n</svg>\n";
        let s = inline_svg(svg, "A & B");
        assert!(
            s.starts_with("<svg viewBox=\"0 0 1200 700\" role=\"img\" aria-label=\"A &amp; B\">")
        );
        assert!(s.contains("<rect/>") && s.trim_end().ends_with("</svg>"));
        assert!(!s.contains("http"));
    }
}
