using RamConsole.Core.Mfa;

namespace RamConsole.Core.Tests.Support;

internal static class MfaFixtures
{
    /// <summary>Binds a TOTP device for <paramref name="userName"/> as that user, with codes computed from the shown secret.</summary>
    public static async Task<(byte[] Secret, FactorBound Bound)> BindTotpAsync(this CoreHost host, string userName)
    {
        var mfa = host.Use<TotpDevices>();
        var caller = userName == "root" ? host.Root : host.As(userName);
        var setup = await mfa.BeginTotpAsync(caller, userName);
        var secret = TotpCodes.FromBase32(setup.SecretBase32)!;
        var step = TotpCodes.StepAt(host.Time.GetUtcNow());
        var bound = await mfa.BindTotpAsync(caller, userName, setup.ProtectedSecret, TotpCodes.CodeAt(secret, step - 1), TotpCodes.CodeAt(secret, step));
        return (secret, bound);
    }

    public static string CodeNow(this CoreHost host, byte[] secret, int stepOffset = 0) =>
        TotpCodes.CodeAt(secret, TotpCodes.StepAt(host.Time.GetUtcNow()) + stepOffset);
}
