using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RamConsole.Core.Settings;

/// <summary>
/// The account's console sign-in rules: Alibaba's SecurityPreference and PasswordPolicy fields (DESIGN §5), one
/// row. Defaults are the secure choice where Alibaba's differ: MFA required, 12-character passwords with three
/// character classes, lockout after 5 failures; password expiry off (NIST 800-63B advises against forced rotation).
/// </summary>
public sealed record SecuritySettings
{
    public int Id { get; init; } = 1;

    // SecurityPreference
    public bool MfaRequiredForConsoleSignIn { get; init; } = true;
    public bool AllowUserToChangePassword { get; init; } = true;
    public bool AllowUserToManageAccessKeys { get; init; }
    public bool AllowUserToManageMfaDevices { get; init; } = true;
    public bool EnableSaveMfaTicket { get; init; }

    /// <summary>Console session length in hours (1–24).</summary>
    public int LoginSessionDuration { get; init; } = 6;

    /// <summary>
    /// Minutes without activity after which a console session ends (5–1440; ASVS 5.0 7.3.1), alongside the absolute
    /// <see cref="LoginSessionDuration"/>. Not an Alibaba field (its console has a fixed idle timeout).
    /// </summary>
    public int LoginIdleTimeout { get; init; } = 30;

    /// <summary>CIDR blocks a RAM user may sign in to the console from, separated by ';' (empty: anywhere).</summary>
    public string LoginNetworkMasks { get; init; } = "";

    // PasswordPolicy
    public int MinimumPasswordLength { get; init; } = 12;
    public bool RequireLowercaseCharacters { get; init; } = true;
    public bool RequireUppercaseCharacters { get; init; } = true;
    public bool RequireNumbers { get; init; } = true;
    public bool RequireSymbols { get; init; }

    /// <summary>Days a password is valid; 0 means it never expires.</summary>
    public int MaxPasswordAge { get; init; }

    /// <summary>How many previous passwords a user may not reuse (0–24).</summary>
    public int PasswordReusePrevention { get; init; }

    /// <summary>Failed sign-ins before a one-hour lock (0: no lockout). Spelt as Alibaba's field is.</summary>
    public int MaxLoginAttemps { get; init; } = 5;

    /// <summary>An expired password blocks sign-in until an administrator resets it (else the user picks a new one).</summary>
    public bool HardExpiry { get; init; }

    /// <summary>Audit events older than this many days are purged daily (0: kept forever). Not an Alibaba field.</summary>
    public int AuditRetentionDays { get; init; } = 365;

    public DateTimeOffset? UpdatedAt { get; init; }

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromHours(1);

    public IReadOnlyList<string> NetworkMasks =>
        LoginNetworkMasks.Split([';', ',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool MfaRequiredFor(Users.RamUser user) =>
        user.Kind == PrincipalKind.Root || user.MfaBindRequired || MfaRequiredForConsoleSignIn;
}

internal sealed class SecuritySettingsConfiguration : IEntityTypeConfiguration<SecuritySettings>
{
    public void Configure(EntityTypeBuilder<SecuritySettings> builder)
    {
        builder.ToTable("SecuritySettings");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.LoginNetworkMasks).HasMaxLength(2000);
        builder.Ignore(s => s.NetworkMasks);
    }
}
