using RamConsole.Core.Audit;
using RamConsole.Core.Groups;
using RamConsole.Core.Overview;
using RamConsole.Core.Policies;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;

namespace RamConsole.Core.Tests.Overview;

public sealed class AccountOverviewTests
{
    [Fact]
    public async Task Each_count_is_shown_only_to_a_caller_who_may_list_what_it_counts()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice"));
        await host.Use<CreateUser>().RunAsync(host.Root, new("bob"));
        await host.Use<CreateGroup>().RunAsync(host.Root, new("ops"));
        await host.Use<CreatePolicy>().RunAsync(host.Root, new("ListUsersOnly",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:ListUsers","Resource":"*"}]}"""));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "Custom", "ListUsersOnly", PrincipalKind.User, "alice");

        var rootView = await host.Use<AccountOverview>().GetAsync(host.Root);
        var alicesView = await host.Use<AccountOverview>().GetAsync(host.As("alice"));
        var bobsView = await host.Use<AccountOverview>().GetAsync(host.As("bob"));

        Assert.Equal(new OverviewCounts(2, 1, 0, 1), rootView.Counts);
        Assert.NotEmpty(rootView.RecentEvents);
        Assert.Equal(new OverviewCounts(2, null, null, null), alicesView.Counts);
        Assert.Equal(new OverviewCounts(null, null, null, null), bobsView.Counts);
        Assert.Empty(bobsView.RecentEvents);
        // Looking at the dashboard is not an attempt to list anything: no denials on record.
        await using var db = host.NewDb();
        Assert.Equal(0, db.AuditEvents.Count(e => e.Result == AuditResult.Denied));
    }
}
