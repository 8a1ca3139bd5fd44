#!/usr/bin/env bash
# Benchmark: ingest + split of the Amazon Beauty raw dumps (reviews JSON lines + metadata Python literals).
# Prints the tool's own timing line (work after start-up, and peak working set) for 3 runs into fresh folders.
# Usage: bench/ingest.sh [shared-dir]   (default: $LLMSEQREC_SHARED_DIR or ../shared next to the repo)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-${LLMSEQREC_SHARED_DIR:-../shared}}
dotnet build src/LlmSeqRec.Cli -c Release -v quiet -nologo >/dev/null
tool=src/LlmSeqRec.Cli/bin/Release/net10.0/llmseqrec.dll
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
for run in 1 2 3; do
  start=$(date +%s.%N)
  dotnet "$tool" ingest --dataset "$shared/data/amazon-beauty/raw" --output "$out/run$run" 2>&1 | grep -E '^timing|^sha256' | tr '\n' ' '
  echo " wall $(echo "$(date +%s.%N) - $start" | bc -l | cut -c1-5) s"
done
