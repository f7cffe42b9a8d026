#!/usr/bin/env bash
# P11c (TARGETS.md): the staleness window of a state write across instances (writer's 204 -> the
# next instance's first new value) over 1,000 trials on 3 instances of the jar on one throwaway
# PostgreSQL, p50/p99/max with the load average, beside a cached GET and a bare NOTIFY -> LISTEN in
# the same run. Writes benchmarks/results/P11c.json. Takes about a minute after the build.
# Usage: benchmarks/p11c-staleness.sh [--trials N]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package -pl benchmarks -am
uptime
java -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.P11cStaleness \
  --jar bootstrap/target/ret.jar --results benchmarks/results "$@"
