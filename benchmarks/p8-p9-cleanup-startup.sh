#!/usr/bin/env bash
# P8 and P9 (TARGETS.md): start-up of java -jar ret.jar serve to the first /readyz 200 and its
# idle RSS (a first start, then restarts), and the logout of sessions that hold 1,000 uploaded
# files and 10,000 state entries, timed at the client.
# Writes benchmarks/results/P8-P9.json. Takes about 1.5 minutes after the build.
# Usage: benchmarks/p8-p9-cleanup-startup.sh [--restarts N] [--sessions N]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package -pl benchmarks -am
java -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.P8P9CleanupAndStartup \
  --jar bootstrap/target/ret.jar --results benchmarks/results "$@"
