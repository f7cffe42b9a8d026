#!/usr/bin/env bash
# P14 (TARGETS.md): how cost grows with the data, as curves — SQLite tier point get and durable put
# at 10 k, 1 M and 10 M stored entries; job claim with 0, 10 k and 1 M finished jobs retained; the
# expiry sweep of 1 M expired rows (rows/s, state GET latency during it vs without); start-up to
# /readyz with a 1 GB database vs an empty one. Median of 3 rounds; query plans recorded.
# The big databases are built once (bulk insert in one transaction) and kept under
# benchmarks/target/p14 (about 4.5 GB; the first run spends ~15 minutes building them).
# Writes benchmarks/results/P14.json, then draws docs/benchmarks/p14-*.png (benchmarks/p14-charts.sh).
# Usage: benchmarks/p14-curves.sh [--rounds N] [--only cache,jobs,sweep,startup] [--entries 10000,1000000,10000000]
#        [--jobs 0,10000,1000000] [--expired N] [--database-mb N]     SKIP_BUILD=1 reuses the jars.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -DskipTests package -pl benchmarks -am
fi
java -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.P14Curves \
  --jar bootstrap/target/ret.jar --results benchmarks/results --cache benchmarks/target/p14 "$@"
benchmarks/p14-charts.sh
