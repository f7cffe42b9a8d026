#!/usr/bin/env bash
# P6 (TARGETS.md): the real jar serving an authenticated GET /api/session/state/{key} through the
# whole stack, against a bare JDK HttpServer answering the same JSON (the baseline), both under
# wrk -t2 -c50 in alternating rounds. Prints requests/s, p50/p90/p99 and the ratio.
# Writes benchmarks/results/P6.json. Takes about 2 minutes after the build.
# Usage: benchmarks/p6-http-load.sh [--duration S] [--rounds N] [--connections N]
set -euo pipefail
cd "$(dirname "$0")/.."
benchmarks/install-wrk.sh
mvn -B -q -DskipTests package -pl benchmarks -am
java -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.P6HttpLoad \
  --jar bootstrap/target/ret.jar --results benchmarks/results "$@"
