#!/usr/bin/env bash
# Issue 17's search figures (embedded setup, SQLite FTS5): index build rows/s against the conversion's
# own rows/s over the P5 corpus (target: the index slows a conversion by at most 30 %), and query
# p50/p99 over 1 M indexed rows. Prints the table with the load average and writes
# benchmarks/results/search-index.json. Pass --quick for one round and a smaller query index.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -o -DskipTests package -pl benchmarks -am
java -Xmx256m -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.SearchIndexReport \
  --shared-data "${RET_SHARED_DATA:-/work/shared/data}" --results benchmarks/results "$@"
