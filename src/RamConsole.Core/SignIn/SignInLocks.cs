using RamConsole.Core.Concurrency;

namespace RamConsole.Core.SignIn;

/// <summary>
/// One sign-in step at a time per user name. A step reads the user's failure count and writes it back, and a TOTP code
/// or recovery code is checked against what was last spent: run in parallel, a script's hundred guesses would each see
/// the same count (the lockout would never come) and one code could be accepted twice. Striped — a fixed set of locks —
/// so memory does not grow with the names tried; different users rarely share one.
/// </summary>
public sealed class SignInLocks
{
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public Task<HeldSemaphore> EnterAsync(string userName, CancellationToken cancellationToken) =>
        HeldSemaphore.EnterAsync(_stripes[(uint)StringComparer.OrdinalIgnoreCase.GetHashCode(userName) % (uint)_stripes.Length], cancellationToken);
}
