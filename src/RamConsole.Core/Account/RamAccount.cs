using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Account;

/// <summary>
/// The account's identity, read once and kept: every ARN the product builds needs the AccountId, and it never
/// changes after bootstrap. The alias can change; <see cref="SetAlias"/> keeps this copy current.
/// </summary>
public sealed class RamAccount(IDbContextFactory<RamDbContext> dbFactory)
{
    private volatile Account? _account;

    public string AccountId => Current.AccountId;
    public string Alias => Current.Alias;
    public string RootArn => Arns.Root(AccountId);

    public bool IsLoaded => _account is not null;

    private Account Current => _account ?? Load();

    private Account Load()
    {
        using var db = dbFactory.CreateDbContext();
        var account = db.Accounts.AsNoTracking().SingleOrDefault()
            ?? throw new InvalidOperationException("The account has not been bootstrapped yet.");
        // Not over an alias set while this read ran (it would be older).
        return Interlocked.CompareExchange(ref _account, account, null) ?? account;
    }

    internal void Set(Account account) => _account = account;

    internal void SetAlias(string alias) => _account = new Account { AccountId = AccountId, Alias = alias, CreatedAt = Current.CreatedAt };
}
