#!/usr/bin/env bash
# P10 (TARGETS.md): RET's tiered cache get and durable put beside Redis GET/SET on loopback
# (appendfsync always, and everysec labelled as not equivalent), 100 B and 10 KB values, 2 threads.
# Installs redis-server (Debian package) when missing, runs it on a free loopback port in a temp
# directory, stops it at the end. Writes benchmarks/results/P10.json. About 5 minutes after the build.
# Usage: benchmarks/p10-redis.sh [--seconds S] [--rounds N]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v redis-server > /dev/null; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq redis-server > /dev/null
fi
mvn -B -q -DskipTests package -pl benchmarks -am
work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
redis-server --bind 127.0.0.1 --port "$port" --dir "$work" --appendonly yes --appendfsync always --save "" \
    --daemonize no --logfile "$work/redis.log" &
redis_pid=$!
trap 'kill "$redis_pid" 2> /dev/null; wait "$redis_pid" 2> /dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
    redis-cli -p "$port" ping > /dev/null 2>&1 && break
    sleep 0.1
done
java -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.P10RedisComparison \
  --results benchmarks/results --redis-port "$port" "$@"
