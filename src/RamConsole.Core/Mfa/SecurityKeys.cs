using Fido2NetLib;
using Fido2NetLib.Objects;
using RamConsole.Core.Persistence;
using RamConsole.Core.Users;

namespace RamConsole.Core.Mfa;

/// <summary>Security keys and passkeys (WebAuthn via Fido2): registered, renamed, removed.</summary>
public sealed class SecurityKeys(MfaDeviceGate gate, UseCaseServices services, WebAuthnRelyingParty relyingParty)
{
    /// <summary>Registration options for a new security key (to hand to <c>navigator.credentials.create</c>).</summary>
    public async Task<string> BeginKeyAsync(Caller caller, string userName, WebAuthnSite site, CancellationToken cancellationToken = default)
    {
        var (db, user) = await gate.ReadAsync(caller, RamActions.BindMFADevice, userName, cancellationToken);
        await using var _ = db;
        var existing = await db.WebAuthnCredentials.Where(c => c.UserId == user.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var options = relyingParty.For(site).RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = MfaDevices.UserHandle(user), Name = user.UserName!, DisplayName = user.DisplayName ?? user.UserName! },
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
        var (change, user) = await gate.ChangeAsync(caller, RamActions.BindMFADevice, userName, cancellationToken);
        await using var _ = change;
        var db = change.Db;
        var response = MfaDevices.Parse<AuthenticatorAttestationRawResponse>(responseJson);
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
        var hadFactor = await MfaDevices.HasFactorAsync(db, user.Id, cancellationToken);
        var now = services.Time.GetUtcNow();
        var stored = new WebAuthnCredential
        {
            Id = System.Buffers.Text.Base64Url.EncodeToString(credential.Id),
            UserId = user.Id,
            Name = keyName,
            PublicKey = credential.PublicKey,
            UserHandle = MfaDevices.UserHandle(user),
            SignCount = credential.SignCount,
            AaGuid = credential.AaGuid,
            Transports = credential.Transports is { Length: > 0 } t ? string.Join(',', t) : null,
            CreatedAt = now,
        };
        db.WebAuthnCredentials.Add(stored);
        var codes = hadFactor ? null : MfaDeviceGate.StageRecoveryCodes(db, user.Id, now);
        user.MfaGeneration++;
        await change.CommitAsync(null, new { Device = "SecurityKey", stored.Name, stored.AaGuid, RecoveryCodesIssued = codes is not null }, cancellationToken);
        return new FactorBound(codes);
    }

    public async Task RenameKeyAsync(Caller caller, string userName, string keyId, string? name, CancellationToken cancellationToken = default)
    {
        var keyName = KeyName(name);
        var (change, user) = await gate.ChangeAsync(caller, RamActions.UpdateMFADevice, userName, cancellationToken, recentPasswordNeeded: false);
        await using var _ = change;
        var key = await FindKeyAsync(change.Db, user, keyId, cancellationToken);
        var before = key.Name;
        key.Name = keyName;
        await change.CommitAsync(new { Key = before }, new { Key = keyName }, cancellationToken);
    }

    public async Task RemoveKeyAsync(Caller caller, string userName, string keyId, CancellationToken cancellationToken = default)
    {
        var (change, user) = await gate.ChangeAsync(caller, RamActions.UnbindMFADevice, userName, cancellationToken);
        await using var _ = change;
        var key = await FindKeyAsync(change.Db, user, keyId, cancellationToken);
        change.Db.WebAuthnCredentials.Remove(key);
        await gate.RemovedAsync(change, caller, user, new { Device = "SecurityKey", key.Name }, cancellationToken);
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
}
