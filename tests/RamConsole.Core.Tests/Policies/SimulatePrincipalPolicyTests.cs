using RamConsole.Core.Groups;
using RamConsole.Core.Policies;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;
using RamConsole.Policy.Evaluation;
using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.Policies;

public sealed class SimulatePrincipalPolicyTests
{
    [Fact]
    public async Task A_user_is_simulated_with_the_policies_of_its_groups()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("bob"));
        await host.Use<CreateGroup>().RunAsync(host.Root, new("readers"));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "System", "AliyunKvstoreReadOnlyAccess", PrincipalKind.Group, "readers");
        await host.Use<GroupMembership>().AddAsync(host.Root, "bob", "readers");
        var simulate = host.Use<SimulatePrincipalPolicy>();
        var noContext = new Dictionary<string, string>();

        var describe = await simulate.RunAsync(host.Root, "bob", "kvstore:DescribeInstances", "acs:kvstore:cn:1:instance/r-1", noContext);
        var flush = await simulate.RunAsync(host.Root, "bob", "kvstore:FlushInstance", "acs:kvstore:cn:1:instance/r-1", noContext);

        Assert.Equal((DecisionKind.Allow, "AliyunKvstoreReadOnlyAccess"), (describe.Decision!.Value.Kind, describe.Decision.Value.Policy!.Name));
        Assert.Equal(DecisionKind.ImplicitDeny, flush.Decision!.Value.Kind);
        Assert.Equal("EntityNotExist.User", await CodeOf(() => simulate.RunAsync(host.Root, "nobody", "ram:GetUser", "*", noContext)));
    }

    [Fact]
    public async Task Simulating_a_principal_needs_its_own_permission()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("auditor"));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "System", "AliyunRAMReadOnlyAccess", PrincipalKind.User, "auditor");

        Assert.Equal("NoPermission", await CodeOf(() => host.Use<SimulatePrincipalPolicy>().RunAsync(host.As("auditor"), "auditor", "ram:GetUser", "*", new Dictionary<string, string>())));
    }
}
