using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using RamConsole.Core.Audit;
using RamConsole.Core.Groups;
using RamConsole.Core.Policies;
using RamConsole.Core.Roles;
using RamConsole.Core.Users;

namespace RamConsole.Core.Persistence;

/// <summary>The one database of an installation: Identity users (root and RAM users), RAM entities, audit, Data Protection keys.</summary>
public sealed class RamDbContext(DbContextOptions<RamDbContext> options)
    : IdentityUserContext<RamUser>(options), IDataProtectionKeyContext
{
    public DbSet<Account.Account> Accounts => Set<Account.Account>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<Role> Roles => Set<Role>();
    public DbSet<CustomPolicy> Policies => Set<CustomPolicy>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AccessKeys.AccessKey> AccessKeys => Set<AccessKeys.AccessKey>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<PolicyVersion> PolicyVersions => Set<PolicyVersion>();
    public DbSet<PolicyAttachment> PolicyAttachments => Set<PolicyAttachment>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Settings.SecuritySettings> SecuritySettings => Set<Settings.SecuritySettings>();
    public DbSet<Sessions.ConsoleSession> ConsoleSessions => Set<Sessions.ConsoleSession>();
    public DbSet<Mfa.TotpDevice> TotpDevices => Set<Mfa.TotpDevice>();
    public DbSet<Mfa.RecoveryCode> RecoveryCodes => Set<Mfa.RecoveryCode>();
    public DbSet<Mfa.WebAuthnCredential> WebAuthnCredentials => Set<Mfa.WebAuthnCredential>();
    public DbSet<Sts.StsCutOff> StsCutOffs => Set<Sts.StsCutOff>();
    public DbSet<Overview.ApiCallCount> ApiCallCounts => Set<Overview.ApiCallCount>();
    public DbSet<Redis.RedisInstance> RedisInstances => Set<Redis.RedisInstance>();
    public DbSet<Redis.RedisAccount> RedisAccounts => Set<Redis.RedisAccount>();
    public DbSet<Federation.SamlProvider> SamlProviders => Set<Federation.SamlProvider>();
    public DbSet<Federation.OidcProvider> OidcProviders => Set<Federation.OidcProvider>();
    public DbSet<Federation.UserSsoSettings> UserSsoSettings => Set<Federation.UserSsoSettings>();
    public DbSet<Cluster.JobLease> JobLeases => Set<Cluster.JobLease>();
    public DbSet<Hygiene.StoredCredentialReport> CredentialReports => Set<Hygiene.StoredCredentialReport>();

    // What this context holds until it is disposed (the change lock, for a change opened by UseCaseServices).
    private IDisposable? _heldUntilDisposed;

    internal void HoldUntilDisposed(IDisposable held) => _heldUntilDisposed = held;

    public override void Dispose()
    {
        base.Dispose();
        Interlocked.Exchange(ref _heldUntilDisposed, null)?.Dispose();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Interlocked.Exchange(ref _heldUntilDisposed, null)?.Dispose();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset values; store instants as Unix milliseconds (UTC) instead.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UnixMillisecondsConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(RamDbContext).Assembly);
        if (Database.IsNpgsql()) PostgreSqlModel.Adapt(builder);
    }
}
