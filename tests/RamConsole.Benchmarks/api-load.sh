#!/usr/bin/env bash
# Issue 6's API benchmark: a Release server on a fresh SQLite database (bootstrap admin key), pre-signed V1 requests,
# and wrk at 32 connections on the same machine. Prints req/s and p50/p99 for GetCallerIdentity (signed with the
# AccessKey, then with a role session's STS token) and AssumeRole.
#   [CALLS="gci sts assume"] tests/RamConsole.Benchmarks/api-load.sh [seconds=10] [connections=32]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-10}" connections="${2:-32}" port=5253
work="$(mktemp -d)"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
key=LTAIapiload0000000000001 secret="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
. "$repo/tests/RamConsole.Benchmarks/release-server.sh"
# Enough distinct requests for 40k/s over a 10-second warm-up (JIT tiering is slow while the CPU is saturated) and the run; signed now, valid for 15 minutes.
warm=10
count=$(( (seconds + warm) * 40000 ))
dotnet "$repo/tests/RamConsole.Benchmarks/bin/Release/net10.0/RamConsole.Benchmarks.dll" --presign "http://localhost:$port" "$key" "$secret" "$count" "$work"
threads=2
for call in ${CALLS:-gci sts assume}; do
  # warm up at full load (JIT tiering, pools, caches) on requests the measured run does not send
  head -n $(( warm * 40000 )) "$work/$call.txt" > "$work/$call-warm.txt"
  tail -n +$(( warm * 40000 + 1 )) "$work/$call.txt" > "$work/$call-run.txt"
  wrk -t$threads -c"$connections" -d"${warm}s" -s "$repo/tests/RamConsole.Benchmarks/api-load.lua" "http://localhost:$port" -- "$work/$call-warm.txt" $threads >/dev/null
  case $call in gci) label="GetCallerIdentity:" ;; sts) label="  with STS token:" ;; *) label="AssumeRole:" ;; esac
  printf '%-18s ' "$label"
  wrk -t$threads -c"$connections" -d"${seconds}s" -s "$repo/tests/RamConsole.Benchmarks/api-load.lua" "http://localhost:$port" -- "$work/$call-run.txt" $threads | tail -n 1
done
echo "audit events written: $(sqlite3 "$work/ram.db" 'select count(*) from AuditEvents' 2>/dev/null || echo '(sqlite3 not installed)')"
