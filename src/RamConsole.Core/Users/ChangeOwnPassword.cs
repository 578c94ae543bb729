using RamConsole.Core.SignIn;
using RamConsole.Core.Settings;
using RamConsole.Core.Sessions;

namespace RamConsole.Core.Users;

/// <summary>
/// A signed-in principal changes their own password (Alibaba's ChangePassword): the old password is required, the
/// password policy and reuse prevention apply, and the user's other console sessions end. RAM users need the
/// security setting AllowUserToChangePassword (or a policy allowing <c>ram:ChangePassword</c>).
/// </summary>
public sealed class ChangeOwnPassword(UseCaseServices services, PasswordRules passwords, OwnPasswordCheck currentPassword,
    SecuritySettingsStore settings, ConsoleSessions sessions)
{
    public async Task RunAsync(Caller caller, string? oldPassword, string? newPassword, string? confirmation, CancellationToken cancellationToken = default)
    {
        if (caller.Type == PrincipalKind.AssumedRole) throw RamErrors.Invalid("InvalidParameter.Caller", "A role session has no password.");
        var resource = services.Resource("user", caller.Name);
        if (string.IsNullOrEmpty(oldPassword)) throw RamErrors.Invalid("MissingParameter", "Enter your current password.", "OldPassword");
        if (newPassword != confirmation) throw RamErrors.Invalid("InvalidParameter.Password.Mismatch", "The two passwords differ.", "ConfirmPassword");
        await using var change = await services.BeginChangeAsync(caller, RamActions.ChangePassword, resource, cancellationToken,
            new SelfService(caller.Name, async ct => (await settings.GetAsync(ct)).AllowUserToChangePassword));
        var db = change.Db;
        var normal = caller.Name.ToUpperInvariant();
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == normal && u.ConsoleLoginEnabled, cancellationToken)
            ?? throw RamErrors.NotFound("User.LoginProfile", caller.Name);
        await currentPassword.VerifyAsync(db, caller, user, oldPassword, RamActions.ChangePassword, "InvalidParameter.OldPassword", "OldPassword", cancellationToken);
        if (oldPassword == newPassword)
            throw RamErrors.Invalid("InvalidParameter.Password.Reused", "Choose a password different from the current one.", "NewPassword");
        await passwords.SetAsync(user, newPassword, "NewPassword");
        user.PasswordResetRequired = false;
        var ended = await sessions.EndAllInAsync(db, user.Id, "PasswordChanged", exceptSessionId: caller.SessionId, cancellationToken: cancellationToken);
        await change.CommitAsync(null, new { PasswordChanged = true, OtherSessionsEnded = ended.Count }, cancellationToken);
    }
}
