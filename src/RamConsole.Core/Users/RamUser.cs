using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RamConsole.Core.Users;

/// <summary>
/// A console-capable principal: root or a RAM user (DESIGN §2). Identity holds the password hash and lockout state;
/// the RAM facts live beside them.
/// </summary>
public sealed class RamUser : IdentityUser
{
    /// <summary>Root's sign-in name. It is reserved: no RAM user may take it.</summary>
    public const string RootUserName = "root";

    public PrincipalKind Kind { get; set; } = PrincipalKind.User;
    public string? DisplayName { get; set; }
    public string? Comments { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? LastLoginAt { get; set; }

    /// <summary>Whether the principal may sign in to the console (root always; a RAM user with a login profile).</summary>
    public bool ConsoleLoginEnabled { get; set; }

    /// <summary>Login profile: the user must choose a new password at the next sign-in.</summary>
    public bool PasswordResetRequired { get; set; }

    /// <summary>Login profile: the user must bind an MFA device at the next sign-in.</summary>
    public bool MfaBindRequired { get; set; }

    public DateTimeOffset? LoginProfileCreatedAt { get; set; }
    public DateTimeOffset? PasswordChangedAt { get; set; }

    /// <summary>Hashes of earlier passwords, newest first, one per line (for PasswordReusePrevention; at most 24).</summary>
    public string? PreviousPasswordHashes { get; set; }

    /// <summary>Bumped whenever the user's MFA factors change, so a "remember this browser" ticket stops working.</summary>
    public int MfaGeneration { get; set; }

    public static RamUser NewRoot(DateTimeOffset now) => new()
    {
        UserName = RootUserName,
        Kind = PrincipalKind.Root,
        DisplayName = "Root account",
        CreatedAt = now,
        UpdatedAt = now,
        ConsoleLoginEnabled = true,
        LockoutEnabled = true,
    };
}

internal sealed class RamUserConfiguration : IEntityTypeConfiguration<RamUser>
{
    public void Configure(EntityTypeBuilder<RamUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(128);
        builder.Property(u => u.Comments).HasMaxLength(128);
        builder.HasIndex(u => u.Kind);
        builder.HasIndex(u => u.DisplayName);
    }
}
