using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.Account;
using RamConsole.Tests.Shared;
using Xunit.Abstractions;

namespace RamConsole.E2E.Compat;

/// <summary>
/// The official Alibaba Cloud Node SDKs (@alicloud/ram20150501 and sts20150401 on openapi-core — signature V3 — and
/// pop-core — V1), installed with `npm ci` from the committed lock file, drive the real server on a real port: create a
/// user and a key, create a role trusting the account, assume it, call GetCallerIdentity with the STS token, and get a
/// typed 403 NoPermission for a write the role may not do; then IMS (@alicloud/ims20190815) generates and reads the
/// credential report.
/// </summary>
public sealed class SdkCompatibilityTests(ITestOutputHelper output)
{
    private const string KeyId = "LTAIsdkcompat00000000001", KeySecret = "SdkCompatSecret000000000000001";

    [Fact]
    public async Task The_official_SDKs_work_against_RamConsole_unchanged()
    {
        var directory = CompatDirectory();
        await RunAsync("npm", "ci --no-audit --no-fund", directory, new Dictionary<string, string>(), TimeSpan.FromMinutes(5));

        var port = FreePort();
        await using var factory = new RamConsoleFactory(new Dictionary<string, string?>
        {
            ["Bootstrap:AdminUserName"] = "sdk-admin",
            ["Bootstrap:AdminAccessKeyId"] = KeyId,
            ["Bootstrap:AdminAccessKeySecret"] = KeySecret,
        });
        factory.UseKestrel(o => o.ListenLocalhost(port));
        factory.StartServer();
        var account = factory.Services.GetRequiredService<RamAccount>().AccountId;

        var stdout = await RunAsync("node", "compat.cjs", directory, new Dictionary<string, string>
        {
            ["RAMCONSOLE_ENDPOINT"] = $"localhost:{port}", ["RAMCONSOLE_AK"] = KeyId, ["RAMCONSOLE_SK"] = KeySecret, ["RAMCONSOLE_ACCOUNT"] = account,
        }, TimeSpan.FromMinutes(2));

        var steps = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["CreateUser+CreateAccessKey", "CreateRole+Attach", "AssumeRole", "GetCallerIdentity", "CreateUser as role", "GetUser (V1, pop-core)",
            "Generate+GetCredentialReport (IMS)"],
            steps.Select(s => s.GetProperty("step").GetString()));
        Assert.All(steps, s => Assert.True(s.GetProperty("ok").GetBoolean(), s.ToString()));
        Assert.Contains(steps, s => s.TryGetProperty("code", out var code) && code.GetString() == "NoPermission");
    }

    private async Task<string> RunAsync(string file, string arguments, string directory, IDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        output.WriteLine($"$ {file} {arguments}\n{await stdout}\n{await stderr}");
        Assert.True(process.ExitCode == 0, $"{file} {arguments} exited {process.ExitCode}: {await stderr}{await stdout}");
        return await stdout;
    }

    private static string CompatDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "RamConsole.E2E", "Compat");
            if (File.Exists(Path.Combine(candidate, "package-lock.json"))) return candidate;
        }
        throw new DirectoryNotFoundException("tests/RamConsole.E2E/Compat not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
