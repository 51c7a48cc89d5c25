#!/usr/bin/env bash
# Measures ccsim beside SimPy and Ciw on this machine, same model (M/M/50 at 90 % load),
# and prints calls simulated per second and the ratios. Not run in CI: it installs SimPy
# and Ciw with pip into a throwaway virtualenv.
#
#   benches/compare/compare.sh [CALLS_FOR_PYTHON]     (default 200000; ccsim runs 10 million)
set -euo pipefail
cd "$(dirname "$0")/../.."
calls=${1:-200000}
venv=$(mktemp -d)
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet simpy ciw

cargo build --release --quiet
out=$(mktemp -d)
start=$(date +%s.%N)
./target/release/ccsim run benches/scenarios/mm50.toml --quiet --json --out "$out" > "$out/s.json"
end=$(date +%s.%N)
ccsim_calls=$(python3 -c "import json;print(json.load(open('$out/s.json'))['overall']['offered']['mean'])")
ccsim_rate=$(python3 -c "print(round($ccsim_calls / ($end - $start)))")
simpy_rate=$("$venv/bin/python" benches/compare/simpy_mm50.py "$calls")
ciw_rate=$("$venv/bin/python" benches/compare/ciw_mm50.py "$((calls / 4))")

printf '%-8s %14s calls/s\n' ccsim "$ccsim_rate" SimPy "$simpy_rate" Ciw "$ciw_rate"
python3 -c "print(f'ccsim is {$ccsim_rate/$simpy_rate:.0f}x SimPy and {$ccsim_rate/$ciw_rate:.0f}x Ciw')"
