#!/usr/bin/env bash
# P1: memory tier get/put vs Caffeine and a synchronized LinkedHashMap -> benchmarks/results/P1.json, P1.md
# (add -prof gc to the JMH options for the bytes allocated per operation, e.g. -wi 2 -w 1s -i 3 -r 1s -f 1 -prof gc)
exec "$(dirname "$0")/cache-benchmark.sh" P1 "$@"
