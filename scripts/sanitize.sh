#!/usr/bin/env bash
# Builds Cairn with AddressSanitizer and UndefinedBehaviorSanitizer in
# build-asan/ (RelWithDebInfo, -DCAIRN_SANITIZE=ON, no benchmarks) and runs
# the test suite under them. Any sanitizer report fails the test that
# triggered it (UBSan does not recover; ASan aborts on the first error).
# .ci/run calls it after the ordinary build (CAIRN_CI_SANITIZE=0 skips it).
#
# Environment:
#   ASAN_BUILD_DIR  build folder (default: build-asan)
#   JOBS            parallel build and test jobs (default: number of cores)
#   CTEST_ARGS      extra ctest arguments (e.g. -R store_test)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${ASAN_BUILD_DIR:-$ROOT/build-asan}"
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"

"$ROOT/scripts/setup.sh" --deps-only

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCAIRN_SANITIZE=ON -DCAIRN_BUILD_BENCH=OFF "${launcher[@]}"
fi
cmake --build "$BUILD_DIR" -j "$JOBS"

# halt_on_error: the first report ends the process, so the test fails.
# detect_leaks: leaks fail too, except inside the system libraries listed in
# scripts/lsan.supp (fontconfig's and Tesseract's caches live until exit).
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:detect_stack_use_after_return=0:strict_string_checks=1"
export LSAN_OPTIONS="suppressions=$ROOT/scripts/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
# The browser test drives Chromium against the instrumented server: its time
# is Chromium's, not Cairn's, and the same server code runs in server_test.
# shellcheck disable=SC2086
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS" -E '^web_browser$' \
  --timeout 900 ${CTEST_ARGS:-}
