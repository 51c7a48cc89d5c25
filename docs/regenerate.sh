#!/usr/bin/env bash
# Regenerates the example chart and report shown in the README from the retail example:
#   bash docs/regenerate.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run --release --quiet -- run scenarios/retail-day.toml --quiet --out "$out" > /dev/null
cp "$out/chart-service-level.png" docs/chart-service-level.png
cp "$out/report.html" docs/example-report.html
# The comparison example: the plan against 10 % more calls, in one report.
cargo run --release --quiet -- report scenarios/retail-day.toml scenarios/retail-day-busier.toml \
  --quiet --out "$out/compare" > /dev/null
cp "$out/compare/report.html" docs/example-compare.html
