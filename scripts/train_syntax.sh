#!/usr/bin/env bash
# Retrains the syntax model (tagger and parser) from UD English EWT and writes
# models/syntax.model, then prints its accuracy on EWT dev/test and PUD.
# Deterministic: the same treebank gives the same file, byte for byte.
#
#   scripts/train_syntax.sh [CORPORA_DIR]     (default: ../shared/corpora)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpora="${1:-$root/../shared/corpora}"
if [ ! -f "$corpora/ud-english-ewt/en_ewt-ud-train.conllu" ]; then
  echo "train_syntax.sh: $corpora/ud-english-ewt/en_ewt-ud-train.conllu not found" >&2
  exit 1
fi
if [ ! -d "$root/build" ]; then
  cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$root/build" --target cairn-train
"$root/build/cairn-train" --corpora "$corpora" --out "$root/models/syntax.model"
echo "models/syntax.model rewritten; rebuild (cmake --build build) to link it into cairn."
