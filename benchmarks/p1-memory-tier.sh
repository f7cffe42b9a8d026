#!/usr/bin/env bash
# P1: memory tier get/put vs Caffeine and a synchronized LinkedHashMap -> benchmarks/results/P1.json, P1.md
exec "$(dirname "$0")/cache-benchmark.sh" P1 "$@"
