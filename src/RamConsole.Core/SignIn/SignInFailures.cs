using RamConsole.Core.Settings;
using RamConsole.Core.Users;

namespace RamConsole.Core.SignIn;

/// <summary>
/// Counts failed sign-in steps (a wrong password or a wrong second factor) toward the password policy's
/// MaxLoginAttemps; reaching it locks console sign-in for an hour (0 turns lockout off).
/// </summary>
public static class SignInFailures
{
    /// <summary>Counts one failure on <paramref name="user"/> (the caller saves); true when this failure locked the user.</summary>
    public static bool Register(RamUser user, SecuritySettings settings, DateTimeOffset now)
    {
        user.AccessFailedCount++;
        if (settings.MaxLoginAttemps <= 0 || user.AccessFailedCount < settings.MaxLoginAttemps) return false;
        user.LockoutEnd = now + SecuritySettings.LockoutDuration;
        user.AccessFailedCount = 0;
        return true;
    }

    public static bool IsLocked(RamUser user, DateTimeOffset now) => user.LockoutEnd is { } end && end > now;
}
