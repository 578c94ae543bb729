using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using RamConsole.Core.Users;

namespace RamConsole.Core.AccessKeys;

/// <summary>An AccessKey as lists show it: never the secret.</summary>
public sealed record AccessKeyView(string AccessKeyId, AccessKeyStatus Status, DateTimeOffset CreateDate, DateTimeOffset? LastUsedDate);

/// <summary>A newly created key: the only moment the secret leaves the server.</summary>
public sealed record NewAccessKey(string UserName, string AccessKeyId, [property: Audit.Secret] string AccessKeySecret, DateTimeOffset CreateDate);

/// <summary>
/// CreateAccessKey, UpdateAccessKey (Active/Inactive), DeleteAccessKey, ListAccessKeys. Ids are <c>LTAI</c> + 20 base62
/// characters and secrets 30 (DESIGN §4), from a CSPRNG; the secret is stored encrypted with Data Protection.
/// </summary>
public sealed class AccessKeyUseCases(UseCaseServices services, IDataProtectionProvider dataProtection, Settings.SecuritySettingsStore settings)
{
    public const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    public const string ProtectorPurpose = "RamConsole.AccessKeySecret.v1";

    private IDataProtector Protector => dataProtection.CreateProtector(ProtectorPurpose);

    public async Task<NewAccessKey> CreateAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.UserName(userName);
        await using var change = await services.BeginChangeAsync(caller, RamActions.CreateAccessKey, services.Resource("user", name), cancellationToken, SelfService(name));
        var db = change.Db;
        var user = await db.FindUserAsync(name, cancellationToken);
        if (await db.AccessKeys.CountAsync(k => k.UserId == user.Id, cancellationToken) >= services.Limits.AccessKeysPerUser)
            throw RamErrors.LimitExceeded("User.AccessKey", $"The user {user.UserName} already has the maximum of {services.Limits.AccessKeysPerUser} AccessKeys.");
        var now = services.Time.GetUtcNow();
        var id = "LTAI" + RandomNumberGenerator.GetString(Base62, 20);
        var secret = RandomNumberGenerator.GetString(Base62, 30);
        db.AccessKeys.Add(new AccessKey { AccessKeyId = id, UserId = user.Id, ProtectedSecret = Protector.Protect(secret), CreatedAt = now });
        await change.CommitAsync(null, new { UserName = user.UserName, AccessKeyId = id, Status = "Active" }, cancellationToken);
        return new NewAccessKey(user.UserName!, id, secret, now);
    }

    public async Task<IReadOnlyList<AccessKeyView>> ListAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.UserName(userName);
        await using var db = await services.BeginReadAsync(caller, RamActions.ListAccessKeys, services.Resource("user", name), cancellationToken, SelfService(name));
        var user = await db.FindUserAsync(name, cancellationToken);
        return await db.AccessKeys.AsNoTracking().Where(k => k.UserId == user.Id).OrderBy(k => k.CreatedAt)
            .Select(k => new AccessKeyView(k.AccessKeyId, k.Status, k.CreatedAt, k.LastUsedAt)).ToListAsync(cancellationToken);
    }

    /// <summary>GetAccessKeyLastUsed: when one key was last used (never the secret).</summary>
    public async Task<DateTimeOffset?> LastUsedAsync(Caller caller, string userName, string accessKeyId, CancellationToken cancellationToken = default)
    {
        var name = RamNames.UserName(userName);
        await using var db = await services.BeginReadAsync(caller, RamActions.GetAccessKeyLastUsed, services.Resource("user", name), cancellationToken, SelfService(name));
        var (key, _) = await FindKeyAsync(db, name, accessKeyId, cancellationToken);
        return key.LastUsedAt;
    }

    public async Task UpdateStatusAsync(Caller caller, string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken = default)
    {
        var (change, key, user) = await OpenAsync(caller, RamActions.UpdateAccessKey, userName, accessKeyId, cancellationToken);
        await using (change)
        {
            var before = new { key.AccessKeyId, Status = key.Status.ToString() };
            key.Status = status;
            await change.CommitAsync(before, new { key.AccessKeyId, Status = status.ToString(), UserName = user }, cancellationToken);
        }
    }

    public async Task DeleteAsync(Caller caller, string userName, string accessKeyId, CancellationToken cancellationToken = default)
    {
        var (change, key, user) = await OpenAsync(caller, RamActions.DeleteAccessKey, userName, accessKeyId, cancellationToken);
        await using (change)
        {
            change.Db.AccessKeys.Remove(key);
            await change.CommitAsync(new { key.AccessKeyId, Status = key.Status.ToString(), UserName = user }, null, cancellationToken);
        }
    }

    // A user may manage their own keys when AllowUserToManageAccessKeys is on (unless a policy explicitly denies it).
    private SelfService SelfService(string userName) => new(userName, async ct => (await settings.GetAsync(ct)).AllowUserToManageAccessKeys);

    /// <summary>The decrypted secret, for the API's signature check only (never shown again).</summary>
    public string Unprotect(AccessKey key) => Protector.Unprotect(key.ProtectedSecret);

    private async Task<(Changes.Change Change, AccessKey Key, string UserName)> OpenAsync(Caller caller, string action, string userName, string accessKeyId,
        CancellationToken cancellationToken)
    {
        var name = RamNames.UserName(userName);
        var (change, found) = await services.BeginChangeOfAsync(caller, action, services.Resource("user", name),
            db => FindKeyAsync(db, name, accessKeyId, cancellationToken), cancellationToken, SelfService(name));
        return (change, found.Key, found.Owner);
    }

    private static async Task<(AccessKey Key, string Owner)> FindKeyAsync(Persistence.RamDbContext db, string userName, string accessKeyId, CancellationToken cancellationToken)
    {
        var user = await db.FindUserAsync(userName, cancellationToken);
        var key = await db.AccessKeys.SingleOrDefaultAsync(k => k.AccessKeyId == accessKeyId && k.UserId == user.Id, cancellationToken)
            ?? throw RamErrors.NotFound("AccessKey", accessKeyId);
        return (key, user.UserName!);
    }
}
