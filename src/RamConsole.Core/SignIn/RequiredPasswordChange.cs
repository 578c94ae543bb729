using RamConsole.Core.Account;
using RamConsole.Core.Audit;
using RamConsole.Core.Persistence;
using RamConsole.Core.Users;

namespace RamConsole.Core.SignIn;

/// <summary>
/// A login profile with <c>PasswordResetRequired</c> must choose a new password before the console session starts.
/// The sign-in page has already checked the old password; this sets the new one (password policy applies, and it
/// must differ from the old one), clears the flag and audits the change.
/// </summary>
[Authorization.GateFree(Authorization.GateFreeStep.SignIn)]
public sealed class RequiredPasswordChange(UseCaseServices services, PasswordRules passwords,
    Microsoft.AspNetCore.Identity.IPasswordHasher<RamUser> hasher, Sessions.ConsoleSessions sessions)
{
    public async Task<RamUser> RunAsync(string userId, string newPassword, string? confirmation, string? sourceIp, CancellationToken cancellationToken = default)
    {
        if (newPassword != confirmation) throw RamErrors.Invalid("InvalidParameter.Password.Mismatch", "The two passwords differ.", "ConfirmPassword");
        await using var change = await services.BeginGateFreeChangeAsync(Authorization.GateFreeStep.SignIn, cancellationToken);
        var db = change.Db;
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.ConsoleLoginEnabled, cancellationToken)
            ?? throw RamErrors.NotFound("User.LoginProfile", userId);
        if (user.PasswordHash is not null && hasher.VerifyHashedPassword(user, user.PasswordHash, newPassword) != Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed)
            throw RamErrors.Invalid("InvalidParameter.Password.Reused", "Choose a password different from the current one.", "NewPassword");
        await passwords.SetAsync(user, newPassword, "NewPassword");
        user.PasswordResetRequired = false;
        await sessions.EndAllInAsync(db, user.Id, "PasswordChanged", cancellationToken: cancellationToken);
        var arn = Arns.User(services.Account.AccountId, user.UserName!);
        await change.CommitAsync(new AuditEntry
        {
            Action = Policy.Catalog.RamActions.ChangePassword, PrincipalArn = arn, PrincipalType = "User", Channel = AuditChannel.Console, SourceIp = sourceIp,
            ResourceArn = arn, RequestId = Guid.NewGuid().ToString(), Detail = new { Reason = user.PasswordResetRequired ? "PasswordResetRequired" : "PasswordExpiredOrResetRequired" },
        }, cancellationToken);
        return user;
    }
}
