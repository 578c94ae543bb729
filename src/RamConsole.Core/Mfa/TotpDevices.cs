using Microsoft.AspNetCore.DataProtection;
using QRCoder;
using RamConsole.Core.Persistence;
using RamConsole.Core.Users;
using RamConsole.Core.Settings;
using RamConsole.Core.SignIn;

namespace RamConsole.Core.Mfa;

/// <summary>An authenticator app (TOTP): the secret handed out (CreateVirtualMFADevice), bound with two consecutive codes, removed.</summary>
public sealed class TotpDevices(MfaDeviceGate gate, UseCaseServices services, IDataProtectionProvider dataProtection)
{
    private static readonly TimeSpan SetupLifetime = TimeSpan.FromMinutes(15);
    private IDataProtector SetupProtector => dataProtection.CreateProtector("RamConsole.TotpSetup.v1");

    private IDataProtector SecretProtector => dataProtection.CreateProtector(MfaDevices.TotpSecretPurpose);

    public async Task<TotpSetup> BeginTotpAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var (db, user) = await gate.ReadAsync(caller, RamActions.CreateVirtualMFADevice, userName, cancellationToken);
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
        var (change, user) = await gate.ChangeAsync(caller, RamActions.BindMFADevice, userName, cancellationToken);
        await using var _ = change;
        var db = change.Db;
        var secret = UnprotectSetup(protectedSecret, user.Id);
        if (!TotpCodes.IsWellFormed(code1)) throw RamErrors.Invalid("InvalidParameter.AuthenticationCode1", "Enter the 6-digit code your app shows.", "Code1");
        if (!TotpCodes.IsWellFormed(code2)) throw RamErrors.Invalid("InvalidParameter.AuthenticationCode2", "Wait for the next code and enter it here.", "Code2");
        var step = TotpCodes.MatchConsecutive(secret, code1, code2, services.Time.GetUtcNow())
            ?? throw RamErrors.Invalid("InvalidParameter.AuthenticationCode", "The codes do not match. Enter two consecutive codes from the app, and check its clock.", "Code1");
        if (await db.TotpDevices.AnyAsync(d => d.UserId == user.Id, cancellationToken))
            throw RamErrors.AlreadyExists("User.MFADevice", $"for {user.UserName}", "Code1");
        var hadFactor = await MfaDevices.HasFactorAsync(db, user.Id, cancellationToken);
        var now = services.Time.GetUtcNow();
        db.TotpDevices.Add(new TotpDevice
        {
            UserId = user.Id,
            ProtectedSecret = SecretProtector.Protect(TotpCodes.ToBase32(secret)),
            BoundAt = now,
            LastUsedStep = step, // the codes just typed are spent
            LastUsedAt = now,
        });
        var codes = hadFactor ? null : MfaDeviceGate.StageRecoveryCodes(db, user.Id, now);
        user.MfaGeneration++;
        await change.CommitAsync(null, new { Device = "TOTP", RecoveryCodesIssued = codes is not null }, cancellationToken);
        return new FactorBound(codes);
    }

    public async Task RemoveTotpAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var (change, user) = await gate.ChangeAsync(caller, RamActions.UnbindMFADevice, userName, cancellationToken);
        await using var _ = change;
        var device = await change.Db.TotpDevices.SingleOrDefaultAsync(d => d.UserId == user.Id, cancellationToken)
            ?? throw RamErrors.NotFound("User.MFADevice", $"for {user.UserName}");
        change.Db.TotpDevices.Remove(device);
        await gate.RemovedAsync(change, caller, user, new { Device = "TOTP" }, cancellationToken);
    }

    private byte[] UnprotectSetup(string protectedSecret, string userId)
    {
        var text = SealedValue.Open(SetupProtector, protectedSecret, services.Time.GetUtcNow());
        var separator = text?.IndexOf(':') ?? -1;
        if (text is not null && separator > 0 && text[..separator] == userId && TotpCodes.FromBase32(text[(separator + 1)..]) is { } secret)
            return secret;
        throw RamErrors.Invalid("InvalidParameter.MFADevice.SetupExpired", "This enrolment has expired. Start again.", "Code1");
    }
}
