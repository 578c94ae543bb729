using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RamConsole.Core.Cluster;

/// <summary>
/// Which node runs a cluster-wide background job (audit purge, last-used flush, credential report) until when. A node
/// takes the lease only when it is free or expired, in one conditional UPDATE, so the job runs once in the cluster; a
/// node that dies simply stops renewing, and another takes over after <see cref="ExpiresAt"/>.
/// </summary>
public sealed class JobLease
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(64);
        builder.Property(l => l.Holder).HasMaxLength(128);
    }
}
