#!/usr/bin/env bash
# Runs every fuzz target of a clang build for a set time, one after the other (one core), and
# prints the executions each made. Exit status: non-zero when any target found a crash, a leak,
# undefined behaviour or a broken property (its input is saved under fuzz-artifacts/).
#   tests/fuzz/run-fuzzers.sh <build dir> <seconds per target> [extra libFuzzer flags…]
set -uo pipefail
build="${1:?build dir}"; seconds="${2:?seconds per target}"; shift 2
src="$(cd "$(dirname "$0")/../.." && pwd)"
list="$build/tests/fuzz/fuzzers.txt"
[ -f "$list" ] || { echo "no $list: configure with the fuzz or asan preset first" >&2; exit 2; }
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$src/tests/sanitizer/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
logs="$build/tests/fuzz/logs"; mkdir -p "$logs"
failed=0; summary=""
while read -r name exe work seeds dict; do
  [ -n "$name" ] || continue
  echo "== fuzz $name: ${seconds}s"
  "$exe" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=3072 -print_final_stats=1 \
    -artifact_prefix="$build/tests/fuzz/fuzz-artifacts/$name-" $dict "$@" "$work" "$seeds" >"$logs/$name.log" 2>&1
  status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logs/$name.log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$logs/$name.log" | tail -1)
  if [ $status -ne 0 ]; then
    failed=1
    grep -m3 -E 'ERROR|SUMMARY|property failed|Test unit written' "$logs/$name.log" || tail -5 "$logs/$name.log"
  fi
  summary+=$(printf '%-10s %12s executions  %-10s %s' "$name" "${runs:-?}" "${cov:-}" \
    "$([ $status -eq 0 ] && echo ok || echo "FAILED (see $logs/$name.log)")")$'\n'
done <"$list"
echo "== executions per target (${seconds}s each)"
printf '%s' "$summary"
exit $failed
