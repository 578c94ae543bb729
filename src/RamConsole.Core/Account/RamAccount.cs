using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Changes;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Account;

/// <summary>
/// The account's identity, read once and kept: every ARN the product builds needs the AccountId, and it never
/// changes after bootstrap. The alias can change: a committed change to the account row makes this forget, and a
/// read that began before that change is returned to its caller but not kept.
/// </summary>
public sealed class RamAccount(IDbContextFactory<RamDbContext> dbFactory) : ICommittedStateCache
{
    private volatile Account? _account;
    private long _generation;

    public string AccountId => Current.AccountId;
    public string Alias => Current.Alias;
    public string RootArn => Arns.Root(AccountId);

    public bool IsLoaded => _account is not null;

    public Touched BuiltFrom => Touched.Account;

    public void Forget()
    {
        Interlocked.Increment(ref _generation);
        _account = null;
    }

    private Account Current => _account ?? Load();

    private Account Load()
    {
        var generation = Interlocked.Read(ref _generation);
        using var db = dbFactory.CreateDbContext();
        var account = db.Accounts.AsNoTracking().SingleOrDefault()
            ?? throw new InvalidOperationException("The account has not been bootstrapped yet.");
        if (Interlocked.Read(ref _generation) != generation) return account; // renamed while this read ran
        var published = Interlocked.CompareExchange(ref _account, account, null) ?? account;
        if (Interlocked.Read(ref _generation) != generation) _account = null;
        return published;
    }

    /// <summary>The row bootstrap has just committed (or found), so the first request does not read it again.</summary>
    internal void Set(Account account) => _account = account;
}
