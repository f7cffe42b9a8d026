#!/usr/bin/env bash
# R3 (TARGETS.md): 8 concurrent writer threads on the SQLite adapters for 30 s (one of them on a
# second database object, as a CLI run beside the server), then 8 HTTP clients writing through the
# real jar for 30 s. Prints writes, SQLITE_BUSY surfaced and HTTP 5xx (both must be 0).
# Writes benchmarks/results/R3.json. Takes about 1.5 minutes after the build.
# Usage: benchmarks/r3-writer-concurrency.sh [--seconds S] [--threads N]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package -pl benchmarks -am
java -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.R3WriterConcurrency \
  --jar bootstrap/target/ret.jar --results benchmarks/results "$@"
