#!/usr/bin/env bash
# Issue 13's federation benchmark: a Release server on a fresh SQLite database (bootstrap admin key), then
# AssumeRole, AssumeRoleWithOIDC and AssumeRoleWithSAML side by side at a fixed concurrency (FederationLoad.cs).
#   tests/RamConsole.Benchmarks/federation-load.sh [seconds=10] [connections=32]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-10}" connections="${2:-32}" port=5253
work="$(mktemp -d)"
dotnet build -c Release "$repo/tests/RamConsole.Benchmarks" -v q -nologo >/dev/null
key=LTAIfedload0000000000001 secret="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
(
  cd "$repo/src/RamConsole.Web"
  ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://localhost:$port" ConnectionStrings__Ram="Data Source=$work/ram.db" \
  Logs__Directory="$work/logs" Bootstrap__AdminUserName=fedload Bootstrap__AdminAccessKeyId="$key" Bootstrap__AdminAccessKeySecret="$secret" \
    exec dotnet bin/Release/net10.0/RamConsole.Web.dll >"$work/server.log" 2>&1
) &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 60); do curl -s -o /dev/null "http://localhost:$port/Account/Login" && break; sleep 0.5; done
dotnet "$repo/tests/RamConsole.Benchmarks/bin/Release/net10.0/RamConsole.Benchmarks.dll" --federation-load "http://localhost:$port" "$key" "$secret" "$connections" "$seconds"
