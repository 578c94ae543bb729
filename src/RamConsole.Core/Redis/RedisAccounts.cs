using System.Text.RegularExpressions;

namespace RamConsole.Core.Redis;

/// <summary>An account as DescribeAccounts shows it.</summary>
public sealed record RedisAccountView(string InstanceId, string AccountName, string Privilege, string? Description, string Status, DateTimeOffset CreatedAt,
    DateTimeOffset? LastSeenAt);

/// <summary>
/// CreateAccount, DescribeAccounts, GrantAccountPrivilege, ResetAccountPassword, ModifyAccountPassword,
/// ModifyAccountDescription and DeleteAccount — each account a Redis ACL user (<see cref="AccountPrivilege"/>). The
/// server is changed first and the ACL file saved; the row commits after, and a failed commit undoes a new user. A
/// changed password or a deleted account also ends the connections signed in with it.
/// </summary>
public sealed partial class RedisAccounts(RedisPlane plane)
{
    /// <summary>At most this many (non-temporary) accounts an instance, the default account included.</summary>
    public const int MaxAccounts = 20;

    public async Task<RedisAccountView> CreateAsync(Caller caller, string instanceId, string accountName, string password, string? privilege, string? description,
        CancellationToken cancellationToken = default)
    {
        var (change, instance) = await plane.BeginChangeOfAsync(caller, KvstoreActions.CreateAccount, instanceId, cancellationToken);
        await using (change)
        {
            var name = AccountName(accountName);
            RedisPasswords.Validate(password, "AccountPassword");
            var grant = AccountPrivilege.Parse(privilege ?? AccountPrivilege.ReadWrite);
            var text = Naming.RamNames.Text(description, "AccountDescription", 256);
            var db = change.Db;
            if (await db.RedisAccounts.AnyAsync(a => a.InstanceId == instance.InstanceId && a.AccountName == name, cancellationToken))
                throw RamErrors.Invalid("InvalidAccountName.Duplicate", $"The account {name} already exists on {instance.InstanceId}.", "AccountName");
            if (await db.RedisAccounts.CountAsync(a => a.InstanceId == instance.InstanceId && a.ExpiresAt == null, cancellationToken) >= MaxAccounts)
                throw RamErrors.LimitExceeded("Account", $"{instance.InstanceId} already has the maximum of {MaxAccounts} accounts.");
            var commands = await plane.CommandsAsync(instance, cancellationToken);
            var account = new RedisAccount
            {
                InstanceId = instance.InstanceId, AccountName = name, Privilege = grant, Description = text, CreatedAt = plane.Services.Time.GetUtcNow(),
            };
            await RedisPlane.AddUserThenCommitAsync(commands, name, AccountPrivilege.Rules(grant, RedisPasswords.Sha256Hex(password)), async () =>
            {
                db.RedisAccounts.Add(account);
                await change.CommitAsync(null, Audited(account), cancellationToken);
            });
            return View(account);
        }
    }

    public async Task<IReadOnlyList<RedisAccountView>> ListAsync(Caller caller, string instanceId, string? accountName = null, CancellationToken cancellationToken = default)
    {
        var (db, instance) = await plane.BeginReadOfAsync(caller, KvstoreActions.DescribeAccounts, instanceId, cancellationToken);
        await using (db)
        {
            var query = db.RedisAccounts.AsNoTracking().Where(a => a.InstanceId == instance.InstanceId && a.ExpiresAt == null);
            if (accountName is { Length: > 0 }) query = query.Where(a => a.AccountName == accountName);
            var accounts = await query.OrderBy(a => a.CreatedAt).ThenBy(a => a.AccountName).ToListAsync(cancellationToken);
            return accounts.Select(a => View(a, instance)).ToList();
        }
    }

    public Task GrantAsync(Caller caller, string instanceId, string accountName, string? privilege, CancellationToken cancellationToken = default) =>
        ChangeAsync(caller, KvstoreActions.GrantAccountPrivilege, instanceId, accountName, cancellationToken, async (commands, instance, account) =>
        {
            var grant = AccountPrivilege.Parse(privilege);
            await commands.SetUserAsync(account.AccountName, AccountPrivilege.CommandRules(grant));
            account.Privilege = grant;
        });

    /// <summary>ResetAccountPassword: a new password without the old one (for an administrator).</summary>
    public Task ResetPasswordAsync(Caller caller, string instanceId, string accountName, string password, CancellationToken cancellationToken = default) =>
        ChangeAsync(caller, KvstoreActions.ResetAccountPassword, instanceId, accountName, cancellationToken,
            (commands, instance, account) => SetPasswordAsync(commands, instance, account, RedisPasswords.Validate(password, "AccountPassword")));

    /// <summary>ModifyAccountPassword: the old password must match the hash Redis holds (compared in constant time).</summary>
    public Task ModifyPasswordAsync(Caller caller, string instanceId, string accountName, string oldPassword, string newPassword,
        CancellationToken cancellationToken = default) =>
        ChangeAsync(caller, KvstoreActions.ModifyAccountPassword, instanceId, accountName, cancellationToken, async (commands, instance, account) =>
        {
            var next = RedisPasswords.Validate(newPassword, "NewAccountPassword");
            if (!RedisPasswords.Matches(oldPassword ?? "", await commands.PasswordHashesAsync(account.AccountName) ?? []))
                throw RamErrors.Invalid("InvalidOldAccountPassword", "OldAccountPassword is not the account's password.", "OldAccountPassword");
            await SetPasswordAsync(commands, instance, account, next);
        });

    public Task ModifyDescriptionAsync(Caller caller, string instanceId, string accountName, string? description, CancellationToken cancellationToken = default) =>
        ChangeAsync(caller, KvstoreActions.ModifyAccountDescription, instanceId, accountName, cancellationToken, (_, _, account) =>
        {
            account.Description = Naming.RamNames.Text(description, "AccountDescription", 256);
            return Task.CompletedTask;
        }, touchesServer: false);

    /// <summary>DeleteAccount: the ACL user is removed and every connection signed in as it is closed. The default account stays.</summary>
    public async Task DeleteAsync(Caller caller, string instanceId, string accountName, CancellationToken cancellationToken = default)
    {
        var (change, instance) = await plane.BeginChangeOfAsync(caller, KvstoreActions.DeleteAccount, instanceId, cancellationToken);
        await using (change)
        {
            var account = await FindAsync(change.Db, instance, accountName, cancellationToken);
            if (account.AccountName == AccountPrivilege.DefaultAccount)
                throw new RamException("OperationDenied.DefaultAccount", "The default account cannot be deleted; change its password instead.", 403);
            var commands = await plane.CommandsAsync(instance, cancellationToken);
            await commands.RemoveUserAsync(account.AccountName);
            await commands.SaveAclAsync();
            change.Db.RedisAccounts.Remove(account);
            await change.CommitAsync(Audited(account), null, cancellationToken);
        }
    }

    private async Task ChangeAsync(Caller caller, string action, string instanceId, string accountName, CancellationToken cancellationToken,
        Func<RedisServerCommands, RedisInstance, RedisAccount, Task> apply, bool touchesServer = true)
    {
        var (change, instance) = await plane.BeginChangeOfAsync(caller, action, instanceId, cancellationToken);
        await using (change)
        {
            var account = await FindAsync(change.Db, instance, accountName, cancellationToken);
            var before = Audited(account);
            var commands = touchesServer ? await plane.CommandsAsync(instance, cancellationToken) : null;
            await apply(commands!, instance, account);
            if (commands is not null) await commands.SaveAclAsync();
            await change.CommitAsync(before, Audited(account), cancellationToken);
        }
    }

    private async Task SetPasswordAsync(RedisServerCommands commands, RedisInstance instance, RedisAccount account, string password)
    {
        await commands.SetUserAsync(account.AccountName, ["resetpass", "#" + RedisPasswords.Sha256Hex(password), "on"]);
        await commands.KillConnectionsAsync(account.AccountName);
        // the default account's password age is what the hygiene check reads
        if (account.AccountName == AccountPrivilege.DefaultAccount) instance.DefaultPasswordSetAt = plane.Services.Time.GetUtcNow();
    }

    private static async Task<RedisAccount> FindAsync(Persistence.RamDbContext db, RedisInstance instance, string accountName, CancellationToken cancellationToken) =>
        await db.RedisAccounts.SingleOrDefaultAsync(a => a.InstanceId == instance.InstanceId && a.AccountName == accountName && a.ExpiresAt == null, cancellationToken)
        ?? throw new RamException("InvalidAccountName.NotFound", $"The account {accountName} does not exist on {instance.InstanceId}.", 404, "AccountName");

    /// <summary>Alibaba's rule: starts with a lowercase letter; lowercase letters, digits and '_'; at most 35 characters. "default" is taken.</summary>
    public static string AccountName(string? value)
    {
        if (value is null || !NamePattern().IsMatch(value))
            throw RamErrors.Invalid("InvalidAccountName.Format", "AccountName starts with a lowercase letter and has at most 35 lowercase letters, digits and '_'.", "AccountName");
        if (value == AccountPrivilege.DefaultAccount)
            throw RamErrors.Invalid("InvalidAccountName.Duplicate", "default is the instance's default account.", "AccountName");
        return value;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,34}$")]
    private static partial Regex NamePattern();

    private static object Audited(RedisAccount a) => new { a.InstanceId, a.AccountName, AccountPrivilege = a.Privilege, AccountDescription = a.Description };

    internal static RedisAccountView View(RedisAccount a, RedisInstance? instance = null) => new(a.InstanceId, a.AccountName, a.Privilege, a.Description,
        a.AccountName == AccountPrivilege.DefaultAccount && instance is { DefaultPasswordSetAt: null } ? "Unavailable" : "Available", a.CreatedAt, a.LastSeenAt);
}
