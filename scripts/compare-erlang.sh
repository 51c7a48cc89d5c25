#!/usr/bin/env bash
# Compares `ccsim erlang ...` between two binaries: stdout, stderr and exit code must be
# byte-identical for every invocation below (every model, given and solved staffing,
# every optional flag, text and --json, and invalid input).
#
#   scripts/compare-erlang.sh BASELINE_BIN NEW_BIN
#
# Prints one line per difference and a count at the end; exits 1 if anything differs.
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 BASELINE_BIN NEW_BIN" >&2
    exit 2
fi
old=$1
new=$2
for bin in "$old" "$new"; do
    if [ ! -x "$bin" ]; then
        echo "$0: $bin is not an executable" >&2
        exit 2
    fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One invocation per line, the arguments after `ccsim erlang`, with shell quoting.
# Lines starting with # are comments.
cases=$(cat <<'EOF'
# ---- Erlang B
b --calls 300 --per 1h --aht 240s --lines 20
b --calls 300 --per 1h --aht 240s --lines 20 --json
b --calls 300 --per 1h --aht 240s --agents 20
b --calls 300 --per 1h --aht 240s --agents 20 --lines 20 --json
b --calls 300 --per 1h --aht 240s --max-blocking 0.01
b --calls 300 --per 1h --aht 240s --max-blocking 1% --json
b --calls 300 --per 1h --aht 240s --max-occupancy 0.7
b --calls 300 --per 1h --aht 240s --max-blocking 0.02 --max-occupancy 80% --shrinkage 0.3 --json
b --calls 300 --per 1h --aht 240s --lines 20 --shrinkage 25%
b --calls 99000 --per 1h --aht 180s --lines 5000 --json
b --calls 0.5 --per 1d --aht 1s --lines 1
# ---- Erlang C
c --calls 480 --per 1h --aht 60s --agents 10 --threshold 20s
c --calls 480 --per 1h --aht 60s --agents 10 --threshold 20s --json
c --calls 480 --per 1h --aht 60s --agents 10
c --calls 480 --per 1h --aht 60s --agents 10 --json
c --calls 480 --per 1h --aht 60s --agents 12 --threshold 0s
c --calls 480 --per 1h --aht 60s --agents 12 --threshold 1m30s --json
c --calls 480 --per 1h --aht 1.5m --agents 13 --threshold 20 --shrinkage 0.35
c --calls 1500 --per 30m --aht 280s --threshold 20s --target 0.8
c --calls 1500 --per 30m --aht 280s --threshold 20s --target 80% --shrinkage 0.3 --json
c --calls 1500 --per 30m --aht 280s --threshold 20s --target " 85 % "
c --calls 1500 --per 30m --aht 280s --asa-target 30s
c --calls 1500 --per 30m --aht 280s --asa-target 30s --max-occupancy 0.85 --json
c --calls 1500 --per 30m --aht 280s --threshold 20s --target 0.9 --asa-target 15s --max-occupancy 85%
c --calls 1500 --per 30m --aht 280s --max-occupancy 0.95
c --calls 1500 --per 30m --aht 280s --threshold 20s --target 0.8 --sl-of answered
c --calls 1500 --per 30m --aht 280s --threshold 20s --target 0.8 --sl-of offered --json
c --calls 480 --per 1h --aht 60s --agents 10 --threshold 20s --sl-of excl_short_abandons --json
c --calls 99000 --per 1h --aht 180s --agents 5000 --threshold 20s --json
c --calls 99000 --per 1h --aht 180s --threshold 20s --target 0.95
c --calls 0.000001 --per 1h --aht 1s --agents 1 --threshold 20s
c --calls 2 --per 1h --aht 1s --agents 1 --threshold 1ms --json
# ---- M/M/c/K (erlang c --lines)
c --calls 480 --per 1h --aht 60s --agents 10 --threshold 20s --lines 25
c --calls 480 --per 1h --aht 60s --agents 10 --threshold 20s --lines 25 --json
c --calls 480 --per 1h --aht 60s --agents 10 --lines 10 --threshold 20s
c --calls 480 --per 1h --aht 60s --agents 10 --lines 10 --threshold 20s --json
c --calls 480 --per 1h --aht 60s --agents 10 --lines 25
c --calls 480 --per 1h --aht 60s --agents 10 --lines 25 --json
c --calls 480 --per 1h --aht 60s --lines 25 --threshold 20s --target 0.8
c --calls 480 --per 1h --aht 60s --lines 25 --threshold 20s --target 0.8 --sl-of answered --json
c --calls 480 --per 1h --aht 60s --lines 25 --threshold 20s --target 0.8 --sl-of offered
c --calls 480 --per 1h --aht 60s --lines 25 --max-blocking 0.01 --json
c --calls 480 --per 1h --aht 60s --lines 25 --max-blocking 0.01 --max-occupancy 0.7
c --calls 480 --per 1h --aht 60s --lines 25 --asa-target 10s --json
c --calls 480 --per 1h --aht 60s --lines 25 --asa-target 10s --shrinkage 0.3
c --calls 900 --per 1h --aht 60s --agents 10 --lines 15 --threshold 20s
c --calls 900 --per 1h --aht 60s --agents 10 --lines 15 --threshold 20s --json
c --calls 600 --per 1h --aht 60s --agents 10 --lines 15 --threshold 20s --json
c --calls 480 --per 1h --aht 60s --agents 10 --lines 25 --threshold 20s --shrinkage 20% --json
# ---- Erlang A
a --calls 1200 --per 1h --aht 180s --patience 120s --agents 58 --threshold 20s
a --calls 1200 --per 1h --aht 180s --patience 120s --agents 58 --threshold 20s --json
a --calls 1200 --per 1h --aht 180s --patience 120s --agents 58
a --calls 1200 --per 1h --aht 180s --patience 120s --agents 58 --json
a --calls 1200 --per 1h --aht 180s --patience 2m --threshold 20s --target 0.8
a --calls 1200 --per 1h --aht 180s --patience 2m --threshold 20s --target 0.8 --sl-of answered --json
a --calls 1200 --per 1h --aht 180s --patience 2m --threshold 20s --target 0.8 --sl-of offered
a --calls 1200 --per 1h --aht 180s --patience 2m --threshold 20s --target 0.8 --sl-of excl_short_abandons --json
a --calls 1200 --per 1h --aht 180s --patience 2m --asa-target 20s
a --calls 1200 --per 1h --aht 180s --patience 2m --max-occupancy 0.9 --json
a --calls 1200 --per 1h --aht 180s --patience 2m --threshold 20s --target 0.8 --asa-target 10s --max-occupancy 0.9 --shrinkage 0.3 --json
a --calls 1500 --per 1h --aht 180s --patience 60s --agents 60 --threshold 20s
a --calls 1500 --per 1h --aht 180s --patience 60s --agents 60 --threshold 20s --json
a --calls 1200 --per 1h --aht 180s --patience 120s --agents 58 --threshold 0s --json
a --calls 1200 --per 1h --aht 180s --patience 120s --agents 58 --threshold 10m
a --calls 80000 --per 1h --aht 180s --patience 300s --threshold 20s --target 0.8 --json
a --calls 480 --per 1h --aht 60s --patience 5s --agents 3 --threshold 20s --json
a --calls 480 --per 1h --aht 60s --patience 1h --agents 9 --threshold 20s
a --calls 1200 --per 1h --aht 180s --patience 120s --agents 58 --threshold 20s --shrinkage 0
# ---- invalid input
c --calls 480 --per 1h --aht 60s --agents 5 --threshold 20s
c --calls 480 --per 1h --aht 60s --agents 5 --threshold 20s --json
c --calls 480 --per 1h --aht 60s --agents 0
c --calls 480 --per 1h --aht 60s --agents -3
c --calls 480 --per 1h --aht 60s --agents 2000000
c --calls 480 --per 1h --aht 60s --agents 10 --target 0.8 --threshold 20s
c --calls 480 --per 1h --aht 60s --agents 10 --max-occupancy 0.9 --asa-target 20s
c --calls 480 --per 1h --aht 60s --target 0.8
c --calls 480 --per 1h --aht 60s --target 1.5 --threshold 20s
c --calls 480 --per 1h --aht 60s --target abc --threshold 20s
c --calls 480 --per 1h --aht 60s --target 0 --threshold 20s
c --calls 480 --per 1h --aht 60s --agents 10 --patience 2m
c --calls 480 --per 1h --aht 60s --agents 10 --lines 8
c --calls 480 --per 1h --aht 60s --agents 10 --lines 0
c --calls 480 --per 1h --aht 60s --agents 10 --threshold soon
c --calls 480 --per 1h --aht 60s --agents 10 --threshold -5s
c --calls 480 --per 1h --aht 60s --agents 10 --threshold ""
c --calls 480 --per 1h --aht 60s
c --calls 480 --per 1h --aht 60s --json
c --calls 480 --per 1h --aht 60s --agents 10 --max-blocking 0.1
c --calls 480 --per 1h --aht 60s --agents 10 --shrinkage 1
c --calls 480 --per 1h --aht 60s --agents 10 --shrinkage 100%
c --calls 480 --per 1h --aht 60s --agents 10 --shrinkage -0.1
c --calls 480 --per 1h --aht 60s --max-occupancy 0
c --calls 480 --per 1h --aht 60s --max-occupancy 1.5
c --calls 480 --per 1h --aht 60s --asa-target 0s
c --calls 480 --per 1h --aht 60s --max-occupancy 0.0000001
c --calls 480 --per 1h --aht 60s --lines 6 --threshold 20s --target 0.8
c --calls 480 --per 1h --aht 60s --lines 12 --max-blocking 0.000000001
c --calls -5 --per 1h --aht 60s --agents 9
c --calls 0 --per 1h --aht 60s --agents 9
c --calls NaN --per 1h --aht 60s --agents 9
c --calls inf --per 1h --aht 60s --agents 9
c --per 1h --aht 60s --agents 9
c --calls 480 --aht 60s --agents 9
c --calls 480 --per 1h --agents 9
c --calls 480 --per 0s --aht 60s --agents 9
c --calls 480 --per 1x --aht 60s --agents 9
c --calls 480 --per 1h --aht -1m --agents 9
c --calls 1e9 --per 1s --aht 1h --agents 9
c --calls 1e-9 --per 1d --aht 1ms --agents 9
a --calls 480 --per 1h --aht 60s --agents 9
a --calls 480 --per 1h --aht 60s --agents 9 --patience 0s
a --calls 480 --per 1h --aht 60s --agents 9 --patience 2m --lines 30
a --calls 480 --per 1h --aht 60s --agents 9 --patience 2m --max-blocking 0.1
a --calls 480 --per 1h --aht 60s --patience 2m
a --calls 100000 --per 1h --aht 180s --agents 10 --patience 1000h --threshold 20s
b --calls 480 --per 1h --aht 60s
b --calls 480 --per 1h --aht 60s --lines 20 --threshold 20s
b --calls 480 --per 1h --aht 60s --max-blocking 0.01 --target 0.8
b --calls 480 --per 1h --aht 60s --lines 20 --asa-target 20s
b --calls 480 --per 1h --aht 60s --lines 20 --sl-of answered
b --calls 480 --per 1h --aht 60s --lines 20 --patience 2m
b --calls 480 --per 1h --aht 60s --agents 10 --lines 12
b --calls 480 --per 1h --aht 60s --lines 20 --max-blocking 0.01
b --calls 480 --per 1h --aht 60s --max-blocking 1.5
b --calls 480 --per 1h --aht 60s --max-blocking 0.000000001
# ---- argument parsing (clap)
d --calls 480 --per 1h --aht 60s --agents 9
c --calls 480 --per 1h --aht 60s --agents nine
c --calls 480 --per 1h --aht 60s --agents 9 --sl-of all
c --calls 480 --per 1h --aht 60s --agents 9 --bogus
c --calls ten --per 1h --aht 60s --agents 9

--help
c --help
EOF
)

n=0
diffs=0
while IFS= read -r line; do
    case $line in \#*) continue ;; esac
    eval "args=($line)"
    n=$((n + 1))
    for side in old new; do
        bin=$old
        [ $side = new ] && bin=$new
        "$bin" erlang "${args[@]}" >"$work/$side.out" 2>"$work/$side.err"
        echo $? >"$work/$side.code"
    done
    for part in out err code; do
        if ! cmp -s "$work/old.$part" "$work/new.$part"; then
            echo "DIFFERENT $part: ccsim erlang $line"
            diff "$work/old.$part" "$work/new.$part" | head -20
            diffs=$((diffs + 1))
        fi
    done
    if [ -n "${VERBOSE:-}" ]; then
        echo "same (exit $(cat "$work/old.code")): ccsim erlang $line"
    fi
done <<<"$cases"

echo "$n invocations compared, $diffs differences"
[ $diffs -eq 0 ]
