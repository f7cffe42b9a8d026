#!/usr/bin/env bash
# P5 (TARGETS.md): XML -> CSV throughput of StaxCsvConverter against a bare StAX pass over the same
# >= 100 MB generated corpus, both in JMH forks with -Xmx256m. Prints the table and writes
# benchmarks/results/p5.json. Pass --quick for short iterations.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -DskipTests package -pl benchmarks -am
java -Xmx256m -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.P5ConverterReport \
  --shared-data ../shared/data --results benchmarks/results/p5.json "$@"
