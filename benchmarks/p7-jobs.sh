#!/usr/bin/env bash
# P7 (TARGETS.md): durable jobs per second (submit a no-op test job -> a worker runs it -> stored
# as succeeded) on the real runtime, against raw sqlite-jdbc single-row insert + update commits with
# the same pragmas, in the same run; and P7-PG, the same on PostgreSQL (a throwaway server with fsync
# on, RET_DATABASE_URL) against raw pgjdbc commits on that server. Prints the tables and writes
# benchmarks/results/p7.json and benchmarks/results/P7-PG.json.
# Pass --quick for short iterations.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -DskipTests package -pl benchmarks -am
java -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.P7JobsReport --results benchmarks/results/p7.json "$@"
