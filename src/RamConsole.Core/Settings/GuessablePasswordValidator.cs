using Microsoft.AspNetCore.Identity;
using RamConsole.Core.Users;

namespace RamConsole.Core.Settings;

/// <summary>
/// Refuses passwords that are common, breached or built from who the user is (ASVS 5.0 6.2.4 / 6.2.12), on every
/// password set, whatever the composition rules say: "Password123!" has every character class and is still among
/// the first guesses of any attacker.
/// Rules:
/// - zxcvbn (zxcvbn-core) estimates the guesses an attacker needs from its bundled lists of common passwords, names
///   and words (with l33t substitutions, keyboard walks, dates and repeats); a score below <see cref="MinimumScore"/>
///   is refused.
/// - The user's own name, display name and the product's names count as dictionary words, so "Alice-2026!" for alice
///   is scored as the guessable password it is.
/// - The password itself never appears in the message.
/// </summary>
public sealed class GuessablePasswordValidator : IPasswordValidator<RamUser>
{
    /// <summary>zxcvbn's 0–4 scale: 2 resists an unthrottled online attack (about 10^6 s of guessing at its model rate).</summary>
    public const int MinimumScore = 2;

    private static readonly string[] ProductWords = ["ramconsole", "ram", "console", "alibaba", "aliyun", "kvstore", "redis"];

    public Task<IdentityResult> ValidateAsync(UserManager<RamUser> manager, RamUser user, string? password) =>
        Task.FromResult(IsGuessable(password ?? "", user.UserName, user.DisplayName)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooGuessable",
                Description = "This password is too easy to guess: it is a common or breached password, close to one, or built from your name. Use a longer passphrase of unrelated words.",
            })
            : IdentityResult.Success);

    public static bool IsGuessable(string password, params string?[] personalWords)
    {
        if (password.Length == 0) return true;
        var inputs = personalWords.Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w!.ToLowerInvariant()).Concat(ProductWords);
        return Zxcvbn.Zxcvbn.MatchPassword(password, inputs).Score < MinimumScore;
    }
}
