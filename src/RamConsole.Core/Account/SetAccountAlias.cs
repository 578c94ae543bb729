using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Authorization;
using RamConsole.Core.Errors;

namespace RamConsole.Core.Account;

/// <summary>SetAccountAlias: 3–32 lower-case letters, digits and '-', not starting or ending with '-'.</summary>
public sealed partial class SetAccountAlias(UseCaseServices services, RamAccount account)
{
    public const string Action = "ram:SetAccountAlias";

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,30})[a-z0-9]$")]
    private static partial Regex AliasPattern();

    public async Task RunAsync(Caller caller, string? alias, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(alias)) throw RamErrors.Invalid("MissingParameter", "AccountAlias is required.", "AccountAlias");
        if (!AliasPattern().IsMatch(alias))
            throw RamErrors.Invalid("InvalidParameter.AccountAlias.InvalidChars", "AccountAlias has 3 to 32 lower-case letters, digits and '-', and does not start or end with '-'.", "AccountAlias");
        await services.Gate.DemandAsync(caller, Action, services.AccountResource, cancellationToken);
        await using var db = await services.OpenForChangeAsync(cancellationToken);
        var row = await db.Accounts.SingleAsync(cancellationToken);
        var before = new { AccountAlias = row.Alias };
        row.Alias = alias;
        await services.CommitAsync(db, caller, Action, services.AccountResource, before, new { AccountAlias = alias }, policiesChanged: false, cancellationToken);
        account.SetAlias(alias);
    }
}
