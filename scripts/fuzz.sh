#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/) with clang-14, AddressSanitizer and
# UBSan in build-fuzz/, and runs each for SECONDS (default 60) on a seed
# corpus made from examples/ (kept in build-fuzz/corpus/<harness>/, so later
# runs go on from what earlier ones found). Crashes land in
# build-fuzz/crashes/<harness>/ and make the script exit non-zero.
#
#   scripts/fuzz.sh              # every harness, 60 s each
#   scripts/fuzz.sh 600 extract  # one harness, 10 minutes
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SECONDS_EACH="${1:-60}"
shift || true
HARNESSES=("$@")
[ ${#HARNESSES[@]} -eq 0 ] && HARNESSES=(load convert segment extract search)
CXX_BIN="${CXX_FUZZ:-clang++-14}"
# Needs Debian's clang-14 and its libFuzzer/sanitizer runtimes.
if ! command -v "$CXX_BIN" >/dev/null || ! dpkg -s libclang-rt-14-dev >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get install -y clang-14 libclang-rt-14-dev
fi
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER="$CXX_BIN" -DCAIRN_FUZZ=ON -DCAIRN_SANITIZE=ON \
  -DCAIRN_BUILD_TESTS=OFF -DCAIRN_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target $(printf 'fuzz_%s ' "${HARNESSES[@]}")
status=0
for h in "${HARNESSES[@]}"; do
  corpus="build-fuzz/corpus/$h"
  crashes="build-fuzz/crashes/$h"
  mkdir -p "$corpus" "$crashes"
  # Seeds: the example documents (and, for search, a few queries).
  for f in examples/documents/*; do
    [ -f "$f" ] || continue
    case "$h" in
      load|convert) printf '\x00' | cat - "$f" >"$corpus/seed_0_$(basename "$f")"
                    printf '\x02' | cat - "$f" >"$corpus/seed_2_$(basename "$f")" ;;
      search) ;;
      *) cp "$f" "$corpus/seed_$(basename "$f")" ;;
    esac
  done
  if [ "$h" = search ]; then
    printf 'Tumen River' >"$corpus/q1"; printf 'repatriat*' >"$corpus/q2"
    printf '"Kim" OR NEAR(a b)' >"$corpus/q3"
  fi
  echo "== fuzz_$h: ${SECONDS_EACH}s"
  if ! ASAN_OPTIONS=detect_leaks=0 "build-fuzz/fuzz/fuzz_$h" -max_total_time="$SECONDS_EACH" \
      -max_len=65536 -timeout=20 -rss_limit_mb=2048 -artifact_prefix="$crashes/" \
      -print_final_stats=1 "$corpus" 2>"build-fuzz/fuzz_$h.log"; then
    status=1
    echo "fuzz_$h: CRASH (see $crashes and build-fuzz/fuzz_$h.log)"
  fi
  grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "build-fuzz/fuzz_$h.log" | tail -2 || true
done
exit $status
