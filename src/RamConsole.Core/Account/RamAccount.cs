using RamConsole.Core.Caching;
using RamConsole.Core.Changes;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Account;

/// <summary>
/// The account's identity, read once and kept: every ARN the product builds needs the AccountId, and it never
/// changes after bootstrap. The alias can change: a committed change to the account row makes this forget.
/// </summary>
public sealed class RamAccount(IDbContextFactory<RamDbContext> dbFactory) : ICommittedStateCache
{
    private readonly CommittedValue<Account> _account = new();

    public string AccountId => Current.AccountId;
    public string Alias => Current.Alias;
    public string RootArn => Arns.Root(AccountId);

    public bool IsLoaded => _account.IsLoaded;

    public Touched BuiltFrom => Touched.Account;

    public void Forget() => _account.Forget();

    private Account Current => _account.Get(() =>
    {
        using var db = dbFactory.CreateDbContext();
        return db.Accounts.AsNoTracking().SingleOrDefault() ?? throw new InvalidOperationException("The account has not been bootstrapped yet.");
    });

    /// <summary>The row bootstrap has just committed (or found), so the first request does not read it again.</summary>
    internal void Set(Account account) => _account.Set(account);
}
