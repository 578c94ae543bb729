using System.Diagnostics;
using System.Text.Json;
using RamConsole.Core;
using RamConsole.Core.Account;
using RamConsole.Core.Authorization;
using RamConsole.Core.Mfa;
using RamConsole.Core.Persistence;
using RamConsole.Core.Policies;
using RamConsole.Core.Roles;
using RamConsole.Core.Users;
using RamConsole.Tests.Shared;
using Xunit.Abstractions;

namespace RamConsole.E2E.Cluster;

/// <summary>
/// Moving up from one node: an embedded SQLite installation (users, AccessKeys, an MFA device, a role, a custom policy,
/// audit events) copied by <c>copy-database</c> into an empty PostgreSQL database, then a PostgreSQL node answers the
/// same AccessKey-signed calls, opens the STS token issued before the move, and accepts the TOTP device's codes.
/// </summary>
public sealed class CopyDatabaseTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ramconsole-copy-" + Guid.NewGuid().ToString("N"));
    private string _target = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _target = await PostgresForTests.CreateDatabaseAsync(migrated: false);
    }


    private async Task<(int Exit, string Output)> VerbAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ClusterNodeProcess.WebAssembly());
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ConnectionStrings__Ram"] = $"Data Source={Path.Combine(_directory, "ram.db")}";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        output.WriteLine(await stdout + stderr);
        return (process.ExitCode, await stdout + stderr);
    }

    [Fact]
    public async Task An_SQLite_installation_copied_to_PostgreSQL_keeps_its_AccessKeys_tokens_and_MFA_devices_working()
    {
        string keyId, keySecret, token, tokenKeyId, tokenSecret, totpSecret, aliceId;
        await using (var sqlite = new InProcessCore(new Dictionary<string, string?>
            { ["ConnectionStrings:Ram"] = $"Data Source={Path.Combine(_directory, "ram.db")}", ["Bootstrap:RootPassword"] = "Root-Passw0rd-Copy-Tests" }, _directory))
        {
            await RamDatabase.MigrateAsync(sqlite.Services);
            await sqlite.Use<AccountBootstrap>().RunAsync();
            var root = sqlite.Root;
            var account = sqlite.AccountId;
            var key = await sqlite.AdministratorAsync("ci");
            (keyId, keySecret) = (key.AccessKeyId, key.AccessKeySecret);
            await sqlite.Use<CreatePolicy>().RunAsync(root, new("read-users", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:GetUser","Resource":"*"}]}"""));
            var trust = JsonSerializer.Serialize(new { Statement = new[] { new { Action = "sts:AssumeRole", Effect = "Allow", Principal = new { RAM = new[] { $"acs:ram::{account}:root" } } } }, Version = "1" });
            await sqlite.Use<RoleUseCases>().CreateAsync(root, new("deploy", trust, null, null));
            await sqlite.Use<PolicyAttachments>().AttachAsync(root, "Custom", "read-users", PrincipalKind.Role, "deploy");
            var ci = new Caller { Type = PrincipalKind.User, Arn = Arns.User(account, "ci"), Name = "ci", DisplayName = "ci", Channel = CallChannel.Api };
            var assumed = await sqlite.Use<Core.Sts.AssumeRole>().RunAsync(ci, new($"acs:ram::{account}:role/deploy", "moved"));
            (token, tokenKeyId, tokenSecret) = (assumed.SecurityToken, assumed.Session.AccessKeyId, assumed.Session.AccessKeySecret);
            await sqlite.Use<CreateUser>().RunAsync(root, new("alice"));
            var setup = await sqlite.Use<TotpDevices>().BeginTotpAsync(root, "alice");
            var secret = TotpCodes.FromBase32(setup.SecretBase32)!;
            var step = TotpCodes.StepAt(DateTimeOffset.UtcNow);
            await sqlite.Use<TotpDevices>().BindTotpAsync(root, "alice", setup.ProtectedSecret, TotpCodes.CodeAt(secret, step - 1), TotpCodes.CodeAt(secret, step));
            totpSecret = setup.SecretBase32;
            await using var db = sqlite.NewDb();
            aliceId = db.Users.Single(u => u.UserName == "alice").Id;
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var (exit, copied) = await VerbAsync("copy-database", "--to-provider", "PostgreSQL", "--to", _target);
        Assert.True(exit == 0, copied);
        Assert.Contains("the counts match", copied);
        Assert.Matches(@"AccessKeys\s+1\s+→\s+1", copied);
        Assert.Matches(@"DataProtectionKeys\s+1\s+→\s+1", copied);
        var (again, refused) = await VerbAsync("copy-database", "--to-provider", "PostgreSQL", "--to", _target);
        Assert.Equal(1, again);
        Assert.Contains("not empty", refused);

        var logs = Path.GetDirectoryName(Support.Browser.ArtifactPath("copy.txt"))!;
        await using var node = new ClusterNodeProcess("copied", Support.NodeScripts.FreePort(), new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Database__Provider"] = "PostgreSQL", ["ConnectionStrings__Ram"] = _target,
        }, logs);
        await node.StartAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };

        var (status, identity) = await new RpcClient(http, keyId, keySecret).V1Async("2015-04-01", "GetCallerIdentity");
        Assert.Equal(200, status);
        Assert.EndsWith("user/ci", identity.GetProperty("Arn").GetString());
        var (roleStatus, role) = await new RpcClient(http, tokenKeyId, tokenSecret, token).V1Async("2015-04-01", "GetCallerIdentity");
        Assert.Equal(200, roleStatus);
        Assert.Equal("AssumedRoleUser", role.GetProperty("IdentityType").GetString());
        Assert.Equal(200, (await new RpcClient(http, tokenKeyId, tokenSecret, token).V1Async("2015-05-01", "GetUser", new Dictionary<string, string> { ["UserName"] = "alice" })).Status);
        var (created, _) = await new RpcClient(http, keyId, keySecret).V1Async("2015-05-01", "CreateUser", new Dictionary<string, string> { ["UserName"] = "after-the-move" });
        Assert.Equal(200, created); // identity sequences continue after the copied ids

        await using var postgres = new InProcessCore(new Dictionary<string, string?> { ["Database:Provider"] = "PostgreSQL", ["ConnectionStrings:Ram"] = _target }, _directory);
        var code = TotpCodes.CodeAt(TotpCodes.FromBase32(totpSecret)!, TotpCodes.StepAt(DateTimeOffset.UtcNow) + 1);
        Assert.NotNull(await postgres.Use<SecondFactor>().VerifyCodeAsync(aliceId, code, "198.51.100.9"));
    }

    public async Task DisposeAsync()
    {
        if (_target.Length > 0) await PostgresForTests.DropDatabaseAsync(_target);
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
