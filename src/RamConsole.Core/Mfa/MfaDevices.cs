using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using RamConsole.Core.Authorization;
using RamConsole.Core.Errors;
using RamConsole.Core.Naming;
using RamConsole.Core.Persistence;
using RamConsole.Core.Security;
using RamConsole.Core.Sessions;
using RamConsole.Core.Users;
using RamConsole.Policy.Catalog;

namespace RamConsole.Core.Mfa;

/// <summary>
/// A user's MFA devices — TOTP, security keys, recovery codes — managed by the user themself (as the security
/// setting AllowUserToManageMFADevices allows; a user who must enrol may always add a first factor) or by an
/// administrator through the gate. Removing a factor ends the user's other console sessions in the same transaction.
/// A user changing their own factors from the console must have entered their password recently (<see cref="RecentPassword"/>).
/// </summary>
[GateFree(GateFreeStep.SelfService)]
public sealed class MfaDevices(UseCaseServices services, SecuritySettingsStore settings, ConsoleSessions sessions,
    IDataProtectionProvider dataProtection, WebAuthnRelyingParty relyingParty, RecentPassword recentPassword)
{
    private static readonly TimeSpan SetupLifetime = TimeSpan.FromMinutes(15);
    private IDataProtector SetupProtector => dataProtection.CreateProtector("RamConsole.TotpSetup.v1");

    public async Task<MfaStatus> GetStatusAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var (db, user) = await ReadAsync(caller, RamActions.GetUserMFAInfo, userName, cancellationToken);
        await using (db) return await StatusAsync(db, user, cancellationToken);
    }

    public async Task<TotpSetup> BeginTotpAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var (db, user) = await ReadAsync(caller, RamActions.CreateVirtualMFADevice, userName, cancellationToken);
        await using var _ = db;
        if (await db.TotpDevices.AnyAsync(d => d.UserId == user.Id, cancellationToken))
            throw RamErrors.AlreadyExists("User.MFADevice", $"for {user.UserName}", "Code1");
        var secret = TotpCodes.NewSecret();
        var uri = TotpCodes.OtpAuthUri(secret, $"RamConsole ({services.Account.Alias})", user.UserName!);
        using var qr = new QRCodeGenerator();
        var png = new PngByteQRCode(qr.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M)).GetGraphic(5);
        var protectedSecret = SealedValue.Seal(SetupProtector, $"{user.Id}:{TotpCodes.ToBase32(secret)}", services.Time.GetUtcNow() + SetupLifetime);
        return new TotpSetup(TotpCodes.ToBase32(secret), uri, "data:image/png;base64," + Convert.ToBase64String(png), protectedSecret);
    }

    public async Task<FactorBound> BindTotpAsync(Caller caller, string userName, string protectedSecret, string? code1, string? code2,
        CancellationToken cancellationToken = default)
    {
        var (change, user) = await ChangeAsync(caller, RamActions.BindMFADevice, userName, cancellationToken);
        await using var _ = change;
        var db = change.Db;
        var secret = UnprotectSetup(protectedSecret, user.Id);
        if (!TotpCodes.IsWellFormed(code1)) throw RamErrors.Invalid("InvalidParameter.AuthenticationCode1", "Enter the 6-digit code your app shows.", "Code1");
        if (!TotpCodes.IsWellFormed(code2)) throw RamErrors.Invalid("InvalidParameter.AuthenticationCode2", "Wait for the next code and enter it here.", "Code2");
        var step = TotpCodes.MatchConsecutive(secret, code1, code2, services.Time.GetUtcNow())
            ?? throw RamErrors.Invalid("InvalidParameter.AuthenticationCode", "The codes do not match. Enter two consecutive codes from the app, and check its clock.", "Code1");
        if (await db.TotpDevices.AnyAsync(d => d.UserId == user.Id, cancellationToken))
            throw RamErrors.AlreadyExists("User.MFADevice", $"for {user.UserName}", "Code1");
        var hadFactor = await HasFactorAsync(db, user.Id, cancellationToken);
        var now = services.Time.GetUtcNow();
        db.TotpDevices.Add(new TotpDevice
        {
            UserId = user.Id,
            ProtectedSecret = SecretProtector.Protect(TotpCodes.ToBase32(secret)),
            BoundAt = now,
            LastUsedStep = step, // the codes just typed are spent
            LastUsedAt = now,
        });
        var codes = hadFactor ? null : StageRecoveryCodes(db, user.Id, now);
        user.MfaGeneration++;
        await change.CommitAsync(null, new { Device = "TOTP", RecoveryCodesIssued = codes is not null }, cancellationToken);
        return new FactorBound(codes);
    }

    public async Task RemoveTotpAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var (change, user) = await ChangeAsync(caller, RamActions.UnbindMFADevice, userName, cancellationToken);
        await using var _ = change;
        var device = await change.Db.TotpDevices.SingleOrDefaultAsync(d => d.UserId == user.Id, cancellationToken)
            ?? throw RamErrors.NotFound("User.MFADevice", $"for {user.UserName}");
        change.Db.TotpDevices.Remove(device);
        await RemovedAsync(change, caller, user, new { Device = "TOTP" }, cancellationToken);
    }

    /// <summary>Registration options for a new security key (to hand to <c>navigator.credentials.create</c>).</summary>
    public async Task<string> BeginKeyAsync(Caller caller, string userName, WebAuthnSite site, CancellationToken cancellationToken = default)
    {
        var (db, user) = await ReadAsync(caller, RamActions.BindMFADevice, userName, cancellationToken);
        await using var _ = db;
        var existing = await db.WebAuthnCredentials.Where(c => c.UserId == user.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var options = relyingParty.For(site).RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = UserHandle(user), Name = user.UserName!, DisplayName = user.DisplayName ?? user.UserName! },
            ExcludeCredentials = [.. existing.Select(id => new PublicKeyCredentialDescriptor(System.Buffers.Text.Base64Url.DecodeFromChars(id)))],
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = ResidentKeyRequirement.Preferred,
                UserVerification = UserVerificationRequirement.Preferred,
            },
            AttestationPreference = relyingParty.Conveyance,
        });
        return options.ToJson();
    }

    /// <summary>Verifies the browser's attestation against the options it was given and stores the key.</summary>
    public async Task<FactorBound> CompleteKeyAsync(Caller caller, string userName, WebAuthnSite site, string? name, string optionsJson,
        string? responseJson, CancellationToken cancellationToken = default)
    {
        var keyName = KeyName(name);
        var (change, user) = await ChangeAsync(caller, RamActions.BindMFADevice, userName, cancellationToken);
        await using var _ = change;
        var db = change.Db;
        var response = Parse<AuthenticatorAttestationRawResponse>(responseJson);
        RegisteredPublicKeyCredential credential;
        try
        {
            credential = await relyingParty.For(site).MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = response,
                OriginalOptions = CredentialCreateOptions.FromJson(optionsJson),
                IsCredentialIdUniqueToUserCallback = async (args, ct) =>
                {
                    var id = System.Buffers.Text.Base64Url.EncodeToString(args.CredentialId);
                    return !await db.WebAuthnCredentials.AnyAsync(c => c.Id == id, ct);
                },
            }, cancellationToken);
        }
        catch (Fido2VerificationException e)
        {
            throw RamErrors.Invalid("InvalidParameter.WebAuthn", $"The security key's response was not accepted: {e.Message}", "Key");
        }
        if (!relyingParty.IsAllowed(credential.AaGuid))
            throw RamErrors.Invalid("InvalidParameter.WebAuthn.Authenticator", $"This authenticator model ({credential.AaGuid}) is not on the allowed list.", "Key");
        var hadFactor = await HasFactorAsync(db, user.Id, cancellationToken);
        var now = services.Time.GetUtcNow();
        var stored = new WebAuthnCredential
        {
            Id = System.Buffers.Text.Base64Url.EncodeToString(credential.Id),
            UserId = user.Id,
            Name = keyName,
            PublicKey = credential.PublicKey,
            UserHandle = UserHandle(user),
            SignCount = credential.SignCount,
            AaGuid = credential.AaGuid,
            Transports = credential.Transports is { Length: > 0 } t ? string.Join(',', t) : null,
            CreatedAt = now,
        };
        db.WebAuthnCredentials.Add(stored);
        var codes = hadFactor ? null : StageRecoveryCodes(db, user.Id, now);
        user.MfaGeneration++;
        await change.CommitAsync(null, new { Device = "SecurityKey", stored.Name, stored.AaGuid, RecoveryCodesIssued = codes is not null }, cancellationToken);
        return new FactorBound(codes);
    }

    public async Task RenameKeyAsync(Caller caller, string userName, string keyId, string? name, CancellationToken cancellationToken = default)
    {
        var keyName = KeyName(name);
        var (change, user) = await ChangeAsync(caller, RamActions.UpdateMFADevice, userName, cancellationToken, recentPasswordNeeded: false);
        await using var _ = change;
        var key = await FindKeyAsync(change.Db, user, keyId, cancellationToken);
        var before = key.Name;
        key.Name = keyName;
        await change.CommitAsync(new { Key = before }, new { Key = keyName }, cancellationToken);
    }

    public async Task RemoveKeyAsync(Caller caller, string userName, string keyId, CancellationToken cancellationToken = default)
    {
        var (change, user) = await ChangeAsync(caller, RamActions.UnbindMFADevice, userName, cancellationToken);
        await using var _ = change;
        var key = await FindKeyAsync(change.Db, user, keyId, cancellationToken);
        change.Db.WebAuthnCredentials.Remove(key);
        await RemovedAsync(change, caller, user, new { Device = "SecurityKey", key.Name }, cancellationToken);
    }

    /// <summary>Replaces the user's recovery codes with ten new ones (shown once).</summary>
    public async Task<IReadOnlyList<string>> RegenerateRecoveryCodesAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var (change, user) = await ChangeAsync(caller, RamActions.GenerateRecoveryCodes, userName, cancellationToken);
        await using var _ = change;
        if (!await HasFactorAsync(change.Db, user.Id, cancellationToken))
            throw RamErrors.Invalid("InvalidParameter.RecoveryCodes", "Bind an authenticator app or a security key first.");
        var codes = StageRecoveryCodes(change.Db, user.Id, services.Time.GetUtcNow());
        await change.CommitAsync(null, new { RecoveryCodes = "regenerated" }, cancellationToken);
        return codes;
    }

    /// <summary>Administrator action: remove every factor; the user must enrol again at the next sign-in.</summary>
    public async Task RemoveAllAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.UserName(userName);
        var (change, user) = await services.BeginChangeOfAsync(caller, RamActions.UnbindMFADevice, services.Resource("user", name),
            db => FindAsync(db, name, cancellationToken), cancellationToken);
        await using var _ = change;
        var db = change.Db;
        await recentPassword.DemandAsync(caller, user.UserName!, cancellationToken);
        var before = await StatusAsync(db, user, cancellationToken);
        db.WebAuthnCredentials.RemoveRange(await db.WebAuthnCredentials.Where(c => c.UserId == user.Id).ToListAsync(cancellationToken));
        db.RecoveryCodes.RemoveRange(await db.RecoveryCodes.Where(c => c.UserId == user.Id).ToListAsync(cancellationToken));
        db.TotpDevices.RemoveRange(await db.TotpDevices.Where(d => d.UserId == user.Id).ToListAsync(cancellationToken));
        await RemovedAsync(change, caller, user, new { before.TotpBound, Keys = before.Keys.Select(k => k.Name), Device = "All" }, cancellationToken, endCallerSession: true);
    }

    internal const string TotpSecretPurpose = "RamConsole.TotpSecret.v1";

    private IDataProtector SecretProtector => dataProtection.CreateProtector(TotpSecretPurpose);

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

    /// <summary>
    /// The gate first (a refused caller learns nothing about the user), with the self-service rule: a user may manage
    /// their own factors when AllowUserToManageMFADevices is on, may always see their own, and — when they must have MFA
    /// and have none — may always add their first factor, whatever the toggle says.
    /// </summary>
    private SelfService SelfServiceFor(string userName, string action) => new(userName, async ct =>
    {
        if (action == RamActions.GetUserMFAInfo) return true;
        var current = await settings.GetAsync(ct);
        if (current.AllowUserToManageMfaDevices) return true;
        if (action is not (RamActions.BindMFADevice or RamActions.CreateVirtualMFADevice)) return false;
        await using var db = await services.OpenGateFreeAsync(GateFreeStep.SelfService, ct); // the caller's own record
        var user = await FindAsync(db, userName, ct);
        return current.MfaRequiredFor(user) && !await HasFactorAsync(db, user.Id, ct);
    });

    private async Task<(RamDbContext Db, RamUser User)> ReadAsync(Caller caller, string action, string userName, CancellationToken cancellationToken)
    {
        var name = RamNames.UserName(userName);
        var db = await services.BeginReadAsync(caller, action, services.Resource("user", name), cancellationToken, SelfServiceFor(name, action));
        try
        {
            return (db, await FindAsync(db, name, cancellationToken));
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>A change to the user's factors; changing one's own from the console needs the password entered recently.</summary>
    private async Task<(Changes.Change Change, RamUser User)> ChangeAsync(Caller caller, string action, string userName, CancellationToken cancellationToken,
        bool recentPasswordNeeded = true)
    {
        var name = RamNames.UserName(userName);
        var (change, user) = await services.BeginChangeOfAsync(caller, action, services.Resource("user", name), db => FindAsync(db, name, cancellationToken),
            cancellationToken, SelfServiceFor(name, action));
        try
        {
            if (recentPasswordNeeded) await recentPassword.DemandAsync(caller, user.UserName!, cancellationToken);
            return (change, user);
        }
        catch
        {
            await change.DisposeAsync();
            throw;
        }
    }

    private static Task<RamUser> FindAsync(RamDbContext db, string userName, CancellationToken cancellationToken) =>
        db.Users.FindPrincipalAsync(userName, cancellationToken);

    private byte[] UnprotectSetup(string protectedSecret, string userId)
    {
        var text = SealedValue.Open(SetupProtector, protectedSecret, services.Time.GetUtcNow());
        var separator = text?.IndexOf(':') ?? -1;
        if (text is not null && separator > 0 && text[..separator] == userId && TotpCodes.FromBase32(text[(separator + 1)..]) is { } secret)
            return secret;
        throw RamErrors.Invalid("InvalidParameter.MFADevice.SetupExpired", "This enrolment has expired. Start again.", "Code1");
    }

    private static List<string> StageRecoveryCodes(RamDbContext db, string userId, DateTimeOffset now)
    {
        db.RecoveryCodes.RemoveRange([.. db.RecoveryCodes.Where(c => c.UserId == userId)]);
        var codes = RecoveryCodes.Generate().ToList();
        db.RecoveryCodes.AddRange(codes.Select(c => new RecoveryCode { UserId = userId, Hash = RecoveryCodes.Hash(c), CreatedAt = now }));
        return codes;
    }

    private async Task RemovedAsync(Changes.Change change, Caller caller, RamUser user, object removed, CancellationToken cancellationToken, bool endCallerSession = false)
    {
        var db = change.Db;
        user.MfaGeneration++;
        if (!await HasFactorAsync(db, user.Id, cancellationToken))
            db.RecoveryCodes.RemoveRange(await db.RecoveryCodes.Where(c => c.UserId == user.Id).ToListAsync(cancellationToken));
        var ended = await sessions.EndAllInAsync(db, user.Id, "MfaDeviceRemoved", exceptSessionId: endCallerSession ? null : caller.SessionId, cancellationToken: cancellationToken);
        await change.CommitAsync(removed, new { SessionsEnded = ended.Count }, cancellationToken);
    }

    private static async Task<WebAuthnCredential> FindKeyAsync(RamDbContext db, RamUser user, string keyId, CancellationToken cancellationToken) =>
        await db.WebAuthnCredentials.SingleOrDefaultAsync(c => c.Id == keyId && c.UserId == user.Id, cancellationToken)
        ?? throw RamErrors.NotFound("User.SecurityKey", keyId);

    private static string KeyName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length is >= 1 and <= 64
            ? trimmed
            : throw RamErrors.Invalid("InvalidParameter.Name", "Name the key (1 to 64 characters), for example \"YubiKey on my keyring\".", "Name");
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
