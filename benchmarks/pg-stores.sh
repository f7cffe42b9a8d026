#!/usr/bin/env bash
# P2-PG and P4-PG (TARGETS.md): the PostgreSQL cache tier's durable put / point get and a rate-limit
# check through the adapters, against raw pgjdbc statements on the same throwaway server (PostgreSQL's
# durable defaults), side by side in one run; P2 on SQLite beside them. Needs Debian's postgresql
# package (scripts/test installs it). Prints the tables and writes benchmarks/results/P2-PG.json and
# benchmarks/results/P4-PG.json. Options: --iterations N --seconds S (default 5 x 2 s).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -DskipTests package -pl benchmarks -am
fi
java -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.PostgresStoresReport --results benchmarks/results "$@"
