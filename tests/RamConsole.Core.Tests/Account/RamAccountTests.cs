using RamConsole.Core.Account;
using RamConsole.Core.Tests.Support;

namespace RamConsole.Core.Tests.Account;

public sealed class RamAccountTests
{
    [Fact]
    public async Task An_alias_set_while_the_account_is_first_read_is_not_overwritten_by_that_read()
    {
        await using var host = await CoreHost.StartAsync();
        var factory = new InterleavingDbFactory(host);
        var account = new RamAccount(factory); // as after a restart: nothing read yet
        factory.Arm(async () =>
        {
            await host.Use<AccountAlias>().SetAsync(host.Root, "renamed");
            account.Forget(); // what the commit path does after the commit
        });

        _ = account.AccountId; // the first read, which read the row before the rename committed
        Assert.False(factory.Armed);
        Assert.Equal("renamed", account.Alias);
    }
}
