#!/usr/bin/env bash
# Builds zupa-bench and runs the runtime load harness (dev.zupa.bench.runtime.RuntimeBench): 1,000 closed-loop users
# on an agent with SQLite stores and a zero-latency model, SYNC and ASYNC durability, then the heap per idle session
# with 100,000 sessions. See the Runtime section of docs/performance.md.
#
#   zupa-bench/run-runtime-bench.sh [output-file]
#
# Environment:
#   JAVA_BIN    java to run the harness with (default: Temurin 25)
#   BENCH_DIR   where the database file goes (default: /tmp/zupa-bench)
#   SECONDS_RUN measured seconds per throughput run (default 30), WARMUP seconds before it (default 15)
#   SESSIONS    sessions of the idle scenario (default 100000)
#   SKIP_BUILD  set to 1 to reuse an earlier build's target/bench-lib
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="${1:-$here/target/runtime-bench-$(date -u +%Y%m%dT%H%M%SZ).txt}"
java_bin="${JAVA_BIN:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
bench_dir="${BENCH_DIR:-/tmp/zupa-bench}"
lib="$here/target/bench-lib"

cd "$root"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "building zupa-bench and the modules it needs ..."
  mvn -B -q -o install -Dmaven.test.skip=true -Dspotless.check.skip=true -pl zupa-bench -am
  mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$here/target/cp.txt" -pl zupa-bench
  rm -rf "$lib" && mkdir -p "$lib"
  cp -r "$here/target/classes" "$lib/bench-classes"
  tr ':' '\n' < "$here/target/cp.txt" | while read -r jar; do [[ -n "$jar" ]] && cp "$jar" "$lib/"; done
fi
cp="$lib/bench-classes:$lib/*"

mkdir -p "$(dirname "$out")" "$bench_dir"
exec > >(tee "$out") 2>&1

echo "# zupa runtime benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "# host: $(nproc) cpus, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)," \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), kernel $(uname -r)"
echo "# disk for $bench_dir: $(df -h "$bench_dir" | awk 'NR==2 {print $1, $2}') ($(findmnt -no FSTYPE -T "$bench_dir" 2>/dev/null || echo '?'))"
echo "# java: $("$java_bin" -version 2>&1 | tr '\n' ' ')"
echo "# git: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?') $(git -C "$root" status --porcelain 2>/dev/null | wc -l) changed files"
echo "# load at start: $(cut -d' ' -f1-3 /proc/loadavg)"

bench() {
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
bench scenario=throughput users=1000 seconds="$run_s" warmup="$warm" durability=sync
bench scenario=throughput users=1000 seconds="$run_s" warmup="$warm" durability=async
bench scenario=idle sessions="${SESSIONS:-100000}" users=1000 durability=async

summary="$(grep -E '^RESULT' "$out" || true)"
echo
echo "## summary"
echo "$summary"
echo "# raw output: $out"
