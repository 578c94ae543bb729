# Sourced by the benchmark scripts: builds the benchmarks (and so the server) in Release and starts the server on a fresh
# SQLite database in $work with a bootstrap administrator AccessKey ($key, $secret) at http://localhost:$port; the
# server is stopped and $work removed on exit. Needs: repo, work, port, key, secret.
dotnet build -c Release "$repo/tests/RamConsole.Benchmarks" -v q -nologo >/dev/null
(
  cd "$repo/src/RamConsole.Web"
  ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://localhost:$port" ConnectionStrings__Ram="Data Source=$work/ram.db" \
  Logs__Directory="$work/logs" Bootstrap__AdminUserName=benchmark Bootstrap__AdminAccessKeyId="$key" Bootstrap__AdminAccessKeySecret="$secret" \
    exec dotnet bin/Release/net10.0/RamConsole.Web.dll >"$work/server.log" 2>&1
) &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 60); do curl -s -o /dev/null "http://localhost:$port/Account/Login" && break; sleep 0.5; done
