#!/usr/bin/env bash
# print-check.sh: prints every example's report.html on A4 with headless Chromium and
# checks the pages.
#
#   scripts/print-check.sh [CCSIM_BIN]
#
# For each case below (an example scenario, `run` or `staff`, English and French), writes
# the report with CCSIM_BIN (default: target/release/ccsim, else target/debug/ccsim),
# prints report.html to PDF in headless Chromium (page headers and footers off, as the
# check measures the report's own layout) and checks, with poppler's pdftotext:
#   * the page count lies within the case's bounds;
#   * no page but the last is less than MIN_FILL % full, and the last at least
#     MIN_LAST % full (a page's fill: how far down its printable height the lowest text
#     reaches; a chart's lowest text is its axis title, just above its caption);
#   * no table leaves one row alone at the foot of a page or carries one row over to the
#     next (rows are the lines that start with an interval's clock times or are the
#     whole-period row);
#   * the page is printed at its own size: Chromium shrinks a page whose content is
#     wider than the paper (a table too wide), charts and text with it; the title's
#     height tells (H1_PT, the print style's title size, must match html.rs).
# Prints one line per report (pages, fill of each page, ok or FAIL and why) and exits 0
# when every report passes, 1 when one fails, 2 on bad usage, and 77 (nothing checked)
# when chromium or pdftotext is missing, saying which.
#
# Environment: CHROMIUM (the browser; default the first of chromium, chromium-browser,
# google-chrome found), KEEP=DIR keeps the reports, PDFs and one PNG per page
# (pdftoppm, when present) there for looking at, CASES="retail-day:staff:fr ..." checks
# only those cases, MIN_FILL (default 55) and MIN_LAST (default 15).

set -uo pipefail
cd "$(dirname "$0")/.."

# scenario:command  min-max pages (the same bounds in English and French).
CASES_ALL=(
    "retail-day:run 4-5"
    "retail-day:staff 5-7"
    "small-business:run 4-5"
    "small-business:staff 4-6"
    "uncertain-day:run 4-5"
    "uncertain-day:staff 5-6"
    "erlang-c-textbook:run 3-5"
    "erlang-c-textbook:staff 4-5"
    "sales-support:run 5-6"
    "sales-support:staff 5-8"
    "bilingual:run 5-6"
    "example-log-fitted:run 4-5"
    "example-log-fitted:staff 4-5"
)
MIN_FILL=${MIN_FILL:-55}
MIN_LAST=${MIN_LAST:-15}

ccsim=${1:-}
if [[ -z "$ccsim" ]]; then
    for c in target/release/ccsim target/debug/ccsim; do
        [[ -x "$c" ]] && ccsim=$c && break
    done
fi
if [[ -z "$ccsim" || ! -x "$ccsim" ]]; then
    echo "print-check: no ccsim binary (build one, or give its path)" >&2
    exit 2
fi

chromium=${CHROMIUM:-}
if [[ -z "$chromium" ]]; then
    for c in chromium chromium-browser google-chrome google-chrome-stable; do
        if command -v "$c" > /dev/null; then
            chromium=$(command -v "$c")
            break
        fi
    done
fi
if [[ -z "$chromium" ]] || ! command -v "$chromium" > /dev/null; then
    echo "print-check: skipped: no Chromium found${chromium:+ at $chromium} (install chromium, or set CHROMIUM)"
    exit 77
fi
for tool in pdftotext pdfinfo; do
    if ! command -v $tool > /dev/null; then
        echo "print-check: skipped: $tool not found (install poppler-utils)"
        exit 77
    fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
keep=${KEEP:-}
[[ -n "$keep" ]] && mkdir -p "$keep"

# The fill of each page, in percent of the printable height (A4 with 14 mm margins).
page_fills() {
    pdftotext -bbox "$1" - | awk '
        function flush() { if (p) printf "%d ", (maxy - top) / (h - 2 * top) * 100 }
        /<page / { flush(); p++; match($0, /height="[0-9.]+"/)
                   h = substr($0, RSTART + 8, RLENGTH - 9) + 0; maxy = 0; top = 39.69 }
        /<word / { match($0, /yMax="[0-9.]+"/); y = substr($0, RSTART + 6, RLENGTH - 7) + 0
                   if (y > maxy) maxy = y }
        END { flush() }'
}

# The scale Chromium printed at, in percent: the title's height against its size.
H1_PT=15.75
print_scale() {
    pdftotext -bbox -f 1 -l 1 "$1" - | awk -v pt=$H1_PT '
        /<word / && !done { match($0, /yMin="[0-9.]+"/); a = substr($0, RSTART + 6, RLENGTH - 7)
                            match($0, /yMax="[0-9.]+"/); b = substr($0, RSTART + 6, RLENGTH - 7)
                            # DejaVu Sans: a line of text is 1.164 times the font size.
                            printf "%d", (b - a) / (pt * 1.164) * 100 + 0.5; done = 1 }'
}

# Table rows alone at a page's foot or head: prints "page N" for each.
lone_rows() {
    local pdf=$1 pages=$2 p
    for ((p = 1; p <= pages; p++)); do
        echo "@@page $p"
        pdftotext -layout -f $p -l $p "$pdf" - | sed '/^[[:space:]]*$/d; s/\f//g'
    done | awk '
        function is_row(l) {
            return l ~ /^[[:space:]]*[0-9][0-9]?:[0-9][0-9](:[0-9][0-9])?[[:space:]]*–/ ||
                   l ~ /^[[:space:]]*(Whole period|Toute la période)/
        }
        # Per page: the first row line, the run of rows from it, the run of rows at the foot.
        /^@@page / { page = $2; n = 0; foot[page] = 0; first[page] = 0; head[page] = 0; next }
        { n++
          if (is_row($0)) {
              foot[page]++
              if (!first[page]) first[page] = n
              if (first[page] + head[page] == n) head[page]++
          } else foot[page] = 0 }
        END { for (p = 1; p < page; p++) {
                  # A table going on at the head of the next page, below its header.
                  if (!foot[p] || !first[p + 1] || first[p + 1] > 4) continue
                  if (foot[p] == 1) printf "one row left at the foot of page %d; ", p
                  if (head[p + 1] == 1) printf "one row carried over to page %d; ", p + 1
              } }'
}

status=0
checked=0
cases=()
if [[ -n "${CASES:-}" ]]; then
    for c in $CASES; do
        base=${c%:*}
        for line in "${CASES_ALL[@]}"; do
            [[ "${line%% *}" == "$base" ]] && cases+=("$line ${c##*:}")
        done
    done
else
    for line in "${CASES_ALL[@]}"; do
        cases+=("$line en" "$line fr")
    done
fi

for entry in "${cases[@]}"; do
    read -r sc_cmd bounds lang <<< "$entry"
    scenario=${sc_cmd%%:*}
    command=${sc_cmd##*:}
    name="$scenario-$command-$lang"
    out="$work/$name"
    if ! "$ccsim" "$command" "scenarios/$scenario.toml" --lang "$lang" --quiet \
        --out "$out" > "$work/$name.log" 2>&1; then
        echo "$name: FAIL: ccsim $command failed: $(head -c 300 "$work/$name.log")"
        status=1
        continue
    fi
    pdf="$work/$name.pdf"
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --user-data-dir="$work/profile" --print-to-pdf="$pdf" \
        "file://$(realpath "$out/report.html")" > "$work/$name.chromium.log" 2>&1
    if [[ ! -s "$pdf" ]]; then
        echo "$name: FAIL: Chromium wrote no PDF: $(tail -c 300 "$work/$name.chromium.log")"
        status=1
        continue
    fi
    checked=$((checked + 1))
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
    read -r -a fills <<< "$(page_fills "$pdf")"
    problems=""
    lo=${bounds%-*}
    hi=${bounds#*-}
    if ((pages < lo || pages > hi)); then
        problems+="$pages pages, expected $lo to $hi; "
    fi
    for ((i = 0; i < ${#fills[@]}; i++)); do
        if ((i + 1 < ${#fills[@]})); then
            ((fills[i] < MIN_FILL)) && problems+="page $((i + 1)) only ${fills[i]}% full; "
        else
            ((fills[i] < MIN_LAST)) && problems+="last page only ${fills[i]}% full; "
        fi
    done
    problems+=$(lone_rows "$pdf" "$pages")
    scale=$(print_scale "$pdf")
    if ((scale < 98)); then
        problems+="printed at ${scale}% (something is wider than the page); "
    fi
    fill_text=$(printf '%s%% ' "${fills[@]}")
    if [[ -z "$problems" ]]; then
        printf '%-30s %d pages (%s) ok\n' "$name" "$pages" "${fill_text% }"
    else
        printf '%-30s %d pages (%s) FAIL: %s\n' "$name" "$pages" "${fill_text% }" "${problems%; }"
        status=1
    fi
    if [[ -n "$keep" ]]; then
        cp "$pdf" "$keep/"
        rm -rf "${keep:?}/$name"
        cp -r "$out" "$keep/$name"
        if command -v pdftoppm > /dev/null; then
            pdftoppm -png -r 50 "$pdf" "$keep/$name-page"
        fi
    fi
done
echo "print-check: $checked reports printed and checked"
exit $status
