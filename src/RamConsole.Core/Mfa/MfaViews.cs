namespace RamConsole.Core.Mfa;

public sealed record SecurityKeyView(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, Guid AaGuid);

/// <summary>A user's second factors (Alibaba's GetUserMFAInfo, widened to security keys and recovery codes).</summary>
public sealed record MfaStatus(string UserName, bool TotpBound, DateTimeOffset? TotpBoundAt, DateTimeOffset? TotpLastUsedAt,
    IReadOnlyList<SecurityKeyView> Keys, int RecoveryCodesLeft)
{
    public bool HasFactor => TotpBound || Keys.Count > 0;
}

/// <summary>
/// A TOTP enrolment in progress: the secret to show (QR code and base32 for manual entry) and the same secret
/// encrypted for the bind step, so nothing is stored until two codes prove the device works.
/// </summary>
public sealed record TotpSetup(string SecretBase32, string OtpAuthUri, string QrCodePngDataUri, string ProtectedSecret);

/// <summary>The result of binding a factor: recovery codes when this was the user's first factor (shown once).</summary>
public sealed record FactorBound(IReadOnlyList<string>? RecoveryCodes);
