#!/usr/bin/env bash
# R1 (TARGETS.md): kill -9 the real server at a random moment while three writers send state
# PUTs, XML uploads and conversion jobs at ~30 writes/s; restart; five cycles. Then checks every
# acknowledged write (state equal, uploads byte-identical by sha256, jobs present and finished),
# PRAGMA integrity_check, and that the session folders hold no partial or stray file.
# Prints acked / lost / recovered counts; writes benchmarks/results/R1.json. About 1 minute after the build.
# Usage: benchmarks/r1-crash-durability.sh [--cycles N] [--rate WRITES_PER_S] [--seed N]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package -pl benchmarks -am
java -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.R1CrashDurability \
  --jar bootstrap/target/ret.jar --results benchmarks/results "$@"
