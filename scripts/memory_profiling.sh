#!/usr/bin/env bash
# The original suite's memory entry point, kept for people who know it: memory sampling, growth
# verdicts and memory_summary.md for one target (a suite of the config or of the built-in demo) or
# all of them. A thin wrapper over `profile memory`; extra flags pass through (e.g. --workload
# watcher, --duration 60, --interval 50, --json).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:-all}"
[ $# -gt 0 ] && shift
exec node "$here/bin/profile.js" memory "$target" "$@"
