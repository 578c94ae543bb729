namespace RamConsole.Core.SignIn;

/// <summary>What the sign-in form sent, and from where.</summary>
public sealed record SignInAttempt(string UserName, string Password, string? SourceIp);

/// <summary>
/// The result of checking a password. A failure carries one message whatever the reason (unknown user, wrong
/// password, locked, no console access), so the form never tells an attacker which names exist or are locked. Two
/// refusals say more because they reveal nothing about the credentials: a network outside LoginNetworkMasks
/// (checked before the password), and a hard-expired password (checked after it).
/// </summary>
public sealed record SignInOutcome(Users.RamUser? User, string? Error = null, bool PasswordExpired = false)
{
    public const string GenericError = "The user name or password is incorrect, or the account cannot sign in right now.";
    public const string NetworkError = "Console sign-in is not allowed from your network address. Ask your administrator.";
    public const string SsoRequiredError = "Single sign-on is on for this account: RAM users sign in with \"Sign in with SSO\".";
    public const string HardExpiredError = "Your password has expired. Ask your administrator to reset it.";

    public bool Succeeded => User is not null;

    public static SignInOutcome Failed { get; } = new((Users.RamUser?)null, GenericError);
}
