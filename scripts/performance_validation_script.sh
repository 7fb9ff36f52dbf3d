#!/usr/bin/env bash
# The original suite's entry point, kept for people who know it: the full validation of every suite
# (or one), with CPU and memory profiles linked from the report. A thin wrapper over
# `profile validate --with-profiles`; extra flags pass through (e.g. --baseline main
# --fail-on-regression 10%, the original's 110% alert).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:-all}"
[ $# -gt 0 ] && shift
exec node "$here/bin/profile.js" validate "$target" --with-profiles "$@"
