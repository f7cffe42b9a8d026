#!/usr/bin/env bash
# P11b (TARGETS.md): jobs/s (a no-op test job submitted over HTTP -> run by a worker of any instance
# -> SUCCEEDED) through 1, 2 and 3 instances of the jar on one throwaway PostgreSQL (fsync on).
# Writes benchmarks/results/P11b.json. Takes about 3 minutes after the build (3 rounds).
# Usage: benchmarks/p11b-jobs.sh [--duration S] [--rounds N] [--submitters N] [--workers N]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package -pl benchmarks -am
uptime
java -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.P11bJobs \
  --jar bootstrap/target/ret.jar --results benchmarks/results "$@"
