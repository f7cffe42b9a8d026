#!/usr/bin/env bash
# Draws the curves of benchmarks/results/P14.json as small PNGs under docs/benchmarks/ (Debian's
# python3-matplotlib; installed with apt-get when missing and run as root, else it names the install).
# Usage: benchmarks/p14-charts.sh [results JSON] [output directory]
set -euo pipefail
cd "$(dirname "$0")/.."
python=/usr/bin/python3
if ! "$python" -c 'import matplotlib' 2> /dev/null; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "python3-matplotlib is missing: sudo apt-get install python3-matplotlib" >&2
        exit 1
    fi
    apt-get update -qq
    apt-get install -y -qq python3-matplotlib > /dev/null
fi
"$python" benchmarks/p14-charts.py "${1:-benchmarks/results/P14.json}" "${2:-docs/benchmarks}"
