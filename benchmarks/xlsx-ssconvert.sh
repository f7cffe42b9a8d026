#!/usr/bin/env bash
# Opens RET's workbooks in a spreadsheet program: every shared Crossref file and the 1 MB library
# export are converted to CSV and XLSX, gnumeric's ssconvert reads each workbook back to CSV, and
# the result must be the CSV cell for cell (line breaks inside values compared as LF). Not part of
# `mvn verify`: gnumeric is a 100 MB desktop install the test command does not need.
#   benchmarks/xlsx-ssconvert.sh            (SKIP_BUILD=1 reuses benchmarks/target/benchmarks.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v ssconvert >/dev/null; then
  echo "ssconvert is missing: apt-get install -y --no-install-recommends gnumeric" >&2
  exit 2
fi
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -DskipTests package -pl benchmarks -am
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
run() { java -cp benchmarks/target/benchmarks.jar app.ret.benchmarks.WorkbookRoundTrip "$@"; }
mkdir -p "$work/xml"
data="${SHARED_DATA:-}"
for dir in "$PWD" "$(dirname "$PWD")" "$(dirname "$(dirname "$PWD")")"; do
  if [[ -z "$data" && -d "$dir/shared/data" ]]; then data="$dir/shared/data"; fi
done
cp "${data:?no shared/data found above $PWD; set SHARED_DATA}"/crossref/*.xml "$data/library/1mb.xml" "$work/xml/"
run write "$work/xml" "$work/out"
count=0
for xlsx in "$work"/out/*.xlsx; do
  ssconvert --export-type=Gnumeric_stf:stf_csv "$xlsx" "${xlsx%.xlsx}.ssconvert.csv" 2>/dev/null
  run compare "${xlsx%.xlsx}.csv" "${xlsx%.xlsx}.ssconvert.csv"
  count=$((count + 1))
done
echo "$count workbooks read back by ssconvert $(ssconvert --version | head -1 | awk '{print $NF}') equal their CSVs"
