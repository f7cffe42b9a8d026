#!/usr/bin/env bash
# P7 (TARGETS.md): durable jobs per second (submit a no-op test job -> a worker runs it -> stored
# as succeeded) on the real runtime, against raw sqlite-jdbc single-row insert + update commits with
# the same pragmas, in the same run. Prints the table and writes benchmarks/results/p7.json.
# Pass --quick for short iterations.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -DskipTests package -pl benchmarks -am
java -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.P7JobsReport --results benchmarks/results/p7.json "$@"
