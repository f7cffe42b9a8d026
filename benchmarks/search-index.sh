#!/usr/bin/env bash
# Issue 17's search figures: the slowdown of a conversion by its search index — wall clock of converting
# the P5 corpus and indexing its CSV (SQLite FTS5, as the job does) over converting it alone, same input,
# same run, median of 3 rounds (target: at most 30 %), the build taken apart (CSV read, rows prepared,
# SQLite's share) — and query p50/p99 over 1 M indexed rows on SQLite FTS5 and on PostgreSQL (a throwaway
# server: needs Debian's postgresql package, which scripts/test installs). Prints the tables with the load
# average (before every round too) and writes benchmarks/results/search-index.json. Pass --quick for one
# round and a smaller query index.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -o -DskipTests package -pl benchmarks -am
java -Xmx256m -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.SearchIndexReport \
  --shared-data "${RET_SHARED_DATA:-/work/shared/data}" --results benchmarks/results "$@"
