#!/usr/bin/env bash
# Installs the wrk load generator (Debian package) when it is missing.
set -euo pipefail
if command -v wrk > /dev/null; then
    exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
$sudo apt-get update -qq
$sudo apt-get install -y -qq wrk > /dev/null
command -v wrk > /dev/null
