#!/usr/bin/env bash
# Builds zupa-bench and runs the runtime load harness (dev.zupa.bench.runtime.RuntimeBench): 1,000 closed-loop users
# on an agent with SQLite stores and a zero-latency model, EXIT (the runtime default) and SYNC durability; the latency of
# 1,000 users who pause between messages at 200, 500 and 1,000 offered turns/s; then the heap per idle session with 100,000
# sessions. See the Runtime section of docs/performance.md.
#
#   zupa-bench/run-runtime-bench.sh [output-file]
#
# Environment:
#   JAVA_BIN    java to run the harness with (default: Temurin 25)
#   BENCH_DIR   where the database file goes (default: /tmp/zupa-bench)
#   SECONDS_RUN measured seconds per run (default 30), WARMUP seconds before a throughput run (default 15)
#   LATENCY_WARMUP seconds before a latency run (default 45): at a few hundred turns/s the JIT is still compiling
#               (about 150 methods every 5 s) until some 30 s after the start, which lands in a shorter warm-up's
#               measured window
#   SESSIONS    sessions of the idle scenario (default 100000)
#   SKIP_BUILD  set to 1 to reuse an earlier build's target/bench-lib
set -euo pipefail

out="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/target/runtime-bench-$(date -u +%Y%m%dT%H%M%SZ).txt}"
title=runtime
# shellcheck source=bench-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"
echo "# load at start: $(cut -d' ' -f1-3 /proc/loadavg)"

bench() {
  # the previous run's database (hundreds of MB after a SYNC run) is still being written back and deleted: let the
  # disk settle, or this run's fsyncs wait behind it
  sync
  sleep "${SETTLE_SECONDS:-10}"
  echo
  echo "## $*"
  local start=$SECONDS
  "$java_bin" -Xms1g -Xmx2g -XX:+UseG1GC --enable-native-access=ALL-UNNAMED \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$cp" dev.zupa.bench.runtime.RuntimeBench dir="$bench_dir" "$@"
  echo "# took $(( SECONDS - start )) s, load $(cut -d' ' -f1-3 /proc/loadavg)"
}

run_s="${SECONDS_RUN:-30}"
warm="${WARMUP:-15}"
latency_warm="${LATENCY_WARMUP:-45}"
bench scenario=throughput users=1000 seconds="$run_s" warmup="$warm" durability=exit
bench scenario=throughput users=1000 seconds="$run_s" warmup="$warm" durability=sync
bench scenario=latency users=1000 rate=200 seconds="$run_s" warmup="$latency_warm" durability=exit
bench scenario=latency users=1000 rate=500 seconds="$run_s" warmup="$latency_warm" durability=exit
bench scenario=latency users=1000 rate=1000 seconds="$run_s" warmup="$latency_warm" durability=exit
bench scenario=idle sessions="${SESSIONS:-100000}" users=1000 durability=exit

summary="$(grep -E '^RESULT' "$out" || true)"
echo
echo "## summary"
echo "$summary"
echo "# raw output: $out"
