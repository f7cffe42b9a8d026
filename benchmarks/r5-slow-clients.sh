#!/usr/bin/env bash
# R5 (TARGETS.md): slowloris and slow-body connections during load against the real jar.
# wrk drives authenticated GET /api/auth/me alone, then beside 100 slowloris and 50 slow-body
# attackers that reconnect whenever they are cut; prints how long the server let each slow
# connection live and the p99 of the normal traffic in both phases.
# Writes benchmarks/results/R5.json. Takes about 1.5 minutes after the build.
# Usage: benchmarks/r5-slow-clients.sh [--duration S] [--slowloris N] [--slow-body N] [--max-request-seconds S]
set -euo pipefail
cd "$(dirname "$0")/.."
benchmarks/install-wrk.sh
mvn -B -q -DskipTests package -pl benchmarks -am
java -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.R5SlowClients \
  --jar bootstrap/target/ret.jar --results benchmarks/results "$@"
