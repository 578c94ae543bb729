using Microsoft.AspNetCore.Identity;
using RamConsole.Core.Settings;

namespace RamConsole.Core.Users;

/// <summary>
/// Sets a console password: checked against the password policy (Identity's validators, driven by the security
/// settings) and the reuse-prevention history, hashed by Identity (PBKDF2-HMAC-SHA512), and a new security stamp.
/// Callers end the user's console sessions in the same transaction.
/// </summary>
public sealed class PasswordRules(UserManager<RamUser> userManager, IPasswordHasher<RamUser> hasher, TimeProvider time, SecuritySettingsStore settings)
{
    private const int MaxHistory = 24;

    public async Task SetAsync(RamUser user, string? password, string field = "Password")
    {
        if (string.IsNullOrEmpty(password)) throw RamErrors.Invalid("MissingParameter", $"{field} is required.", field);
        var problems = new List<string>();
        foreach (var validator in userManager.PasswordValidators)
        {
            var result = await validator.ValidateAsync(userManager, user, password);
            problems.AddRange(result.Errors.Select(e => e.Description));
        }
        if (problems.Count > 0)
            throw RamErrors.Invalid("InvalidParameter.Password.PolicyViolation", "The password does not meet the password policy: " + string.Join(" ", problems), field);

        var history = (user.PreviousPasswordHashes ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (user.PasswordHash is not null) history.Insert(0, user.PasswordHash);
        var reuse = settings.Current.PasswordReusePrevention;
        if (reuse > 0 && history.Take(reuse).Any(h => hasher.VerifyHashedPassword(user, h, password) != PasswordVerificationResult.Failed))
            throw RamErrors.Invalid("InvalidParameter.Password.Reused", $"Choose a password different from your last {reuse}.", field);

        user.PreviousPasswordHashes = history.Count == 0 ? null : string.Join('\n', history.Take(MaxHistory));
        user.PasswordHash = hasher.HashPassword(user, password);
        user.PasswordChangedAt = time.GetUtcNow();
        user.SecurityStamp = Guid.NewGuid().ToString("N");
    }
}
