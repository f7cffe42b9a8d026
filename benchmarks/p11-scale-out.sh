#!/usr/bin/env bash
# P11 (TARGETS.md): authenticated state GET and PUT req/s with p99 through 1, 2 and 3 instances of
# the jar on one throwaway PostgreSQL (fsync on): one wrk per instance at once, the same total
# connections split between them, rates summed. Writes benchmarks/results/P11.json.
# Takes about 5 minutes after the build (3 rounds). Run it when `uptime` shows the machine quiet.
# Usage: benchmarks/p11-scale-out.sh [--duration S] [--rounds N] [--connections TOTAL]
set -euo pipefail
cd "$(dirname "$0")/.."
benchmarks/install-wrk.sh
mvn -B -q -DskipTests package -pl benchmarks -am
uptime
java -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.P11ScaleOut \
  --jar bootstrap/target/ret.jar --results benchmarks/results "$@"
