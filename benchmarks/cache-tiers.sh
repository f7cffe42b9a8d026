#!/usr/bin/env bash
# P1, P2 and P3 in one go (one build), then one table of all three: benchmarks/results/cache-tiers.md
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
(cd "$here/.." && mvn -B -q -DskipTests package -pl benchmarks -am)
for id in P1 P2 P3; do
  SKIP_BUILD=1 "$here/cache-benchmark.sh" "$id" "$@"
done
{
  echo "## Cache tiers — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo
  for id in P1 P2 P3; do
    cat "$here/results/$id.md"
    echo
  done
} > "$here/results/cache-tiers.md"
cat "$here/results/cache-tiers.md"
