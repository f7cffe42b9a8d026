#!/usr/bin/env bash
# P3: tiered cache get on a memory hit vs the memory tier alone -> benchmarks/results/P3.json, P3.md
exec "$(dirname "$0")/cache-benchmark.sh" P3 "$@"
