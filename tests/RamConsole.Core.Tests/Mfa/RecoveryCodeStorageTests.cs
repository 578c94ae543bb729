using Microsoft.EntityFrameworkCore;
using System.Security.Cryptography;
using System.Text;
using RamConsole.Core.Mfa;
using RamConsole.Core.Tests.Support;

namespace RamConsole.Core.Tests.Mfa;

/// <summary>Recovery codes at rest: salted, slow, compared in fixed time (ASVS 5.0 6.5.2); see <see cref="RecoveryCodes"/>.</summary>
public sealed class RecoveryCodeStorageTests
{
    [Fact]
    public async Task Stored_codes_are_salted_pbkdf2_hashes_no_two_alike_and_none_holding_the_code()
    {
        await using var host = await CoreHost.StartAsync();
        await host.AddConsoleUserAsync("alice", "Alice-Passw0rd-2026");
        var (_, bound) = await host.BindTotpAsync("alice");
        await using var db = host.NewDb();
        var stored = await db.RecoveryCodes.Select(c => c.Hash).ToListAsync();

        Assert.Equal(RecoveryCodes.Count, stored.Count);
        Assert.All(stored, h => Assert.StartsWith($"pbkdf2-sha256${RecoveryCodes.Iterations}$", h));
        Assert.Equal(stored.Count, stored.Select(h => h.Split('$')[2]).Distinct().Count()); // a salt per code
        var unsalted = bound.RecoveryCodes!.Select(c => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(c.Replace("-", ""))))).ToList();
        Assert.DoesNotContain(stored, h => unsalted.Any(h.Contains) || bound.RecoveryCodes!.Any(c => h.Contains(c.Replace("-", ""))));
    }

    [Fact]
    public void The_same_code_hashes_differently_each_time_and_verifies_whatever_its_case_and_dashes()
    {
        var code = RecoveryCodes.Generate()[0];
        var first = RecoveryCodes.Hash(code);
        var second = RecoveryCodes.Hash(code);

        Assert.NotEqual(first, second);
        Assert.True(RecoveryCodes.Verify(code, first));
        Assert.True(RecoveryCodes.Verify(code.ToUpperInvariant().Replace("-", " "), second));
        Assert.False(RecoveryCodes.Verify(RecoveryCodes.Generate()[0], first));
        Assert.False(RecoveryCodes.Verify("", first));
    }

    [Theory]
    [InlineData("pbkdf2-sha256$100000$not-base64$AAAA")]
    [InlineData("pbkdf2-sha256$0$AAAA$AAAA")]               // no zero-round "hash"
    [InlineData("pbkdf2-sha256$99999999999$AAAA$AAAA")]     // nor a stored value that would make a check take hours
    [InlineData("md5$1$AAAA$AAAA")]
    [InlineData("")]
    public void A_damaged_or_foreign_stored_value_never_verifies_and_never_throws(string stored) =>
        Assert.False(RecoveryCodes.Verify("abcde-fghjk", stored));

    [Fact]
    public void A_code_stored_before_salted_hashes_still_verifies_so_an_upgrade_locks_nobody_out()
    {
        var legacy = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("abcdefghjk")));
        Assert.True(RecoveryCodes.Verify("ABCDE-FGHJK", legacy));
        Assert.False(RecoveryCodes.Verify("abcde-fghjm", legacy));
    }
}
