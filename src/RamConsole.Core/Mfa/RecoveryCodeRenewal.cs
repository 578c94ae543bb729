using RamConsole.Core.Persistence;
using RamConsole.Core.Users;

namespace RamConsole.Core.Mfa;

/// <summary>Ten new single-use recovery codes, replacing the old ones (shown once).</summary>
public sealed class RecoveryCodeRenewal(MfaDeviceGate gate, UseCaseServices services)
{
    /// <summary>Replaces the user's recovery codes with ten new ones (shown once).</summary>
    public async Task<IReadOnlyList<string>> RegenerateAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var (change, user) = await gate.ChangeAsync(caller, RamActions.GenerateRecoveryCodes, userName, cancellationToken);
        await using var _ = change;
        if (!await MfaDevices.HasFactorAsync(change.Db, user.Id, cancellationToken))
            throw RamErrors.Invalid("InvalidParameter.RecoveryCodes", "Bind an authenticator app or a security key first.");
        var codes = MfaDeviceGate.StageRecoveryCodes(change.Db, user.Id, services.Time.GetUtcNow());
        await change.CommitAsync(null, new { RecoveryCodes = "regenerated" }, cancellationToken);
        return codes;
    }
}
