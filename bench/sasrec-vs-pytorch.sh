#!/usr/bin/env bash
# Benchmark: SASRec P1 training epochs on Beauty, ours (llmseqrec train) against the PyTorch reference
# (bench/reference/sasrec_pytorch.py, the same spec), run alternately so that both see the same machine load.
# Prints every epoch line of both and which BLAS library PyTorch loaded.
# Usage: bench/sasrec-vs-pytorch.sh [shared-dir] [rounds=2] [epochs=3] [reference options, e.g. --head-chunk-rows 452]
#   shared-dir: default $LLMSEQREC_SHARED_DIR or ../shared next to the repo.
#   PYTHON: the interpreter with PyTorch (default python3), with an environment for PyTorch alone if needed, e.g.
#     PYTHON="env LD_LIBRARY_PATH=<dir with libblas.so.3 -> libmkl_rt.so> python3". On Debian 12: apt-get install
#     python3-torch (PyTorch 1.13) and a BLAS: libopenblas0-pthread, or libmkl-rt from the non-free component.
#     BENCHMARKS.md lists the configurations measured.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-${LLMSEQREC_SHARED_DIR:-../shared}}
rounds=${2:-2}
epochs=${3:-3}
read -r -a python <<< "${PYTHON:-python3}"  # may carry an environment for PyTorch only: "env LD_PRELOAD=... python3"
dotnet build src/LlmSeqRec.Cli -c Release -v quiet -nologo >/dev/null
tool=src/LlmSeqRec.Cli/bin/Release/net10.0/llmseqrec.dll
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet "$tool" ingest --dataset "$shared/data/amazon-beauty" --output "$work/beauty" >/dev/null 2>&1
blas=$("${python[@]}" -c 'import torch; torch.ones(2, 2) @ torch.ones(2, 2); print(sorted({l.split()[-1] for l in open("/proc/self/maps") if "blas" in l or "mkl" in l}))' 2>/dev/null || echo unknown)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -sr); PyTorch BLAS: $blas"
for round in $(seq "$rounds"); do
  echo "round $round: ours"
  dotnet "$tool" train --dataset "$work/beauty" --model sasrec --preset p1 --epochs "$epochs" --seed 42 --threads 2 \
    --output "$work/model-$round" 2>&1 >/dev/null | grep -E 'epoch [0-9]+:'
  echo "round $round: PyTorch"
  "${python[@]}" bench/reference/sasrec_pytorch.py --dataset "$work/beauty" --epochs "$epochs" --seed 42 --threads 2 "${@:4}"
done
