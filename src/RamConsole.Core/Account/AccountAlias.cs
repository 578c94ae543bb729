using System.Text.RegularExpressions;

namespace RamConsole.Core.Account;

/// <summary>GetAccountAlias and SetAccountAlias: 3–32 lower-case letters, digits and '-', not starting or ending with '-'.</summary>
public sealed partial class AccountAlias(UseCaseServices services)
{
    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,30})[a-z0-9]$")]
    private static partial Regex AliasPattern();

    public async Task<string> GetAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        await services.DemandAsync(caller, RamActions.GetAccountAlias, services.AccountResource, cancellationToken);
        return services.Account.Alias;
    }

    public async Task SetAsync(Caller caller, string? alias, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(alias)) throw RamErrors.Invalid("MissingParameter", "AccountAlias is required.", "AccountAlias");
        if (!AliasPattern().IsMatch(alias))
            throw RamErrors.Invalid("InvalidParameter.AccountAlias.InvalidChars", "AccountAlias has 3 to 32 lower-case letters, digits and '-', and does not start or end with '-'.", "AccountAlias");
        await using var change = await services.BeginChangeAsync(caller, RamActions.SetAccountAlias, services.AccountResource, cancellationToken);
        var row = await change.Db.Accounts.SingleAsync(cancellationToken);
        var before = new { AccountAlias = row.Alias };
        row.Alias = alias;
        await change.CommitAsync(before, new { AccountAlias = alias }, cancellationToken); // RamAccount forgets the old alias
    }
}
