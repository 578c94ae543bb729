using Microsoft.AspNetCore.Identity;
using RamConsole.Core.Users;

namespace RamConsole.Core.Settings;

/// <summary>
/// Identity's password validator, driven by the account's password policy instead of fixed options, so a change
/// on the settings page applies to the next password set. Each broken rule gets its own message.
/// </summary>
public sealed class PasswordPolicyValidator(SecuritySettingsStore settings) : IPasswordValidator<RamUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<RamUser> manager, RamUser user, string? password)
    {
        var problems = Check(settings.Current, password ?? "");
        return Task.FromResult(problems.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed([.. problems.Select(p => new IdentityError { Code = p.Code, Description = p.Message })]));
    }

    public sealed record Problem(string Code, string Message);

    public static List<Problem> Check(SecuritySettings policy, string password)
    {
        var problems = new List<Problem>();
        if (password.Length < policy.MinimumPasswordLength)
            problems.Add(new("PasswordTooShort", $"Use at least {policy.MinimumPasswordLength} characters."));
        if (password.Length > 128)
            problems.Add(new("PasswordTooLong", "Use at most 128 characters."));
        if (policy.RequireLowercaseCharacters && !password.Any(char.IsLower))
            problems.Add(new("PasswordRequiresLower", "Include a lowercase letter."));
        if (policy.RequireUppercaseCharacters && !password.Any(char.IsUpper))
            problems.Add(new("PasswordRequiresUpper", "Include an uppercase letter."));
        if (policy.RequireNumbers && !password.Any(char.IsDigit))
            problems.Add(new("PasswordRequiresDigit", "Include a number."));
        if (policy.RequireSymbols && password.All(char.IsLetterOrDigit))
            problems.Add(new("PasswordRequiresNonAlphanumeric", "Include a symbol such as ! or #."));
        return problems;
    }
}
