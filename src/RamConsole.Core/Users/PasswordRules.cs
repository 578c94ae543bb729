using Microsoft.AspNetCore.Identity;
using RamConsole.Core.Errors;

namespace RamConsole.Core.Users;

/// <summary>
/// Sets a console password: checked against the password policy (Identity's validators), hashed by Identity
/// (PBKDF2-HMAC-SHA512), and a new security stamp so existing console sessions end.
/// </summary>
public sealed class PasswordRules(UserManager<RamUser> userManager, IPasswordHasher<RamUser> hasher, TimeProvider time)
{
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
        user.PasswordHash = hasher.HashPassword(user, password);
        user.PasswordChangedAt = time.GetUtcNow();
        user.SecurityStamp = Guid.NewGuid().ToString("N");
    }
}
