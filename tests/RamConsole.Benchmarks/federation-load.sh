#!/usr/bin/env bash
# Issue 13's federation benchmark: a Release server on a fresh SQLite database (bootstrap admin key), then
# AssumeRole, AssumeRoleWithOIDC and AssumeRoleWithSAML side by side at a fixed concurrency (FederationLoad.cs).
#   tests/RamConsole.Benchmarks/federation-load.sh [seconds=10] [connections=32]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-10}" connections="${2:-32}" port=5253
work="$(mktemp -d)"
key=LTAIfedload0000000000001 secret="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
. "$repo/tests/RamConsole.Benchmarks/release-server.sh"
dotnet "$repo/tests/RamConsole.Benchmarks/bin/Release/net10.0/RamConsole.Benchmarks.dll" --federation-load "http://localhost:$port" "$key" "$secret" "$connections" "$seconds"
