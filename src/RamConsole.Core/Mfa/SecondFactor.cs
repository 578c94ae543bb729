using Fido2NetLib;
using Microsoft.AspNetCore.DataProtection;
using RamConsole.Core.Audit;
using RamConsole.Core.Persistence;
using RamConsole.Core.Settings;
using RamConsole.Core.SignIn;
using RamConsole.Core.Users;

namespace RamConsole.Core.Mfa;

/// <summary>
/// The second sign-in step, after a correct password: a TOTP code (each accepted once), a recovery code (each
/// used once), or a security key assertion (a sign count that goes backwards is refused — a cloned key — and
/// audited). Failures count toward the same lockout as wrong passwords.
/// </summary>
[Authorization.GateFree(Authorization.GateFreeStep.SignIn)]
public sealed class SecondFactor(UseCaseServices services, IDataProtectionProvider dataProtection, WebAuthnRelyingParty relyingParty,
    SecuritySettingsStore settings, SignInAudit audit, SignInLocks locks, TimeProvider time)
{
    public const string Otp = "otp", Recovery = "recovery", SecurityKey = "hwk";
    private static readonly TimeSpan ChallengeLifetime = TimeSpan.FromMinutes(5);

    private IDataProtector ChallengeProtector => dataProtection.CreateProtector("RamConsole.WebAuthnChallenge.v1");

    public async Task<MfaStatus?> StatusAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await services.OpenGateFreeAsync(Authorization.GateFreeStep.SignIn, cancellationToken);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return user is null ? null : await MfaDevices.StatusAsync(db, user, cancellationToken);
    }

    /// <summary>Checks a 6-digit TOTP code or a recovery code; returns which it was, or null when refused.</summary>
    public async Task<string?> VerifyCodeAsync(string userId, string? code, string? sourceIp, CancellationToken cancellationToken = default)
    {
        using var held = await LockAsync(userId, cancellationToken);
        await using var db = await services.OpenGateFreeAsync(Authorization.GateFreeStep.SignIn, cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null) return null;
        var now = time.GetUtcNow();
        var typed = code?.Trim() ?? "";
        string? factor = null;
        if (!SignInFailures.IsLocked(user, now))
        {
            if (TotpCodes.IsWellFormed(typed)) factor = await TryTotpAsync(db, user, typed, now, cancellationToken) ? Otp : null;
            else if (typed.Length > 0) factor = await TryRecoveryCodeAsync(db, user, typed, now, cancellationToken) ? Recovery : null;
        }
        return await ConcludeAsync(db, user, factor, factor is null ? "InvalidMfaCode" : null, sourceIp, cancellationToken);
    }

    /// <summary>Assertion options for the user's keys (JSON for the browser) and the same, sealed, to verify against.</summary>
    public async Task<(string OptionsJson, string State)?> BeginKeyAsync(string userId, WebAuthnSite site, CancellationToken cancellationToken = default)
    {
        await using var db = await services.OpenGateFreeAsync(Authorization.GateFreeStep.SignIn, cancellationToken);
        var ids = await db.WebAuthnCredentials.Where(c => c.UserId == userId).Select(c => c.Id).ToListAsync(cancellationToken);
        if (ids.Count == 0) return null;
        var options = relyingParty.For(site).GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = [.. ids.Select(id => new Fido2NetLib.Objects.PublicKeyCredentialDescriptor(System.Buffers.Text.Base64Url.DecodeFromChars(id)))],
            UserVerification = Fido2NetLib.Objects.UserVerificationRequirement.Preferred,
        });
        var json = options.ToJson();
        return (json, SealedValue.Seal(ChallengeProtector, userId + "\n" + json, time.GetUtcNow() + ChallengeLifetime));
    }

    public async Task<bool> VerifyKeyAsync(string userId, WebAuthnSite site, string? state, string? responseJson, string? sourceIp,
        CancellationToken cancellationToken = default)
    {
        using var held = await LockAsync(userId, cancellationToken);
        await using var db = await services.OpenGateFreeAsync(Authorization.GateFreeStep.SignIn, cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null) return false;
        var now = time.GetUtcNow();
        if (SignInFailures.IsLocked(user, now)) return await ConcludeAsync(db, user, null, "AccountLocked", sourceIp, cancellationToken) is not null;

        var (ok, code) = await TryKeyAsync(db, user, site, state, responseJson, now, cancellationToken);
        return await ConcludeAsync(db, user, ok ? SecurityKey : null, code, sourceIp, cancellationToken) is not null;
    }

    private async Task<(bool Ok, string? Code)> TryKeyAsync(RamDbContext db, RamUser user, WebAuthnSite site, string? state, string? responseJson,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var text = SealedValue.Open(ChallengeProtector, state, now);
        var separator = text?.IndexOf('\n') ?? -1;
        if (text is null || separator < 0 || text[..separator] != user.Id) return (false, "WebAuthnChallengeExpired");
        var optionsJson = text[(separator + 1)..];

        AuthenticatorAssertionRawResponse response;
        try { response = MfaDevices.Parse<AuthenticatorAssertionRawResponse>(responseJson); }
        catch (Errors.RamException) { return (false, "WebAuthnResponseInvalid"); }

        var credential = await db.WebAuthnCredentials.SingleOrDefaultAsync(c => c.Id == response.Id && c.UserId == user.Id, cancellationToken);
        if (credential is null) return (false, "WebAuthnUnknownKey");
        try
        {
            var result = await relyingParty.For(site).MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = response,
                OriginalOptions = AssertionOptions.FromJson(optionsJson),
                StoredPublicKey = credential.PublicKey,
                StoredSignatureCounter = (uint)credential.SignCount,
                IsUserHandleOwnerOfCredentialIdCallback = (args, _) => Task.FromResult(args.UserHandle.AsSpan().SequenceEqual(credential.UserHandle)),
            }, cancellationToken);
            // Counters that both start at 0 and stay there (many passkeys) are fine; any other non-increase is a clone.
            if ((result.SignCount != 0 || credential.SignCount != 0) && result.SignCount <= credential.SignCount)
                return (false, "WebAuthnSignCountRegression");
            credential.SignCount = result.SignCount;
            credential.LastUsedAt = now;
            return (true, null);
        }
        catch (Fido2VerificationException e)
        {
            return (false, e.Message.Contains("count", StringComparison.OrdinalIgnoreCase) ? "WebAuthnSignCountRegression" : "WebAuthnAssertionInvalid");
        }
    }

    /// <summary>The user's sign-in lock (<see cref="SignInLocks"/>: the password step takes the same one, by name).</summary>
    private async Task<IDisposable?> LockAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await services.OpenGateFreeAsync(Authorization.GateFreeStep.SignIn, cancellationToken);
        var name = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.UserName).SingleOrDefaultAsync(cancellationToken);
        return name is null ? null : await locks.EnterAsync(name, cancellationToken);
    }

    private async Task<bool> TryTotpAsync(RamDbContext db, RamUser user, string code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var device = await db.TotpDevices.SingleOrDefaultAsync(d => d.UserId == user.Id, cancellationToken);
        if (device is null) return false;
        var secret = TotpCodes.FromBase32(dataProtection.CreateProtector(MfaDevices.TotpSecretPurpose).Unprotect(device.ProtectedSecret));
        if (secret is null || TotpCodes.Match(secret, code, now, device.LastUsedStep) is not { } step) return false;
        device.LastUsedStep = step;
        device.LastUsedAt = now;
        return true;
    }

    private static async Task<bool> TryRecoveryCodeAsync(RamDbContext db, RamUser user, string code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Salted hashes cannot be looked up by value: try each unused code (at most ten) in turn.
        var unused = await db.RecoveryCodes.Where(c => c.UserId == user.Id && c.UsedAt == null).ToListAsync(cancellationToken);
        var stored = unused.FirstOrDefault(c => RecoveryCodes.Verify(code, c.Hash));
        if (stored is null) return false;
        stored.UsedAt = now;
        return true;
    }

    /// <summary>Saves the outcome (spent code, counters, or one more failure toward lockout) and audits a refusal.</summary>
    private async Task<string?> ConcludeAsync(RamDbContext db, RamUser user, string? factor, string? failureCode, string? sourceIp, CancellationToken cancellationToken)
    {
        if (factor is null)
        {
            var lockedNow = failureCode != "AccountLocked" && SignInFailures.Register(user, await settings.GetAsync(cancellationToken), time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(user, sourceIp, AuditResult.Denied, lockedNow ? "LockedOut" : failureCode, ["password", "mfa"], cancellationToken);
            return null;
        }
        user.AccessFailedCount = 0;
        await db.SaveChangesAsync(cancellationToken);
        return factor;
    }
}
