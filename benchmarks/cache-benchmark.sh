#!/usr/bin/env bash
# Runs one cache target of ../shared/spec/TARGETS.md with its baselines in the same run:
#   benchmarks/cache-benchmark.sh P1|P2|P3 [JMH options]
# Writes benchmarks/results/<id>.json (JMH) and benchmarks/results/<id>.md (figure, baseline,
# ratio, verdict) and prints the table. SKIP_BUILD=1 reuses benchmarks/target/benchmarks.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
id="${1:?usage: benchmarks/cache-benchmark.sh P1|P2|P3 [JMH options]}"
shift
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -DskipTests package -pl benchmarks -am
fi
java -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.CacheBenchmarks "$id" benchmarks/results -wi 2 -i 3 -f 1 "$@"
