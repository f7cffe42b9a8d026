#!/usr/bin/env bash
# P12 (TARGETS.md): POST /api/files of a 27 MB flat export and of a ~200 MB ZIP of many XML files (both
# generated from ../shared/data) through RET at -Xmx256m vs a bare JDK HttpServer writing the body to disk
# with the same fsyncs, alternating; then ZIP intake alone vs a bare ZipInputStream pass; RET's heap after
# GC from its GC log. Writes benchmarks/results/P12.json. Needs ~3 GB of free disk.
# Usage: benchmarks/p12-uploads.sh [--rounds N] [--export-mb N] [--zip-mb N] [--jfr FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package -pl benchmarks -am
java -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.P12Uploads \
  --jar bootstrap/target/ret.jar --results benchmarks/results --shared-data ../shared/data "$@"
