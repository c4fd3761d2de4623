#!/usr/bin/env bash
# Runs the whole `npm test` N times in a row (default 10) with busy loops beside it (default 2, one
# per core of the reference machine), printing each run's result, wall time, load and step times, and a
# final tally; exits non-zero unless every run was green. A red run's full output is kept in the log
# folder it names (green runs' logs are removed).
# Usage: scripts/stress-test.sh [N]    (or: npm run stress -- N)
# STRESS_BUSY_LOOPS=K changes the number of busy loops. The loops are started and killed here.
set -u
cd "$(dirname "$0")/.."

runs=${1:-10}
loops=${STRESS_BUSY_LOOPS:-2}
logs=$(mktemp -d "${TMPDIR:-/tmp}/readable-stress-XXXXXX")
busy=()

stop_loops() {
  for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${busy[@]}"; do wait "$pid" 2>/dev/null; done
  busy=()
}
trap stop_loops EXIT
trap 'stop_loops; exit 130' INT TERM

for _ in $(seq "$loops"); do
  node -e 'for (;;) {}' &
  busy+=("$!")
done

echo "stress: $runs runs of npm test beside $loops busy loops, $(nproc) cores; logs in $logs"
echo "load before: $(uptime)"
green=0
times=()
for run in $(seq "$runs"); do
  log="$logs/run-$run.log"
  start=$(date +%s.%N)
  npm test >"$log" 2>&1
  code=$?
  wall=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
  times+=("$wall")
  # The per-step times scripts/test.mjs prints, on one line: "typecheck 9.1 s, lint 4.2 s, …".
  steps=$(sed -n '/^npm test steps:/,$p' "$log" | awk 'NF >= 3 && $(NF) == "s" { printf "%s%s %s s", sep, $1, $(NF - 1); sep = ", " }')
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  if [ "$code" -eq 0 ]; then
    green=$((green + 1))
    printf 'run %d/%d: green in %.1f s (load %s; %s)\n' "$run" "$runs" "$wall" "$load" "$steps"
    rm -f "$log"
  else
    printf 'run %d/%d: RED (exit %d) in %.1f s (load %s; %s), log kept: %s\n' "$run" "$runs" "$code" "$wall" "$load" "$steps" "$log"
    grep -E '^not ok|^# (tests|pass|fail) |^failed: ' "$log" | sed 's/^/    /'
  fi
done
echo "load after: $(uptime)"
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
printf '%d/%d green; wall time min %.1f s, median %.1f s, max %.1f s\n' "$green" "$runs" \
  "$(echo "$sorted" | head -1)" "$median" "$(echo "$sorted" | tail -1)"
if [ "$green" -ne "$runs" ]; then
  echo "logs of the red runs: $logs"
  exit 1
fi
rmdir "$logs" 2>/dev/null
exit 0
