using RamConsole.Core.Policies;
using RamConsole.Core.Roles;
using RamConsole.Core.Tests.Support;
using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.Roles;

public sealed class RoleUseCaseTests
{
    private static string Trust(string account) => $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::{{{account}}}:root"}}]}""";

    [Fact]
    public async Task A_role_is_created_with_a_trust_policy_and_its_ARN()
    {
        await using var host = await CoreHost.StartAsync();

        var role = await host.Use<RoleUseCases>().CreateAsync(host.Root, new("redis-ops", Trust(host.AccountId), "Redis operators", 7200));

        Assert.Equal($"acs:ram::{host.AccountId}:role/redis-ops", role.Arn);
        Assert.Equal(7200, role.MaxSessionDuration);
        Assert.Equal(("redis-ops", 1), (role.RoleName, (await host.Use<RoleUseCases>().ListAsync(host.Root, null, 0, 10)).TotalCount));
    }

    [Fact]
    public async Task Bad_role_input_is_refused_with_its_code()
    {
        await using var host = await CoreHost.StartAsync();
        var roles = host.Use<RoleUseCases>();
        var identityDocument = """{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}""";

        Assert.Equal("MalformedPolicyDocument", await CodeOf(() => roles.CreateAsync(host.Root, new("r1", identityDocument))));
        Assert.Equal("InvalidParameter.MaxSessionDuration", await CodeOf(() => roles.CreateAsync(host.Root, new("r1", Trust(host.AccountId), MaxSessionDuration: 3599))));
        Assert.Equal("InvalidParameter.MaxSessionDuration", await CodeOf(() => roles.CreateAsync(host.Root, new("r1", Trust(host.AccountId), MaxSessionDuration: 43201))));
        Assert.Equal("InvalidParameter.RoleName.InvalidChars", await CodeOf(() => roles.CreateAsync(host.Root, new("r_1", Trust(host.AccountId)))));
        await roles.CreateAsync(host.Root, new("r1", Trust(host.AccountId)));
        Assert.Equal("EntityAlreadyExists.Role", await CodeOf(() => roles.CreateAsync(host.Root, new("R1", Trust(host.AccountId)))));
        Assert.Equal("EntityNotExist.Role", await CodeOf(() => roles.GetAsync(host.Root, "r2")));
    }

    [Fact]
    public async Task A_trust_policy_change_is_audited_with_before_and_after_and_a_role_with_policies_cannot_be_deleted()
    {
        await using var host = await CoreHost.StartAsync();
        var roles = host.Use<RoleUseCases>();
        await roles.CreateAsync(host.Root, new("r1", Trust(host.AccountId)));
        await roles.UpdateAsync(host.Root, new("r1", NewAssumeRolePolicyDocument: Trust("9999999999999999")));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "System", "AliyunKvstoreFullAccess", PrincipalKind.Role, "r1");

        Assert.Equal("DeleteConflict.Role.Policy", await CodeOf(() => roles.DeleteAsync(host.Root, "r1")));
        await using var db = host.NewDb();
        var change = db.AuditEvents.Single(e => e.Action == "ram:UpdateRole");
        Assert.Contains(host.AccountId, change.Before);
        Assert.Contains("9999999999999999", change.After);
    }
}
