using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Authorization;
using RamConsole.Core.Errors;
using RamConsole.Core.Naming;
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
public sealed class AccessKeyUseCases(UseCaseServices services, IDataProtectionProvider dataProtection, AccessKeyDirectory directory,
    Security.SecuritySettingsStore settings)
{
    public const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    public const string ProtectorPurpose = "RamConsole.AccessKeySecret.v1";

    private IDataProtector Protector => dataProtection.CreateProtector(ProtectorPurpose);

    public async Task<NewAccessKey> CreateAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.UserName(userName);
        var resource = services.Resource("user", name);
        await DemandAsync(caller, "ram:CreateAccessKey", name, cancellationToken);
        await using var db = await services.OpenForChangeAsync(cancellationToken);
        var user = await db.FindUserAsync(name, cancellationToken);
        if (await db.AccessKeys.CountAsync(k => k.UserId == user.Id, cancellationToken) >= services.Limits.AccessKeysPerUser)
            throw RamErrors.LimitExceeded("User.AccessKey", $"The user {user.UserName} already has the maximum of {services.Limits.AccessKeysPerUser} AccessKeys.");
        var now = services.Time.GetUtcNow();
        var id = "LTAI" + RandomNumberGenerator.GetString(Base62, 20);
        var secret = RandomNumberGenerator.GetString(Base62, 30);
        db.AccessKeys.Add(new AccessKey { AccessKeyId = id, UserId = user.Id, ProtectedSecret = Protector.Protect(secret), CreatedAt = now });
        await services.CommitAsync(db, caller, "ram:CreateAccessKey", resource, null, new { UserName = user.UserName, AccessKeyId = id, Status = "Active" },
            policiesChanged: false, cancellationToken);
        directory.Forget();
        return new NewAccessKey(user.UserName!, id, secret, now);
    }

    public async Task<IReadOnlyList<AccessKeyView>> ListAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.UserName(userName);
        await DemandAsync(caller, "ram:ListAccessKeys", name, cancellationToken);
        await using var db = await services.DbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.FindUserAsync(name, cancellationToken);
        return await db.AccessKeys.AsNoTracking().Where(k => k.UserId == user.Id).OrderBy(k => k.CreatedAt)
            .Select(k => new AccessKeyView(k.AccessKeyId, k.Status, k.CreatedAt, k.LastUsedAt)).ToListAsync(cancellationToken);
    }

    public async Task UpdateStatusAsync(Caller caller, string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken = default)
    {
        var (db, key, resource, user) = await OpenAsync(caller, "ram:UpdateAccessKey", userName, accessKeyId, cancellationToken);
        await using (db)
        {
            var before = new { key.AccessKeyId, Status = key.Status.ToString() };
            key.Status = status;
            await services.CommitAsync(db, caller, "ram:UpdateAccessKey", resource, before, new { key.AccessKeyId, Status = status.ToString(), UserName = user }, policiesChanged: false, cancellationToken);
            directory.Forget();
        }
    }

    public async Task DeleteAsync(Caller caller, string userName, string accessKeyId, CancellationToken cancellationToken = default)
    {
        var (db, key, resource, user) = await OpenAsync(caller, "ram:DeleteAccessKey", userName, accessKeyId, cancellationToken);
        await using (db)
        {
            db.AccessKeys.Remove(key);
            await services.CommitAsync(db, caller, "ram:DeleteAccessKey", resource, new { key.AccessKeyId, Status = key.Status.ToString(), UserName = user }, null, policiesChanged: false, cancellationToken);
            directory.Forget();
        }
    }

    // A user may manage their own keys when AllowUserToManageAccessKeys is on (unless a policy explicitly denies it).
    private async Task DemandAsync(Caller caller, string action, string userName, CancellationToken cancellationToken) =>
        await services.Gate.DemandSelfServiceAsync(caller, action, services.Resource("user", userName), userName,
            (await settings.GetAsync(cancellationToken)).AllowUserToManageAccessKeys, cancellationToken);

    /// <summary>The decrypted secret, for the API's signature check only (never shown again).</summary>
    public string Unprotect(AccessKey key) => Protector.Unprotect(key.ProtectedSecret);

    private async Task<(Persistence.RamDbContext, AccessKey, string, string)> OpenAsync(Caller caller, string action, string userName, string accessKeyId, CancellationToken cancellationToken)
    {
        var name = RamNames.UserName(userName);
        var resource = services.Resource("user", name);
        await DemandAsync(caller, action, name, cancellationToken);
        var db = await services.OpenForChangeAsync(cancellationToken);
        try
        {
            var user = await db.FindUserAsync(name, cancellationToken);
            var key = await db.AccessKeys.SingleOrDefaultAsync(k => k.AccessKeyId == accessKeyId && k.UserId == user.Id, cancellationToken)
                ?? throw RamErrors.NotFound("AccessKey", accessKeyId);
            return (db, key, resource, user.UserName!);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }
}
