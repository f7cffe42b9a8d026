#!/usr/bin/env bash
# P2: SQLite tier durable put and point get vs raw sqlite-jdbc -> benchmarks/results/P2.json, P2.md
exec "$(dirname "$0")/cache-benchmark.sh" P2 "$@"
