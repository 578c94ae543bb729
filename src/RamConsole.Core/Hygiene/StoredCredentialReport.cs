using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RamConsole.Core.Hygiene;

/// <summary>
/// The last complete credential report, kept in the database so that every node serves the same one (it is written
/// by the one node that generated it, and replaced only by a complete newer one).
/// </summary>
public sealed class StoredCredentialReport
{
    public required string AccountId { get; set; }
    public required byte[] Csv { get; set; }
    public DateTimeOffset GeneratedAt { get; set; }
}

internal sealed class StoredCredentialReportConfiguration : IEntityTypeConfiguration<StoredCredentialReport>
{
    public void Configure(EntityTypeBuilder<StoredCredentialReport> builder)
    {
        builder.ToTable("CredentialReports");
        builder.HasKey(r => r.AccountId);
        builder.Property(r => r.AccountId).HasMaxLength(32);
    }
}
