#!/usr/bin/env bash
# Issue 17's search figures, the index in a job of its own (ADR 0013 item 16): the slowdown of a
# conversion job by search — the job with search on (it queues its index job) over the same job with
# no search index, same run, alternating, median of 3 rounds (target: at most 30 %) — the time until
# the rows are searchable, a batch of 4 conversions on 2 workers with and without their index jobs,
# and query p50/p99 over 1 M indexed rows on SQLite FTS5 and on PostgreSQL (a throwaway server: needs
# Debian's postgresql package, which scripts/test installs). Prints the tables with the load average
# (before every round too) and writes benchmarks/results/search-index.json. Pass --quick for one
# round and a smaller query index.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -o -DskipTests package -pl benchmarks -am
java -Xmx256m -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.SearchIndexReport \
  --shared-data "${RET_SHARED_DATA:-/work/shared/data}" --results benchmarks/results "$@"
