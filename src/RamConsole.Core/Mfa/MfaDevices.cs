using System.Text.Json;
using RamConsole.Core.Persistence;
using RamConsole.Core.Users;

namespace RamConsole.Core.Mfa;

/// <summary>
/// A user's MFA devices — an authenticator app (<see cref="TotpDevices"/>), security keys (<see cref="SecurityKeys"/>),
/// recovery codes (<see cref="RecoveryCodeRenewal"/>) — managed by the user themself (as the security setting
/// AllowUserToManageMFADevices allows; a user who must enrol may always add a first factor) or by an administrator
/// through the gate (<see cref="MfaDeviceGate"/>). This class: their status, and an administrator removing them all.
/// </summary>
public sealed class MfaDevices(MfaDeviceGate gate, UseCaseServices services, Sessions.RecentPassword recentPassword)
{
    public async Task<MfaStatus> GetStatusAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var (db, user) = await gate.ReadAsync(caller, RamActions.GetUserMFAInfo, userName, cancellationToken);
        await using (db) return await StatusAsync(db, user, cancellationToken);
    }

    /// <summary>Administrator action: remove every factor; the user must enrol again at the next sign-in.</summary>
    public async Task RemoveAllAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.UserName(userName);
        var (change, user) = await services.BeginChangeOfAsync(caller, RamActions.UnbindMFADevice, services.Resource("user", name),
            db => MfaDeviceGate.FindAsync(db, name, cancellationToken), cancellationToken);
        await using var _ = change;
        var db = change.Db;
        await recentPassword.DemandAsync(caller, user.UserName!, cancellationToken);
        var before = await StatusAsync(db, user, cancellationToken);
        db.WebAuthnCredentials.RemoveRange(await db.WebAuthnCredentials.Where(c => c.UserId == user.Id).ToListAsync(cancellationToken));
        db.RecoveryCodes.RemoveRange(await db.RecoveryCodes.Where(c => c.UserId == user.Id).ToListAsync(cancellationToken));
        db.TotpDevices.RemoveRange(await db.TotpDevices.Where(d => d.UserId == user.Id).ToListAsync(cancellationToken));
        await gate.RemovedAsync(change, caller, user, new { before.TotpBound, Keys = before.Keys.Select(k => k.Name), Device = "All" }, cancellationToken, endCallerSession: true);
    }

    internal const string TotpSecretPurpose = "RamConsole.TotpSecret.v1";

    internal static byte[] UserHandle(RamUser user) => System.Text.Encoding.UTF8.GetBytes(user.Id);

    internal static async Task<bool> HasFactorAsync(RamDbContext db, string userId, CancellationToken cancellationToken) =>
        await db.TotpDevices.AnyAsync(d => d.UserId == userId, cancellationToken)
        || await db.WebAuthnCredentials.AnyAsync(c => c.UserId == userId, cancellationToken);

    internal static async Task<MfaStatus> StatusAsync(RamDbContext db, RamUser user, CancellationToken cancellationToken)
    {
        var totp = await db.TotpDevices.AsNoTracking().SingleOrDefaultAsync(d => d.UserId == user.Id, cancellationToken);
        var keys = await db.WebAuthnCredentials.AsNoTracking().Where(c => c.UserId == user.Id)
            .Select(c => new SecurityKeyView(c.Id, c.Name, c.CreatedAt, c.LastUsedAt, c.AaGuid)).ToListAsync(cancellationToken);
        var codes = await db.RecoveryCodes.CountAsync(c => c.UserId == user.Id && c.UsedAt == null, cancellationToken);
        return new MfaStatus(user.UserName!, totp is not null, totp?.BoundAt, totp?.LastUsedAt, [.. keys.OrderBy(k => k.CreatedAt)], codes);
    }

    internal static T Parse<T>(string? json) where T : class
    {
        try
        {
            return (string.IsNullOrWhiteSpace(json) ? null : JsonSerializer.Deserialize<T>(json))
                ?? throw RamErrors.Invalid("InvalidParameter.WebAuthn", "The browser sent no security key response.", "Key");
        }
        catch (JsonException)
        {
            throw RamErrors.Invalid("InvalidParameter.WebAuthn", "The security key response is not valid JSON.", "Key");
        }
    }
}
