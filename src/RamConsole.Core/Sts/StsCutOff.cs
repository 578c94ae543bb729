using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RamConsole.Core.Sts;

/// <summary>
/// Tokens a principal obtained (by its ARN, the token's SourceArn) before <see cref="RevokedAt"/> are no longer
/// honoured: "revoke STS sessions" on a user, and every deleted user (its ARN may be re-created; the old tokens must
/// not come back to life). Keyed by ARN rather than user id so that it outlives the user row.
/// </summary>
public sealed class StsCutOff
{
    public required string SourceArn { get; set; }
    public DateTimeOffset RevokedAt { get; set; }
}

internal sealed class StsCutOffConfiguration : IEntityTypeConfiguration<StsCutOff>
{
    public void Configure(EntityTypeBuilder<StsCutOff> builder)
    {
        builder.HasKey(c => c.SourceArn);
        builder.Property(c => c.SourceArn).HasMaxLength(256);
    }
}
