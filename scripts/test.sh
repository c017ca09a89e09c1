#!/usr/bin/env bash
# Builds Cairn (configuring build/ first if needed) and runs every test with
# CTest. Exits non-zero when the build or any test fails.
#
# Environment:
#   BUILD_DIR   build folder (default: build)
#   BUILD_TYPE  CMake build type for a fresh configure (default: RelWithDebInfo)
#   JOBS        parallel build and test jobs (default: number of cores)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}"
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"

# Install whatever Debian packages are missing (a no-op when all are there).
"$ROOT/scripts/setup.sh" --deps-only

if [ ! -f "$BUILD_DIR/build.ninja" ] && [ ! -f "$BUILD_DIR/Makefile" ]; then
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE"
fi
cmake --build "$BUILD_DIR" -j "$JOBS"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS"
