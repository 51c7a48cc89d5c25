#!/usr/bin/env bash
# Measures `ccsim check`'s false-alarm rate and power on an example scenario.
#
#   scripts/check-power.sh [SCENARIO] [SEEDS] [CUT_SEEDS]
#
# For each seed s of 1..SEEDS, baselines are written with `check --update --seed s`, then:
#   same      the same model and seed again: must pass every time (differences are 0);
#   weibull   an equivalent model whose patience is drawn by other code (weibull with
#             shape 1 is the exponential distribution): the patience streams differ, the
#             arrivals and handle times do not; a failure is a false alarm;
#   streams   the same model with all-new random numbers (seed s + 100000, the baseline
#             relabelled): the worst case for false alarms, no common random numbers left;
#   unpaired  as streams, judged by SPEC's unpaired rule (companion removed).
# Power: for each interval with 2 agents or more, one agent fewer in that interval only,
# for seeds 1..CUT_SEEDS: the share of cuts caught, paired and unpaired, by all metrics
# and by service_level alone.
# Needs ccsim built (target/release or target/debug) and jq.
set -euo pipefail
cd "$(dirname "$0")/.."
SC=${1:-scenarios/retail-day.toml}
SEEDS=${2:-50}
CUT_SEEDS=${3:-5}
BIN=${CCSIM:-target/release/ccsim}
[ -x "$BIN" ] || BIN=target/debug/ccsim
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
stem=$(basename "$SC" .toml)
mkdir -p "$T/eq"
# Patience: exponential mean M -> weibull shape 1, scale M (the same distribution).
awk '
  /^\[patience\]/ { p = 1 }
  p && /^distribution/ { print "distribution = \"weibull\""; next }
  p && /^mean/ { sub(/^mean/, "scale"); print; print "shape = 1"; p = 0; next }
  { print }' "$SC" > "$T/eq/$stem.toml"

check() { "$BIN" check "$@" --quiet > /dev/null 2>&1 && echo 0 || echo $?; }

same=0 weibull=0 streams=0 unpaired=0
for s in $(seq 1 "$SEEDS"); do
  b="$T/b$s"
  "$BIN" check "$SC" --baseline "$b" --update --seed "$s" --quiet > /dev/null
  [ "$(check "$SC" --baseline "$b" --seed "$s")" = 0 ] || same=$((same + 1))
  [ "$(check "$T/eq/$stem.toml" --baseline "$b" --seed "$s")" = 0 ] || weibull=$((weibull + 1))
  # All-new random numbers: a baseline of seed s + 100000, labelled seed s.
  o="$T/o$s"
  "$BIN" check "$SC" --baseline "$o" --update --seed $((s + 100000)) --quiet > /dev/null
  jq ".seed = $s" "$o/$stem.json" > "$o/x" && mv "$o/x" "$o/$stem.json"
  [ "$(check "$SC" --baseline "$o" --seed "$s")" = 0 ] || streams=$((streams + 1))
  rm "$o/$stem.reps.csv.gz"
  [ "$(check "$SC" --baseline "$o" --seed "$s")" = 0 ] || unpaired=$((unpaired + 1))
done
echo "false alarms over $SEEDS seeds: same model and seed $same, equivalent model (weibull patience) $weibull, all-new random numbers: paired $streams, unpaired $unpaired"

# Power: one agent fewer in one interval.
# The per-interval agents, and a copy of the scenario with one agent fewer in interval i.
agents() {
  python3 -c '
import sys, tomllib
sc = tomllib.load(open(sys.argv[1], "rb"))
a = sc["staffing"]["agents"]
print(" ".join(map(str, a if isinstance(a, list) else [a] * len(sc["arrivals"]["calls"]))))' "$SC"
}
cut_file() {
  python3 - "$SC" "$1" "$2" <<'PY'
import re, sys
src, i, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
text = open(src).read()
single = re.search(r"(?m)^agents\s*=\s*(\d+)", text)
if single:
    import tomllib
    n = len(tomllib.loads(text)["arrivals"]["calls"])
    a = [int(single.group(1))] * n
    a[i] -= 1
    text = text[:single.start(1)] + "[" + ", ".join(map(str, a)) + "]" + text[single.end(1):]
    open(out, "w").write(text)
    sys.exit()
m = re.search(r"(?ms)^\[staffing\].*?^agents\s*=\s*\[(.*?)\]", text)
body = m.group(1)
nums = list(re.finditer(r"(?<![#\w:.-])\d+(?![\w:.-])", re.sub(r"#[^\n]*", lambda c: " " * len(c.group(0)), body)))
n = nums[i]
start = m.start(1) + n.start()
text = text[:start] + str(int(n.group(0)) - 1) + text[start + len(n.group(0)):]
open(out, "w").write(text)
PY
}
read -r -a A <<< "$(agents)"
caught_all=0 caught_sl=0 caught_unp=0 caught_unp_sl=0 tries=0
per_interval=""
mkdir -p "$T/cut"
for i in "${!A[@]}"; do
  [ "${A[$i]}" -ge 2 ] || continue
  cut_file "$i" "$T/cut/$stem.toml"
  hits=0
  for s in $(seq 1 "$CUT_SEEDS"); do
    b="$T/b$s"
    tries=$((tries + 1))
    [ "$(check "$T/cut/$stem.toml" --baseline "$b" --seed "$s")" = 1 ] && { caught_all=$((caught_all + 1)); hits=$((hits + 1)); }
    [ "$(check "$T/cut/$stem.toml" --baseline "$b" --seed "$s" --metrics service_level)" = 1 ] && caught_sl=$((caught_sl + 1))
    u="$T/u$s"; mkdir -p "$u"; cp "$b/$stem.json" "$u/"
    [ "$(check "$T/cut/$stem.toml" --baseline "$u" --seed "$s")" = 1 ] && caught_unp=$((caught_unp + 1))
    [ "$(check "$T/cut/$stem.toml" --baseline "$u" --seed "$s" --metrics service_level)" = 1 ] && caught_unp_sl=$((caught_unp_sl + 1))
  done
  per_interval="$per_interval $i:$hits"
done
echo "one agent fewer in one interval ($tries cuts: intervals x $CUT_SEEDS seeds) caught:"
echo "  paired, all metrics $caught_all; paired, service_level only $caught_sl"
echo "  unpaired, all metrics $caught_unp; unpaired, service_level only $caught_unp_sl"
echo "  caught per interval (index:seeds caught, paired, all metrics):$per_interval"

# Smallest handle-time change caught: mean and sd of [handle_time] times (1 + e).
printf "handle times longer by e, caught over %s seeds (paired, all metrics):" "$CUT_SEEDS"
for e in 0.0001 0.0003 0.001 0.003 0.01; do
  python3 - "$SC" "$e" "$T/cut/$stem.toml" <<'PY'
import re, sys
src, e, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
text = open(src).read()
m = re.search(r"(?ms)^\[handle_time\](.*?)(?=^\[)", text)
def scale(k):
    unit = {"s": 1, "m": 60, "h": 3600}
    v = k.group(2)
    secs = float(v[:-1]) * unit[v[-1]] if v[-1] in unit else float(v)
    return f'{k.group(1)}"{secs * (1 + e)}s"'
body = re.sub(r'(?m)^((?:mean|sd)\s*=\s*)"?([0-9.]+[smh]?)"?', scale, m.group(1))
open(out, "w").write(text[:m.start(1)] + body + text[m.end(1):])
PY
  hits=0
  for s in $(seq 1 "$CUT_SEEDS"); do
    [ "$(check "$T/cut/$stem.toml" --baseline "$T/b$s" --seed "$s")" = 1 ] && hits=$((hits + 1))
  done
  printf " %s: %s" "$e" "$hits"
done
echo
