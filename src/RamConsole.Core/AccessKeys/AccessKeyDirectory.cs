using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.AccessKeys;

/// <summary>What the API needs to verify a signature: whose key it is, whether it is active, and its secret.</summary>
public sealed record AccessKeyCredential(string AccessKeyId, string UserName, AccessKeyStatus Status, [property: Audit.Secret] string Secret);

/// <summary>
/// Looks up AccessKeys for signature checks (not a user action, so no gate): the secret is decrypted in memory for the
/// HMAC and never leaves the server.
/// </summary>
public sealed class AccessKeyDirectory(IDbContextFactory<RamDbContext> dbFactory, IDataProtectionProvider dataProtection)
{
    public async Task<AccessKeyCredential?> FindAsync(string accessKeyId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.AccessKeys.AsNoTracking().Where(k => k.AccessKeyId == accessKeyId)
            .Join(db.Users, k => k.UserId, u => u.Id, (k, u) => new { k.AccessKeyId, u.UserName, k.Status, k.ProtectedSecret })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null) return null;
        var secret = dataProtection.CreateProtector(AccessKeyUseCases.ProtectorPurpose).Unprotect(row.ProtectedSecret);
        return new AccessKeyCredential(row.AccessKeyId, row.UserName!, row.Status, secret);
    }
}
