using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using RamConsole.Core.Authorization;
using RamConsole.Core.Errors;
using RamConsole.Core.Persistence;
using RamConsole.Core.Security;
using RamConsole.Core.Sessions;
using RamConsole.Core.Users;

namespace RamConsole.Core.Mfa;

/// <summary>
/// A user's MFA devices — TOTP, security keys, recovery codes — managed by the user themself (as the security
/// setting AllowUserToManageMFADevices allows; a user who must enrol may always add a first factor) or by an
/// administrator through the gate. Removing a factor ends the user's other console sessions in the same transaction.
/// A user changing their own factors from the console must have entered their password recently (<see cref="RecentPassword"/>).
/// </summary>
public sealed class MfaDevices(UseCaseServices services, SecuritySettingsStore settings, ConsoleSessions sessions,
    IDataProtectionProvider dataProtection, WebAuthnRelyingParty relyingParty, RecentPassword recentPassword)
{
    private static readonly TimeSpan SetupLifetime = TimeSpan.FromMinutes(15);
    private IDataProtector SetupProtector => dataProtection.CreateProtector("RamConsole.TotpSetup.v1");

    public async Task<MfaStatus> GetStatusAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        await using var db = await services.DbFactory.CreateDbContextAsync(cancellationToken);
        var user = await AuthorizeAsync(db, caller, "ram:GetUserMFAInfo", userName, selfAlways: true, cancellationToken);
        return await StatusAsync(db, user, cancellationToken);
    }

    public async Task<TotpSetup> BeginTotpAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        await using var db = await services.DbFactory.CreateDbContextAsync(cancellationToken);
        var user = await AuthorizeAsync(db, caller, "ram:BindMFADevice", userName, selfAlways: false, cancellationToken);
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
        await using var db = await services.OpenForChangeAsync(cancellationToken);
        var user = await AuthorizeAsync(db, caller, "ram:BindMFADevice", userName, selfAlways: false, cancellationToken);
        await recentPassword.DemandAsync(caller, user.UserName!, cancellationToken);
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
        await CommitAsync(db, caller, "ram:BindMFADevice", user, new { Device = "TOTP", RecoveryCodesIssued = codes is not null }, null, cancellationToken);
        return new FactorBound(codes);
    }

    public async Task RemoveTotpAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        await using var db = await services.OpenForChangeAsync(cancellationToken);
        var user = await AuthorizeAsync(db, caller, "ram:UnbindMFADevice", userName, selfAlways: false, cancellationToken);
        await recentPassword.DemandAsync(caller, user.UserName!, cancellationToken);
        var device = await db.TotpDevices.SingleOrDefaultAsync(d => d.UserId == user.Id, cancellationToken)
            ?? throw RamErrors.NotFound("User.MFADevice", $"for {user.UserName}");
        db.TotpDevices.Remove(device);
        await RemovedAsync(db, caller, user, new { Device = "TOTP" }, cancellationToken);
    }

    /// <summary>Registration options for a new security key (to hand to <c>navigator.credentials.create</c>).</summary>
    public async Task<string> BeginKeyAsync(Caller caller, string userName, WebAuthnSite site, CancellationToken cancellationToken = default)
    {
        await using var db = await services.DbFactory.CreateDbContextAsync(cancellationToken);
        var user = await AuthorizeAsync(db, caller, "ram:BindMFADevice", userName, selfAlways: false, cancellationToken);
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
        await using var db = await services.OpenForChangeAsync(cancellationToken);
        var user = await AuthorizeAsync(db, caller, "ram:BindMFADevice", userName, selfAlways: false, cancellationToken);
        await recentPassword.DemandAsync(caller, user.UserName!, cancellationToken);
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
        await CommitAsync(db, caller, "ram:BindMFADevice", user, new { Device = "SecurityKey", stored.Name, stored.AaGuid, RecoveryCodesIssued = codes is not null }, null, cancellationToken);
        return new FactorBound(codes);
    }

    public async Task RenameKeyAsync(Caller caller, string userName, string keyId, string? name, CancellationToken cancellationToken = default)
    {
        var keyName = KeyName(name);
        await using var db = await services.OpenForChangeAsync(cancellationToken);
        var user = await AuthorizeAsync(db, caller, "ram:BindMFADevice", userName, selfAlways: false, cancellationToken);
        var key = await FindKeyAsync(db, user, keyId, cancellationToken);
        var before = key.Name;
        key.Name = keyName;
        await services.CommitAsync(db, caller, "ram:BindMFADevice", ResourceOf(user), new { Key = before }, new { Key = keyName }, policiesChanged: false, cancellationToken);
    }

    public async Task RemoveKeyAsync(Caller caller, string userName, string keyId, CancellationToken cancellationToken = default)
    {
        await using var db = await services.OpenForChangeAsync(cancellationToken);
        var user = await AuthorizeAsync(db, caller, "ram:UnbindMFADevice", userName, selfAlways: false, cancellationToken);
        await recentPassword.DemandAsync(caller, user.UserName!, cancellationToken);
        var key = await FindKeyAsync(db, user, keyId, cancellationToken);
        db.WebAuthnCredentials.Remove(key);
        await RemovedAsync(db, caller, user, new { Device = "SecurityKey", key.Name }, cancellationToken);
    }

    /// <summary>Replaces the user's recovery codes with ten new ones (shown once).</summary>
    public async Task<IReadOnlyList<string>> RegenerateRecoveryCodesAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        await using var db = await services.OpenForChangeAsync(cancellationToken);
        var user = await AuthorizeAsync(db, caller, "ram:BindMFADevice", userName, selfAlways: false, cancellationToken);
        await recentPassword.DemandAsync(caller, user.UserName!, cancellationToken);
        if (!await HasFactorAsync(db, user.Id, cancellationToken))
            throw RamErrors.Invalid("InvalidParameter.RecoveryCodes", "Bind an authenticator app or a security key first.");
        var codes = StageRecoveryCodes(db, user.Id, services.Time.GetUtcNow());
        await services.CommitAsync(db, caller, "ram:BindMFADevice", ResourceOf(user), null, new { RecoveryCodes = "regenerated" }, policiesChanged: false, cancellationToken);
        return codes;
    }

    /// <summary>Administrator action: remove every factor; the user must enrol again at the next sign-in.</summary>
    public async Task RemoveAllAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        await using var db = await services.OpenForChangeAsync(cancellationToken);
        var user = await FindAsync(db, userName, cancellationToken);
        await services.Gate.DemandAsync(caller, "ram:UnbindMFADevice", ResourceOf(user), cancellationToken);
        await recentPassword.DemandAsync(caller, user.UserName!, cancellationToken);
        var before = await StatusAsync(db, user, cancellationToken);
        db.WebAuthnCredentials.RemoveRange(await db.WebAuthnCredentials.Where(c => c.UserId == user.Id).ToListAsync(cancellationToken));
        db.RecoveryCodes.RemoveRange(await db.RecoveryCodes.Where(c => c.UserId == user.Id).ToListAsync(cancellationToken));
        db.TotpDevices.RemoveRange(await db.TotpDevices.Where(d => d.UserId == user.Id).ToListAsync(cancellationToken));
        await RemovedAsync(db, caller, user, new { before.TotpBound, Keys = before.Keys.Select(k => k.Name), Device = "All" }, cancellationToken, endCallerSession: true);
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

    private async Task<RamUser> AuthorizeAsync(RamDbContext db, Caller caller, string action, string userName, bool selfAlways, CancellationToken cancellationToken)
    {
        var user = await FindAsync(db, userName, cancellationToken);
        var current = await settings.GetAsync(cancellationToken);
        // A user who must have MFA and has none may always add their first factor, whatever the toggle says.
        var mustEnrol = current.MfaRequiredFor(user) && !await HasFactorAsync(db, user.Id, cancellationToken);
        var allowed = selfAlways || current.AllowUserToManageMfaDevices || (mustEnrol && action == "ram:BindMFADevice");
        await services.Gate.DemandSelfServiceAsync(caller, action, ResourceOf(user), user.UserName!, allowed, cancellationToken);
        return user;
    }

    private static Task<RamUser> FindAsync(RamDbContext db, string userName, CancellationToken cancellationToken) =>
        db.Users.FindPrincipalAsync(userName, cancellationToken);

    private string ResourceOf(RamUser user) => services.Resource("user", user.UserName!);

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

    private async Task RemovedAsync(RamDbContext db, Caller caller, RamUser user, object removed, CancellationToken cancellationToken, bool endCallerSession = false)
    {
        user.MfaGeneration++;
        if (!await HasFactorAsync(db, user.Id, cancellationToken))
            db.RecoveryCodes.RemoveRange(await db.RecoveryCodes.Where(c => c.UserId == user.Id).ToListAsync(cancellationToken));
        var ended = await sessions.EndAllInAsync(db, user.Id, "MfaDeviceRemoved", exceptSessionId: endCallerSession ? null : caller.SessionId, cancellationToken: cancellationToken);
        await services.CommitAsync(db, caller, "ram:UnbindMFADevice", ResourceOf(user), removed, new { SessionsEnded = ended.Count }, policiesChanged: false, cancellationToken);
        sessions.Forget();
    }

    private Task CommitAsync(RamDbContext db, Caller caller, string action, RamUser user, object after, object? before, CancellationToken cancellationToken) =>
        services.CommitAsync(db, caller, action, ResourceOf(user), before, after, policiesChanged: false, cancellationToken);

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
