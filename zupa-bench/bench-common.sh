# Sourced by the run-*-bench.sh scripts: builds zupa-bench once, copies its class path aside, sends the output to
# the report file as well as the terminal, and writes the report's header.
#
# Before sourcing, a script sets: out (the report file) and title (such as "engine").
# Afterwards it has: root, java_bin, bench_dir and cp (the class path to run with).

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
java_bin="${JAVA_BIN:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
bench_dir="${BENCH_DIR:-/tmp/zupa-bench}"
lib="$here/target/bench-lib"

cd "$root"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "building zupa-bench and the modules it needs ..."
  mvn -B -q -o install -Dmaven.test.skip=true -Dspotless.check.skip=true -pl zupa-bench -am
  mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$here/target/cp.txt" -pl zupa-bench
  # copy the classpath so that other builds reinstalling snapshot jars cannot change it under a running benchmark
  rm -rf "$lib" && mkdir -p "$lib"
  cp -r "$here/target/classes" "$lib/bench-classes"
  tr ':' '\n' < "$here/target/cp.txt" | while read -r jar; do [[ -n "$jar" ]] && cp "$jar" "$lib/"; done
fi
cp="$lib/bench-classes:$lib/*"
# the build leaves megabytes of files to write back; a benchmark that shares the disk with that write-back sees its
# fsyncs, and so its latency tail, double
sync
sleep "${SETTLE_SECONDS:-10}"

mkdir -p "$(dirname "$out")" "$bench_dir"
exec > >(tee "$out") 2>&1

echo "# zupa $title benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "# host: $(nproc) cpus, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)," \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), kernel $(uname -r)"
echo "# disk for $bench_dir: $(df -h "$bench_dir" | awk 'NR==2 {print $1, $2}') ($(findmnt -no FSTYPE -T "$bench_dir" 2>/dev/null || echo '?'))"
echo "# java: $("$java_bin" -version 2>&1 | tr '\n' ' ')"
echo "# maven's java: $(java -version 2>&1 | head -1)"
echo "# git: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?') $(git -C "$root" status --porcelain 2>/dev/null | wc -l) changed files"
