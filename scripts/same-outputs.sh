#!/usr/bin/env bash
# same-outputs.sh: do two ccsim binaries give byte-identical results?
#
#   scripts/same-outputs.sh BASELINE_BIN NEW_BIN
#
# Runs both binaries over a fixed set of cases (the example scenarios and those in
# scripts/same-outputs/, through run, validate, staff, sweep, merge, check and erlang, and
# invalid input for the error messages), each case in its own temporary folder, and
# compares exit codes, stdout, stderr (with the temporary folder and the binary's path
# normalised) and every file written, byte for byte (PNG charts and report.html
# included). Prints one line per case, `same` or `DIFFERENT` with a summary of the
# differences, and exits 0 when every case is the same, 1 otherwise (2 on bad usage).
# Three more lines check NEW_BIN on its own (--threads 1 and 2 give the same bytes, a
# merged sharded sweep equals the unsharded one) and that neither binary changed the
# input files. Needs bash 4.4 or later and the usual POSIX tools.
#
# Typical use, for a refactor that must not change any output:
#
#   git worktree add /tmp/ccsim-before HEAD        # or the commit before the refactor
#   (cd /tmp/ccsim-before && cargo build --release --locked)
#   cargo build --release --locked                 # the refactored tree
#   scripts/same-outputs.sh /tmp/ccsim-before/target/release/ccsim target/release/ccsim
#   git worktree remove /tmp/ccsim-before
#
# The inputs are taken from the tree this script is in (scenarios/ and
# scripts/same-outputs/), and copied, so both binaries read the very same files and
# neither can change them. Replications are kept small: the whole run takes well under
# two minutes with release builds. KEEP=1 keeps the temporary folder for inspection
# (A/ holds the baseline's cases, B/ the new binary's, logs/ their stdout, stderr and
# exit codes); VERBOSE=1 prints the full diffs of differing text. IGNORE_LINES=REGEX
# leaves out of the comparison the lines of text that match an extended regex, for a
# change that is meant to alter them and nothing else, e.g. IGNORE_LINES='"fingerprint"'
# when the sweep fingerprint's definition changed.

set -uo pipefail

usage() {
    sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
[[ $# -eq 2 ]] || usage
for bin in "$1" "$2"; do
    if [[ ! -x $bin || -d $bin ]]; then
        echo "same-outputs: $bin is not an executable file" >&2
        exit 2
    fi
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/same-outputs.XXXXXX")
cleanup() {
    if [[ ${KEEP:-0} == 1 ]]; then
        echo "kept $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

# Each side gets its own copy of the inputs and a `ccsim` link to its binary, so that
# messages naming the program (usage lines) read the same whatever the binaries' names.
declare -A real
real[A]=$(realpath "$1")
real[B]=$(realpath "$2")
for side in A B; do
    mkdir -p "$work/$side/bin" "$work/$side/in" "$work/logs/$side"
    ln -s "${real[$side]}" "$work/$side/bin/ccsim"
    cp -R "$root/scenarios" "$work/$side/in/scenarios"
    cp -R "$root/scripts/same-outputs" "$work/$side/in/cases"
done

differences=0
cases=0

# Text of a log with this side's temporary folder and binary path replaced by
# placeholders.
normalised() {
    local side=$1 file=$2
    sed -e "s#$work/$side/bin/ccsim#<BIN>#g" -e "s#${real[$side]}#<BIN>#g" \
        -e "s#$work/$side#<WORK>#g" -e "s#$work#<WORK>#g" "$file" | without_ignored
}

# The text with the lines matching $IGNORE_LINES (an extended regex) left out, when set.
without_ignored() {
    if [[ -n ${IGNORE_LINES:-} ]]; then grep -Ev -- "$IGNORE_LINES" || true; else cat; fi
}

# Whether two files are the same, but for lines matching $IGNORE_LINES when it is set.
same_file() {
    cmp -s "$1" "$2" && return 0
    [[ -n ${IGNORE_LINES:-} ]] || return 1
    cmp -s <(without_ignored <"$1") <(without_ignored <"$2")
}

# "N lines differ, first: <baseline line> | <new line>" for two text files.
text_diff() {
    local a=$1 b=$2
    local n first_a first_b
    n=$(diff "$a" "$b" | grep -c '^[<>]')
    first_a=$(diff "$a" "$b" | grep -m1 '^<' | cut -c3-100)
    first_b=$(diff "$a" "$b" | grep -m1 '^>' | cut -c3-100)
    echo "$n lines differ, first: '$first_a' vs '$first_b'"
    if [[ ${VERBOSE:-0} == 1 ]]; then
        diff "$a" "$b" | sed 's/^/        /' >&2
    fi
}

# "d path" and "f path" lines for what a folder holds (nothing if it does not exist),
# sorted bytewise.
listing() {
    [[ -d $1 ]] || return 0
    (
        cd "$1" || exit
        find . -mindepth 1 -type d | sed 's#^\./#d #'
        find . -mindepth 1 ! -type d | sed 's#^\./#f #'
    ) | LC_ALL=C sort
}

# Compares the files under two folders: the same names (and folders) and the same bytes.
# Prints a summary of what differs, nothing when all is the same.
tree_diff() {
    local a=$1 b=$2
    local list_a list_b only_a only_b changed=()
    list_a=$(listing "$a")
    list_b=$(listing "$b")
    only_a=$(LC_ALL=C comm -23 <(echo "$list_a") <(echo "$list_b") | cut -c3- | paste -sd' ')
    only_b=$(LC_ALL=C comm -13 <(echo "$list_a") <(echo "$list_b") | cut -c3- | paste -sd' ')
    while read -r kind path; do
        [[ $kind == f ]] || continue
        same_file "$a/$path" "$b/$path" || changed+=("$path")
    done < <(LC_ALL=C comm -12 <(echo "$list_a") <(echo "$list_b"))
    local out=()
    ((${#changed[@]})) && out+=("files differ: ${changed[*]:0:6}$( ((${#changed[@]} > 6)) && echo " (+$((${#changed[@]} - 6)) more)")")
    [[ -n $only_a ]] && out+=("only from baseline: $only_a")
    [[ -n $only_b ]] && out+=("only from new: $only_b")
    if ((${#out[@]})); then
        local IFS=';'
        echo "${out[*]}"
    fi
}

report() {
    local name=$1
    shift
    cases=$((cases + 1))
    if (($#)); then
        differences=$((differences + 1))
        local IFS=';'
        printf '%-34s DIFFERENT: %s\n' "$name" "$*"
    else
        printf '%-34s same\n' "$name"
    fi
}

# run_case NAME ARGS...: runs `ccsim ARGS...` with each binary in its own folder NAME
# (inputs are at ../in/scenarios and ../in/cases; a case writes into its folder, usually
# with --out out; a later case may read an earlier one's folder as ../OTHER/...), then
# compares exit codes, stdout, stderr and the folders' files.
run_case() {
    local name=$1
    shift
    local side
    for side in A B; do
        mkdir -p "$work/$side/$name"
        (cd "$work/$side/$name" && "$work/$side/bin/ccsim" "$@" \
            >"$work/logs/$side/$name.stdout" 2>"$work/logs/$side/$name.stderr" </dev/null
        echo $? >"$work/logs/$side/$name.code")
    done
    local problems=() code_a code_b stream
    code_a=$(<"$work/logs/A/$name.code")
    code_b=$(<"$work/logs/B/$name.code")
    [[ $code_a == "$code_b" ]] || problems+=("exit code $code_a vs $code_b")
    for stream in stdout stderr; do
        normalised A "$work/logs/A/$name.$stream" >"$work/logs/A/$name.$stream.norm"
        normalised B "$work/logs/B/$name.$stream" >"$work/logs/B/$name.$stream.norm"
        if ! cmp -s "$work/logs/A/$name.$stream.norm" "$work/logs/B/$name.$stream.norm"; then
            problems+=("$stream: $(text_diff "$work/logs/A/$name.$stream.norm" "$work/logs/B/$name.$stream.norm")")
        fi
    done
    local files
    files=$(tree_diff "$work/A/$name" "$work/B/$name")
    [[ -n $files ]] && problems+=("$files")
    report "$name" "${problems[@]}"
}

# same_files NAME DIR_X DIR_Y: the new binary's outputs of two cases have the same bytes.
same_files() {
    local name=$1 x=$2 y=$3
    local files
    files=$(tree_diff "$x" "$y")
    if [[ -n $files ]]; then
        report "$name" "$files"
    else
        report "$name"
    fi
}

S=../in/scenarios
C=../in/cases
R=(--replications 30)

# --- run and validate on the example scenarios
run_case run-small-default-folder run $S/small-business.toml "${R[@]}"
run_case run-retail run $S/retail-day.toml --out out "${R[@]}"
run_case run-textbook run $S/erlang-c-textbook.toml --out out --replications 5
run_case run-retail-json run $S/retail-day.toml --out out --json "${R[@]}"
run_case run-small-json run $S/small-business.toml --out out --json "${R[@]}"
run_case run-textbook-json run $S/erlang-c-textbook.toml --out out --json --replications 5
run_case run-retail-fr run $S/retail-day.toml --out out --lang fr "${R[@]}"
run_case run-small-fr-no-charts run $S/small-business.toml --out out --lang fr --no-charts "${R[@]}"
run_case run-retail-no-charts run $S/retail-day.toml --out out --no-charts "${R[@]}"
run_case run-retail-threads-1 run $S/retail-day.toml --out out --threads 1 "${R[@]}"
run_case run-retail-threads-2 run $S/retail-day.toml --out out --threads 2 "${R[@]}"
run_case run-small-seed-quiet run $S/small-business.toml --out out --seed 7 --quiet --replications 40
run_case run-three run $S/erlang-c-textbook.toml $S/retail-day.toml $S/small-business.toml --out out --replications 5
run_case run-three-json run $S/erlang-c-textbook.toml $S/retail-day.toml $S/small-business.toml --out out --json --replications 5
run_case validate-examples validate $S/erlang-c-textbook.toml $S/retail-day.toml $S/small-business.toml

# --- the scenarios of scripts/same-outputs/
mine=(constant-rate constant-rate-steady empirical forecast-comma forecast-semicolon
    lines-busy patience-erlang patience-fixed-ties patience-uniform-lognormal
    patience-weibull short-interval shrinkage staffing-swings warmup zero-agents)
paths=()
for s in "${mine[@]}"; do
    paths+=("$C/$s.toml")
done
run_case validate-cases validate "${paths[@]}"
for s in "${mine[@]}"; do
    run_case "run-$s" run "$C/$s.toml" --out out "${R[@]}"
done
run_case run-cases-json run $C/lines-busy.toml $C/warmup.toml $C/constant-rate.toml --out out --json "${R[@]}"
run_case run-zero-agents-fr run $C/zero-agents.toml --out out --lang fr "${R[@]}"

# --- staff
run_case staff-sim staff $S/small-business.toml --method sim --out out "${R[@]}"
run_case staff-erlang-c staff $S/small-business.toml --method erlang-c --out out "${R[@]}"
run_case staff-erlang-a staff $S/small-business.toml --method erlang-a --out out "${R[@]}"
run_case staff-compare staff $S/small-business.toml --compare --out out "${R[@]}"
run_case staff-shrinkage-compare-json staff $C/shrinkage.toml --compare --json --out out "${R[@]}"
run_case staff-retail-erlang-c-json staff $S/retail-day.toml --method erlang-c --json --out out --replications 20
run_case staff-zero-agents-fr staff $C/zero-agents.toml --lang fr --out out "${R[@]}"
run_case staff-forecast-no-charts staff $C/forecast-semicolon.toml --no-charts --out out "${R[@]}"
run_case staff-unreachable-target staff $C/lines-busy.toml --out out "${R[@]}"
run_case staff-erlang-a-no-patience staff $C/warmup.toml --method erlang-a --out out "${R[@]}"

# --- sweep, shards and merge
V=(--vary agents=-1..+1 --vary aht=90%..110%/10%)
run_case sweep sweep $S/small-business.toml "${V[@]}" --out out "${R[@]}"
run_case sweep-json sweep $S/small-business.toml "${V[@]}" --json --out out "${R[@]}"
run_case sweep-shard-1 sweep $S/small-business.toml "${V[@]}" --shard 1/2 --out out "${R[@]}"
run_case sweep-shard-2 sweep $S/small-business.toml "${V[@]}" --shard 2/2 --out out "${R[@]}"
run_case merge merge ../sweep-shard-1/out ../sweep-shard-2/out --out out
run_case merge-missing-shard merge ../sweep-shard-1/out --out out
run_case sweep-shard-default-folder sweep $S/small-business.toml "${V[@]}" --shard 2/3 "${R[@]}"
run_case sweep-lines-patience sweep $C/lines-busy.toml --vary lines=4..12/4 --vary patience=50%..150%/50% --out out "${R[@]}"
run_case sweep-calls-threshold sweep $S/retail-day.toml --vary calls=90%,100%,110% --vary threshold=10s..30s/10s --no-charts --out out --replications 20
run_case sweep-agents-set sweep $C/shrinkage.toml --vary agents=8..12/2 --out out "${R[@]}"
run_case sweep-agents-pct-aht-add sweep $C/forecast-comma.toml --vary agents=90%..110%/10% --vary aht=+0s..+30s/15s --out out "${R[@]}"
run_case sweep-aht-set-lines-add sweep $C/lines-busy.toml --vary aht=3m..5m/1m --vary lines=-2,0,+2 --json --out out "${R[@]}"

# --- check: write baselines, pass, fail
run_case check-update check $S/small-business.toml $C/lines-busy.toml --baseline base --update "${R[@]}"
run_case check-pass check $S/small-business.toml $C/lines-busy.toml --baseline ../check-update/base "${R[@]}"
run_case check-fail check $C/check-fail/small-business.toml --baseline ../check-update/base "${R[@]}"
run_case check-fail-some-metrics check $C/check-fail/small-business.toml --baseline ../check-update/base --metrics service_level,asa_s --overall-only --tolerance 2 "${R[@]}"
run_case check-missing-baseline check $C/warmup.toml --baseline ../check-update/base "${R[@]}"
run_case check-other-replications check $S/small-business.toml --baseline ../check-update/base --replications 40

# --- erlang
run_case erlang-c-agents erlang c --calls 480 --per 1h --aht 60s --agents 10 --threshold 20s
run_case erlang-c-target-json erlang c --calls 1500 --per 30m --aht 280s --threshold 20s --target 0.8 --json
run_case erlang-c-lines-json erlang c --calls 480 --per 1h --aht 3m --agents 25 --threshold 20s --lines 30 --json
run_case erlang-c-asa-occupancy erlang c --calls 900 --per 1h --aht 4m --asa-target 30s --max-occupancy 85% --shrinkage 0.3
run_case erlang-a-agents erlang a --calls 1200 --per 1h --aht 180s --patience 120s --agents 58 --threshold 20s
run_case erlang-a-target-json erlang a --calls 1200 --per 1h --aht 180s --patience 2m --threshold 20s --target 80% --sl-of offered --json
run_case erlang-b-json erlang b --calls 300 --per 1h --aht 240s --lines 20 --json
run_case erlang-b-max-blocking erlang b --calls 300 --per 1h --aht 240s --max-blocking 0.01
run_case erlang-missing-aht erlang c --calls 480 --per 1h --agents 10

# --- invalid input: the error messages (and nothing written)
for f in agents-length bad-calls bad-duration bad-forecast bad-toml calls-and-rate \
    horizon-with-calls missing-file negative-mean never-drains target-percent \
    unknown-distribution unknown-key unknown-top-key; do
    run_case "invalid-$f" validate "$C/invalid/$f.toml"
done
run_case invalid-run-bad-toml run $C/invalid/bad-toml.toml --out out
run_case invalid-run-missing-file run $C/invalid/no-such-file.toml --out out
run_case invalid-unknown-flag run $S/small-business.toml --replicas 5 --out out
run_case invalid-vary sweep $S/small-business.toml --vary agents=1..x --out out
run_case invalid-shard sweep $S/small-business.toml --vary agents=-1..+1 --shard 3/2 --out out
run_case invalid-method staff $S/small-business.toml --method erlang-x --out out
run_case invalid-no-command run

# --- the new binary on its own: results do not depend on threads or sharding
same_files "new: threads 1 = threads 2" "$work/B/run-retail-threads-1/out" "$work/B/run-retail-threads-2/out"
same_files "new: merged shards = unsharded" "$work/B/merge/out" "$work/B/sweep/out"

# --- neither binary changed its inputs
touched=()
for side in A B; do
    for pair in "scenarios:scenarios" "scripts/same-outputs:cases"; do
        files=$(tree_diff "$root/${pair%%:*}" "$work/$side/in/${pair#*:}")
        [[ -n $files ]] && touched+=("$side in/${pair#*:}: $files")
    done
done
report "inputs untouched" "${touched[@]}"

echo "$cases cases: $((cases - differences)) same, $differences DIFFERENT ($SECONDS s)"
((differences == 0))
