#!/usr/bin/env bash
# Builds zupa-bench and runs the engine benchmark suite: Zupa vs LangGraph4j 1.8.17 on the workloads of
# docs/performance.md. About 2-3 minutes of benchmarks on a 2-vCPU VM, plus the build and up to QUIET_WAIT
# seconds of waiting for a quiet machine.
#
#   zupa-bench/run-engine-bench.sh [output-file]
#
# Environment:
#   JAVA_BIN    java to run the harness with (default: Temurin 25)
#   BENCH_DIR   where database files go (default: /tmp/zupa-bench); must be on the disk you want to measure
#   QUIET_WAIT  seconds to wait for the 1-minute load average to drop below QUIET_LOAD before starting (default 120)
#   QUIET_LOAD  (default 1.5)
#   SKIP_BUILD  set to 1 to reuse an earlier build's target/bench-lib
set -euo pipefail

out="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/target/engine-bench-$(date -u +%Y%m%dT%H%M%SZ).txt}"
title=engine
# shellcheck source=bench-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

waited=0
while (( waited < ${QUIET_WAIT:-120} )) && \
    awk -v max="${QUIET_LOAD:-1.5}" '{ exit !($1 > max) }' /proc/loadavg; do
  (( waited % 30 == 0 )) && echo "# waiting for a quieter machine, load $(cut -d' ' -f1-3 /proc/loadavg)"
  sleep 5
  waited=$(( waited + 5 ))
done
echo "# load at start: $(cut -d' ' -f1-3 /proc/loadavg)"

bench() {
  echo
  echo "## $*"
  local start=$SECONDS
  "$java_bin" -Xms1g -Xmx2g --enable-native-access=ALL-UNNAMED \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$cp" dev.zupa.bench.EngineBench dir="$bench_dir" "$@"
  echo "# took $(( SECONDS - start )) s, load $(cut -d' ' -f1-3 /proc/loadavg)"
}

# (a) linear, in memory. Both engines need ~100k invocations before the JIT settles on 2 cores.
bench scenario=linear store=memory n=10000 runs=7 warmup=100000 threads=1
# (b) fan-out, in memory; LangGraph4j with Channels.appender and with Channels.appenderWithDuplicate
bench scenario=fanout store=memory n=5000 runs=7 warmup=50000 threads=1
# the same with the invocations made from a virtual thread (the engine's tasks are virtual threads too)
bench scenario=fanout store=memory n=5000 runs=5 warmup=50000 threads=1 invokers=virtual lg4jChannel=appender
# probe: each branch sleeps 5 ms (an I/O stand-in); do the branches overlap?
bench scenario=fanout store=memory n=100 runs=3 warmup=100 sleepMs=5 lg4jChannel=appender
# (c) linear on SQLite (SYNC, WAL, synchronous=FULL), next to the raw fsync'd-commit ceiling
bench scenario=linear store=sqlite n=1000 runs=5 warmup=500 rawN=2000 threads=1
bench scenario=linear store=sqlite n=4000 runs=5 warmup=4000 rawN=2000 threads=64
# LangGraph4j's FileSystemSaver on the linear graph, for reference (no fsync)
bench scenario=linear store=file n=1000 runs=3 warmup=1000 threads=1
# (d) a growing conversation: bytes written per turn at turn 10 vs turn 1,000
bench scenario=growth store=memory turns=1000
bench scenario=growth store=sqlite turns=1000 impl=zupa

# read the summary before printing it: printing goes to the same file through tee
summary="$(grep -E '^(RESULT|RATIO)' "$out" || true)"
echo
echo "## summary"
echo "$summary"
echo "# raw output: $out"
