using RamConsole.Core.Account;
using RamConsole.Policy.Catalog;
using static RamConsole.Web.Api.Rpc;

namespace RamConsole.Web.Api.Operations;

/// <summary>The account alias.</summary>
internal static class AccountOperations
{
    public static IReadOnlyDictionary<string, ApiOperation> All { get; } = new Dictionary<string, ApiOperation>
    {
        ["GetAccountAlias"] = Op(RamActions.GetAccountAlias, async c => new { AccountAlias = await c.Use<AccountAlias>().GetAsync(c.Caller, c.CancellationToken) }),
        ["SetAccountAlias"] = Op(RamActions.SetAccountAlias, c => c.Use<AccountAlias>().SetAsync(c.Caller, c.Required("AccountAlias"), c.CancellationToken)),
    };
}
