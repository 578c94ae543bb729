using RamConsole.Core;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Account;
using RamConsole.Core.Authorization;
using RamConsole.Core.Policies;
using RamConsole.Core.Roles;
using RamConsole.Core.Users;
using RamConsole.Tests.Shared;
using Ops = RamConsole.Web.Api.ApiOperations;

namespace RamConsole.Web.Tests.Api;

/// <summary>AssumeRole and requests signed with the STS credentials it returns.</summary>
public sealed class StsApiTests : IAsyncLifetime
{
    private readonly RamConsoleFactory _factory = new();
    private RpcClient _user = null!;
    private string _roleArn = "";

    public async Task InitializeAsync()
    {
        _factory.CreateClient();
        using var scope = _factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var account = services.GetRequiredService<RamAccount>();
        var root = RootOf(services);
        await services.GetRequiredService<CreateUser>().RunAsync(root, new("ci-bot"));
        await services.GetRequiredService<PolicyAttachments>().AttachAsync(root, "System", "AliyunSTSAssumeRoleAccess", PrincipalKind.User, "ci-bot");
        var role = await services.GetRequiredService<RoleUseCases>().CreateAsync(root, new("auditor",
            $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::{{{account.AccountId}}}:root"}}]}""", MaxSessionDuration: 7200));
        await services.GetRequiredService<PolicyAttachments>().AttachAsync(root, "System", "AliyunRAMReadOnlyAccess", PrincipalKind.Role, "auditor");
        _roleArn = role.Arn;
        var key = await services.GetRequiredService<AccessKeyUseCases>().CreateAsync(root, "ci-bot");
        _user = new RpcClient(_factory.CreateClient(), key.AccessKeyId, key.AccessKeySecret);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<(RpcClient Client, JsonElement Credentials)> AssumeAsync(string? sessionPolicy = null, string duration = "3600")
    {
        var parameters = new Dictionary<string, string> { ["RoleArn"] = _roleArn, ["RoleSessionName"] = "nightly-audit", ["DurationSeconds"] = duration };
        if (sessionPolicy is not null) parameters["Policy"] = sessionPolicy;
        var (status, body) = await _user.V1Async(Ops.Sts, "AssumeRole", parameters);
        Assert.True(status == 200, body.ToString());
        var credentials = body.GetProperty("Credentials");
        return (new RpcClient(_factory.CreateClient(), credentials.GetProperty("AccessKeyId").GetString()!, credentials.GetProperty("AccessKeySecret").GetString()!,
            credentials.GetProperty("SecurityToken").GetString()), credentials);
    }

    [Fact]
    public async Task A_user_assumes_the_role_and_its_credentials_act_as_the_role_session()
    {
        var (sts, credentials) = await AssumeAsync();

        Assert.StartsWith("STS.", credentials.GetProperty("AccessKeyId").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", credentials.GetProperty("Expiration").GetString());
        var (status, identity) = await sts.V3Async(Ops.Sts, "GetCallerIdentity");
        Assert.Equal(200, status);
        Assert.Equal("AssumedRoleUser", identity.GetProperty("IdentityType").GetString());
        Assert.Equal($"{_roleArn}/nightly-audit", identity.GetProperty("Arn").GetString());
        Assert.Equal(200, (await sts.V1Async(Ops.Ram, "ListUsers")).Status); // the role's AliyunRAMReadOnlyAccess
        var (writeStatus, write) = await sts.V1Async(Ops.Ram, "CreateUser", new Dictionary<string, string> { ["UserName"] = "mallory" });
        Assert.Equal((403, "NoPermission"), (writeStatus, write.GetProperty("Code").GetString()));
        Assert.Equal("AssumedRoleUser", write.GetProperty("AccessDeniedDetail").GetProperty("AuthPrincipalType").GetString());
    }

    [Fact]
    public async Task A_session_policy_narrows_the_role()
    {
        var (sts, _) = await AssumeAsync("""{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:GetUser","Resource":"*"}]}""");

        var (status, body) = await sts.V1Async(Ops.Ram, "ListUsers");

        Assert.Equal(403, status);
        Assert.Equal("SessionPolicy", body.GetProperty("AccessDeniedDetail").GetProperty("PolicyType").GetString());
        Assert.Equal(200, (await sts.V1Async(Ops.Ram, "GetUser", new Dictionary<string, string> { ["UserName"] = "ci-bot" })).Status);
    }

    [Fact]
    public async Task Missing_forged_and_mismatched_tokens_and_bad_requests_get_their_codes()
    {
        var (_, credentials) = await AssumeAsync();
        var id = credentials.GetProperty("AccessKeyId").GetString()!;
        var secret = credentials.GetProperty("AccessKeySecret").GetString()!;
        var token = credentials.GetProperty("SecurityToken").GetString()!;
        var (_, other) = await AssumeAsync();

        await Expect(new RpcClient(_factory.CreateClient(), id, secret).V1Async(Ops.Sts, "GetCallerIdentity"), 400, "MissingSecurityToken");
        await Expect(new RpcClient(_factory.CreateClient(), id, secret, token[..^8] + "AAAAAAAA").V1Async(Ops.Sts, "GetCallerIdentity"), 400, "InvalidSecurityToken.Expired");
        await Expect(new RpcClient(_factory.CreateClient(), id, secret, other.GetProperty("SecurityToken").GetString()).V1Async(Ops.Sts, "GetCallerIdentity"), 400, "InvalidSecurityToken.MismatchWithAccessKey");
        await Expect(new RpcClient(_factory.CreateClient(), id, "not-the-secret", token).V1Async(Ops.Sts, "GetCallerIdentity"), 400, "SignatureDoesNotMatch");
        await Expect(_user.V1Async(Ops.Sts, "AssumeRole", new Dictionary<string, string> { ["RoleArn"] = _roleArn, ["RoleSessionName"] = "x" }), 400, "InvalidParameter.RoleSessionName");
        await Expect(_user.V1Async(Ops.Sts, "AssumeRole", new Dictionary<string, string> { ["RoleArn"] = _roleArn, ["RoleSessionName"] = "ok-name", ["DurationSeconds"] = "7201" }), 400, "InvalidParameter.DurationSeconds");
        await Expect(_user.V1Async(Ops.Sts, "AssumeRole", new Dictionary<string, string> { ["RoleArn"] = _roleArn + "x", ["RoleSessionName"] = "ok-name" }), 404, "EntityNotExist.Role");
    }

    [Fact]
    public async Task Revoking_the_roles_sessions_or_deleting_the_role_stops_issued_tokens()
    {
        var (sts, _) = await AssumeAsync();
        Assert.Equal(200, (await sts.V1Async(Ops.Sts, "GetCallerIdentity")).Status);
        await AsRootAsync(s => s.GetRequiredService<RamConsole.Core.Sts.RevokeRoleSessions>().RunAsync(RootOf(s), "auditor"));

        await Expect(sts.V1Async(Ops.Sts, "GetCallerIdentity"), 400, "InvalidSecurityToken.Expired");
        var (fresh, _) = await AssumeAsync();
        Assert.Equal(200, (await fresh.V1Async(Ops.Sts, "GetCallerIdentity")).Status);
        await AsRootAsync(async s =>
        {
            await s.GetRequiredService<PolicyAttachments>().DetachAsync(RootOf(s), "System", "AliyunRAMReadOnlyAccess", PrincipalKind.Role, "auditor");
            await s.GetRequiredService<RoleUseCases>().DeleteAsync(RootOf(s), "auditor");
        });
        await Expect(fresh.V1Async(Ops.Sts, "GetCallerIdentity"), 400, "InvalidSecurityToken.Expired");
    }

    [Fact]
    public async Task Revoking_the_users_STS_sessions_stops_the_tokens_it_obtained_but_not_its_AccessKey()
    {
        var (sts, _) = await AssumeAsync();
        await AsRootAsync(s => s.GetRequiredService<RamConsole.Core.Sts.RevokeUserStsSessions>().RunAsync(RootOf(s), "ci-bot"));

        await Expect(sts.V1Async(Ops.Sts, "GetCallerIdentity"), 400, "InvalidSecurityToken.Expired");
        Assert.Equal(200, (await _user.V1Async(Ops.Sts, "GetCallerIdentity")).Status);
        var (fresh, _) = await AssumeAsync();
        Assert.Equal(200, (await fresh.V1Async(Ops.Sts, "GetCallerIdentity")).Status);
    }

    [Fact]
    public async Task A_role_session_assumes_another_role_and_ends_with_the_session_it_came_from()
    {
        await AsRootAsync(async s =>
        {
            var trust = $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::{{{s.GetRequiredService<RamAccount>().AccountId}}}:root"}}]}""";
            await s.GetRequiredService<RoleUseCases>().CreateAsync(RootOf(s), new("deployer", trust));
            await s.GetRequiredService<PolicyAttachments>().AttachAsync(RootOf(s), "System", "AliyunSTSAssumeRoleAccess", PrincipalKind.Role, "auditor");
        });
        var (auditor, _) = await AssumeAsync(duration: "900");

        var (status, body) = await auditor.V3Async(Ops.Sts, "AssumeRole", new Dictionary<string, string>
        {
            ["RoleArn"] = _roleArn.Replace("auditor", "deployer"), ["RoleSessionName"] = "release", ["DurationSeconds"] = "3600",
        });
        Assert.True(status == 200, body.ToString());
        var credentials = body.GetProperty("Credentials");
        var deployer = new RpcClient(_factory.CreateClient(), credentials.GetProperty("AccessKeyId").GetString()!,
            credentials.GetProperty("AccessKeySecret").GetString()!, credentials.GetProperty("SecurityToken").GetString());
        var expires = DateTimeOffset.Parse(credentials.GetProperty("Expiration").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(expires <= DateTimeOffset.UtcNow.AddSeconds(900), $"the chained session outlives its parent: {expires:O}");
        var (_, identity) = await deployer.V1Async(Ops.Sts, "GetCallerIdentity");
        Assert.EndsWith(":role/deployer/release", identity.GetProperty("Arn").GetString());

        await AsRootAsync(s => s.GetRequiredService<RamConsole.Core.Sts.RevokeRoleSessions>().RunAsync(RootOf(s), "auditor"));

        await Expect(deployer.V1Async(Ops.Sts, "GetCallerIdentity"), 400, "InvalidSecurityToken.Expired");
    }

    private static Caller RootOf(IServiceProvider services)
    {
        var account = services.GetRequiredService<RamAccount>();
        return new Caller { Type = PrincipalKind.Root, Arn = account.RootArn, Name = "root", DisplayName = "root", Channel = CallChannel.Console };
    }

    /// <summary>Arranges through the real use cases, as root.</summary>
    private async Task AsRootAsync(Func<IServiceProvider, Task> arrange)
    {
        using var scope = _factory.Services.CreateScope();
        await arrange(scope.ServiceProvider);
    }

    private static async Task Expect(Task<(int Status, JsonElement Body)> call, int status, string code)
    {
        var (actual, body) = await call;
        Assert.Equal((status, code), (actual, body.GetProperty("Code").GetString()));
    }
}
