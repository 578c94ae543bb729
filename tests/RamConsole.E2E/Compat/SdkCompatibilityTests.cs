using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.Account;
using RamConsole.E2E.Support;
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
        var port = NodeScripts.FreePort();
        await using var factory = new RamConsoleFactory(new Dictionary<string, string?>
        {
            ["Bootstrap:AdminUserName"] = "sdk-admin",
            ["Bootstrap:AdminAccessKeyId"] = KeyId,
            ["Bootstrap:AdminAccessKeySecret"] = KeySecret,
        });
        factory.UseKestrel(o => o.ListenLocalhost(port));
        factory.StartServer();
        var account = factory.Services.GetRequiredService<RamAccount>().AccountId;

        var steps = await NodeScripts.RunAsync("compat.cjs", new Dictionary<string, string>
        {
            ["RAMCONSOLE_ENDPOINT"] = $"localhost:{port}", ["RAMCONSOLE_AK"] = KeyId, ["RAMCONSOLE_SK"] = KeySecret, ["RAMCONSOLE_ACCOUNT"] = account,
        }, output);

        Assert.Equal(["CreateUser+CreateAccessKey", "CreateRole+Attach", "AssumeRole", "GetCallerIdentity", "CreateUser as role", "GetUser (V1, pop-core)",
            "Generate+GetCredentialReport (IMS)"],
            steps.Select(s => s.GetProperty("step").GetString()));
        Assert.All(steps, s => Assert.True(s.GetProperty("ok").GetBoolean(), s.ToString()));
        Assert.Contains(steps, s => s.TryGetProperty("code", out var code) && code.GetString() == "NoPermission");
    }
}
