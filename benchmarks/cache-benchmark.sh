#!/usr/bin/env bash
# Runs one cache target of ../shared/spec/TARGETS.md with its baselines:
#   benchmarks/cache-benchmark.sh P1|P2|P3 [JMH options; default -wi 2 -w 1s -i 3 -r 1s -f 1]
# in ROUNDS short rounds (default 3) whose ratios are reduced to their median (the machines are
# shared; see CacheBenchmarks). Writes benchmarks/results/<id>.json (every round's figures, medians, verdicts) and
# benchmarks/results/<id>.md (per-round figures, medians, verdicts), and prints the table.
# SKIP_BUILD=1 reuses benchmarks/target/benchmarks.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
id="${1:?usage: benchmarks/cache-benchmark.sh P1|P2|P3 [JMH options]}"
shift
if [[ $# -eq 0 ]]; then
  set -- -wi 2 -w 1s -i 3 -r 1s -f 1
fi
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -DskipTests package -pl benchmarks -am
fi
java -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.CacheBenchmarks "$id" benchmarks/results --rounds "${ROUNDS:-3}" "$@"
