namespace RamConsole.Core.SignIn;

/// <summary>What the sign-in form sent, and from where.</summary>
public sealed record SignInAttempt(string UserName, string Password, string? SourceIp);

/// <summary>
/// The result of checking a password. A failure carries one message whatever the reason (unknown user, wrong
/// password, locked, no console access), so the form never tells an attacker which names exist or are locked.
/// </summary>
public sealed record SignInOutcome(Users.RamUser? User)
{
    public const string GenericError = "The user name or password is incorrect, or the account cannot sign in right now.";

    public bool Succeeded => User is not null;

    public static SignInOutcome Failed { get; } = new((Users.RamUser?)null);
}
