#!/usr/bin/env bash
# The original suite's entry point, kept for people who know it: CPU flamegraphs of one target
# (a suite of the config or of the built-in demo) or of all of them. A thin wrapper over
# `profile cpu`; extra flags pass through (e.g. --engine 0x, --workload simple).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:-all}"
[ $# -gt 0 ] && shift
exec node "$here/bin/profile.js" cpu "$target" "$@"
