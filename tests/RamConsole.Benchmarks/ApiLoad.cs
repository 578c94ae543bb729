using RamConsole.Tests.Shared;

namespace RamConsole.Benchmarks;

/// <summary>
/// A loopback load generator for the RPC API (issue 6): signed GetCallerIdentity and AssumeRole at a fixed number of
/// concurrent connections for a fixed time, reporting requests/s and p50/p99. Run it against a Release server, e.g.
///   dotnet run -c Release --project tests/RamConsole.Benchmarks -- --api-load http://localhost:5253 LTAI… secret 32 10
/// (tests/RamConsole.Benchmarks/api-load.sh starts such a server on a fresh database and runs it). The key needs
/// AdministratorAccess: the run creates (or reuses) a role "api-load" trusting the account to assume.
/// The load generator shares the 2-core machine with the server, as the issue asks.
/// </summary>
internal static class ApiLoad
{
    public static async Task RunAsync(string baseUrl, string keyId, string secret, int connections, int seconds)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
        var client = new RpcClient(http, keyId, secret);
        var roleArn = await LoadRoleAsync(client);
        foreach (var (name, call) in new (string, Func<Task<int>>)[]
        {
            ("GetCallerIdentity (V3)", async () => (await client.V3Async("2015-04-01", "GetCallerIdentity")).Status),
            ("AssumeRole (V1)", async () => (await client.V1Async("2015-04-01", "AssumeRole", new Dictionary<string, string> { ["RoleArn"] = roleArn, ["RoleSessionName"] = "load", ["DurationSeconds"] = "900" })).Status),
        })
        {
            for (var i = 0; i < 200; i++) await call(); // warm-up
            await LoadMeasure.RunAsync(name, "req/s", call, connections, seconds);
        }
    }

    /// <summary>The ARN of the role "api-load", created on first use with a trust policy naming the account.</summary>
    private static async Task<string> LoadRoleAsync(RpcClient client)
    {
        var (status, identity) = await client.V1Async("2015-04-01", "GetCallerIdentity");
        if (status != 200) throw new InvalidOperationException($"GetCallerIdentity failed: {identity}");
        var account = identity.GetProperty("AccountId").GetString();
        var trust = $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::{{{account}}}:root"]}}]}""";
        var (created, body) = await client.V1Async("2015-05-01", "CreateRole", new Dictionary<string, string>
        {
            ["RoleName"] = "api-load", ["AssumeRolePolicyDocument"] = trust,
        });
        if (created != 200 && body.GetProperty("Code").GetString() != "EntityAlreadyExists.Role") throw new InvalidOperationException($"CreateRole failed: {body}");
        return $"acs:ram::{account}:role/api-load";
    }

    /// <summary>
    /// Writes <paramref name="count"/> signed V1 GET paths (distinct nonces, valid for 15 minutes) per call into
    /// <c>gci.txt</c>, <c>sts.txt</c> (GetCallerIdentity signed with a role session's STS token) and <c>assume.txt</c>
    /// under <paramref name="directory"/>, for wrk (api-load.lua) to replay: the signing happens before the clock
    /// starts, so the measurement is the server's work.
    /// </summary>
    public static async Task PresignAsync(string baseUrl, string keyId, string secret, int count, string directory)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var client = new RpcClient(http, keyId, secret);
        var roleArn = await LoadRoleAsync(client);
        Directory.CreateDirectory(directory);
        await File.WriteAllLinesAsync(Path.Combine(directory, "gci.txt"),
            Enumerable.Range(0, count).Select(_ => client.V1Path("2015-04-01", "GetCallerIdentity")));
        var (status, assumed) = await client.V1Async("2015-04-01", "AssumeRole",
            new Dictionary<string, string> { ["RoleArn"] = roleArn, ["RoleSessionName"] = "load-sts", ["DurationSeconds"] = "3600" });
        if (status != 200) throw new InvalidOperationException($"AssumeRole failed: {assumed}");
        var credentials = assumed.GetProperty("Credentials");
        var session = new RpcClient(http, credentials.GetProperty("AccessKeyId").GetString()!, credentials.GetProperty("AccessKeySecret").GetString()!,
            credentials.GetProperty("SecurityToken").GetString());
        await File.WriteAllLinesAsync(Path.Combine(directory, "sts.txt"),
            Enumerable.Range(0, count).Select(_ => session.V1Path("2015-04-01", "GetCallerIdentity")));
        await File.WriteAllLinesAsync(Path.Combine(directory, "assume.txt"), Enumerable.Range(0, count).Select(_ => client.V1Path("2015-04-01", "AssumeRole",
            new Dictionary<string, string> { ["RoleArn"] = roleArn, ["RoleSessionName"] = "load", ["DurationSeconds"] = "900" })));
    }
}
