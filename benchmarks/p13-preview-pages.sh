#!/usr/bin/env bash
# P13 (TARGETS.md): the preview endpoint's first page and page at row 5,000,000 of a 1 GiB CSV output
# that a real conversion job wrote (and indexed), beside a bare sequential read of the same file to that
# row and the same page with the row index moved away, in the same rounds.
# Writes benchmarks/results/P13.json. Needs ~4 GB of free disk; takes a few minutes (the conversion).
# Usage: benchmarks/p13-preview-pages.sh [--rounds N] [--requests N] [--csv-mb N]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package -pl benchmarks -am
java -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.P13PreviewPages \
  --jar bootstrap/target/ret.jar --results benchmarks/results "$@"
