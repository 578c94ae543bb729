using RamConsole.Core.Policies;
using RamConsole.Core.Roles;
using RamConsole.Core.Sts;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;

namespace RamConsole.Core.Tests.Sts;

public sealed class AssumableRolesTests
{
    [Fact]
    public async Task A_user_sees_only_the_roles_it_may_assume_unless_it_may_list_roles()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice"));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "System", "AliyunSTSAssumeRoleAccess", PrincipalKind.User, "alice");
        foreach (var (role, principal) in new[] { ("open", $"acs:ram::{host.AccountId}:root"), ("secret-ops", $"acs:ram::{host.AccountId}:user/bob") })
        {
            await host.Use<RoleUseCases>().CreateAsync(host.Root, new(role,
                $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"{{{principal}}}"}}]}"""));
        }

        var seen = await host.Use<AssumableRoles>().ForAsync(host.As("alice"));
        Assert.Equal(["open"], seen.Select(r => r.RoleName));

        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "System", "AliyunRAMReadOnlyAccess", PrincipalKind.User, "alice");
        var listed = await host.Use<AssumableRoles>().ForAsync(host.As("alice"));
        Assert.Equal([("open", true), ("secret-ops", false)], listed.Select(r => (r.RoleName, r.Allowed)));
        Assert.Equal("The role's trust policy does not name you.", listed[1].Reason);
    }
}
