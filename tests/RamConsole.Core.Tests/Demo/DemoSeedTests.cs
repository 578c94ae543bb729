using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Authorization;
using RamConsole.Core.Demo;
using RamConsole.Core.Tests.Support;

namespace RamConsole.Core.Tests.Demo;

public sealed class DemoSeedTests
{
    [Fact]
    public async Task The_demo_seed_builds_a_coherent_account_that_the_gate_decides()
    {
        await using var host = await CoreHost.StartAsync();

        await host.Use<DemoSeed>().RunAsync();

        await using var db = host.NewDb();
        Assert.Equal(5, await db.Users.CountAsync(u => u.Kind == RamConsole.Core.PrincipalKind.User));
        Assert.Equal(3, await db.Groups.CountAsync());
        Assert.Equal(2, await db.Roles.CountAsync());
        Assert.Equal(3, await db.Policies.CountAsync());
        var gate = host.Use<RamAuthorizer>();
        var prod = "acs:kvstore:cn-hangzhou:1:instance/r-prod01";
        Assert.True((await gate.DecideAsync(host.As("bob", mfa: true), "kvstore:RestartInstance", prod)).Allowed);
        Assert.False((await gate.DecideAsync(host.As("bob", mfa: true), "kvstore:FlushInstance", prod)).Allowed);
        Assert.False((await gate.DecideAsync(host.As("bob", mfa: false), "kvstore:RestartInstance", prod)).Allowed);
        Assert.True((await gate.DecideAsync(host.As("carol"), "kvstore:DescribeInstances", prod)).Allowed);
        Assert.True((await gate.DecideAsync(host.As("team-lead"), "ram:CreateUser", $"acs:ram:*:{host.AccountId}:user/team-x")).Allowed);
        Assert.False((await gate.DecideAsync(host.As("team-lead"), "ram:CreateUser", $"acs:ram:*:{host.AccountId}:user/ops")).Allowed);
    }
}
