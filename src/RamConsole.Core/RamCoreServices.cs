using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RamConsole.Core.Account;
using RamConsole.Core.Audit;
using RamConsole.Core.Overview;
using RamConsole.Core.Redis;
using RamConsole.Core.Persistence;
using RamConsole.Core.SignIn;
using RamConsole.Core.Users;

namespace RamConsole.Core;

/// <summary>Registers everything Core offers in one place, for the web host and for tests alike.</summary>
public static class RamCoreServices
{
    /// <summary>PBKDF2-HMAC-SHA512 iterations for console passwords (OWASP's 2023 figure for SHA-512; DESIGN §4).</summary>
    public const int PasswordHashIterations = 210_000;

    private static void AddCommittedStateCache<T>(IServiceCollection services) where T : class, Changes.ICommittedStateCache
    {
        services.AddSingleton<T>();
        services.AddSingleton<Changes.ICommittedStateCache>(sp => sp.GetRequiredService<T>());
    }

    /// <summary>
    /// What several nodes share. PostgreSQL: the change feed broadcasts through LISTEN/NOTIFY and a listener applies
    /// the other nodes' commits (the host runs it). SQLite: one node, the local feed, nothing to hear.
    /// </summary>
    private static void AddCluster(this IServiceCollection services, IConfiguration configuration, DatabaseProvider provider, string connectionString)
    {
        services.Configure<Cluster.ClusterOptions>(configuration.GetSection(Cluster.ClusterOptions.Section));
        services.TryAddSingleton<Cluster.ClusterNode>();
        services.TryAddSingleton<Cluster.RamMetrics>();
        services.TryAddSingleton(_ => new Cluster.SharedRedis(configuration));
        services.AddSingleton<Cluster.JobLeases>();
        services.AddSingleton<Cluster.Readiness>();
        var clustered = provider == DatabaseProvider.PostgreSQL;
        services.AddSingleton(sp => new Cluster.TransportHealth(sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Cluster.ClusterOptions>>()) { Clustered = clustered });
        if (!clustered)
        {
            services.TryAddSingleton<Changes.IChangeFeed>(sp => sp.GetRequiredService<Changes.LocalChangeFeed>());
            return;
        }
        services.TryAddSingleton<Changes.IChangeFeed, Cluster.PostgresChangeFeed>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<Cluster.ChangeListener>(sp, connectionString));
    }

    public static IdentityBuilder AddRamCore(this IServiceCollection services, IConfiguration configuration, string appDirectory)
    {
        var provider = RamDatabase.ResolveProvider(configuration);
        var connectionString = RamDatabase.ResolveConnectionString(configuration, appDirectory);
        // The factory serves Blazor circuits and background work (a context per operation); it also registers a
        // scoped RamDbContext, which Identity's stores use.
        services.AddDbContextFactory<RamDbContext>(o => RamDatabase.Configure(o, provider, connectionString));

        services.TryAddSingleton(TimeProvider.System);
        services.Configure<BootstrapOptions>(configuration.GetSection(BootstrapOptions.Section));
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<RamAuthorizer>();
        services.AddScoped<Permissions>();
        // The caches of committed state: each is also told, through the change feed, when a commit touches what it holds.
        AddCommittedStateCache<RamAccount>(services);
        AddCommittedStateCache<EffectivePolicies>(services);
        AddCommittedStateCache<CanonicalNames>(services);
        AddCommittedStateCache<AccessKeys.AccessKeyDirectory>(services);
        AddCommittedStateCache<Roles.RoleDirectory>(services);
        AddCommittedStateCache<Sts.StsCutOffs>(services);
        AddCommittedStateCache<Settings.SecuritySettingsStore>(services);
        AddCommittedStateCache<Sessions.ConsoleSessions>(services);
        AddCommittedStateCache<Federation.IdentityProviderDirectory>(services);
        AddCommittedStateCache<Federation.Oidc.OidcIssuerKeys>(services);
        // The Redis plane's caches come last: its sweeper wakes after the STS caches it reads have forgotten.
        services.AddRedisPlane(configuration, appDirectory);
        services.AddSingleton<Changes.LocalChangeFeed>();
        services.AddCluster(configuration, provider, connectionString);
        services.Configure<RamLimits>(configuration.GetSection(RamLimits.Section));
        services.Configure<Hygiene.HygieneThresholds>(configuration.GetSection("Hygiene"));
        services.AddScoped<Hygiene.HygieneReport>();
        services.AddSingleton<Overview.ApiUsage>();
        services.AddScoped<Overview.ActivityCharts>();
        var reports = configuration["CredentialReport:Directory"] is { Length: > 0 } d ? d : Path.Combine(appDirectory, "data", "reports");
        services.AddSingleton(sp => new Hygiene.CredentialReport(sp.GetRequiredService<UseCaseServices>(), reports,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Hygiene.CredentialReport>>(), leases: sp.GetRequiredService<Cluster.JobLeases>()));
        services.AddScoped<AccountBootstrap>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<SignInLocks>();
        services.AddScoped<RequiredPasswordChange>();
        services.AddScoped<AccountOverview>();
        services.AddScoped<ListAuditEvents>();
        services.AddScoped<ExportAuditEvents>();
        services.AddScoped<AuditPurge>();
        services.AddScoped<Policies.SimulateCustomPolicy>();
        services.AddScoped<Policies.SimulatePrincipalPolicy>();
        services.AddSingleton<UseCaseServices>();
        services.AddScoped<Users.PasswordRules>();
        services.AddScoped<Users.CreateUser>();
        services.AddScoped<Users.GetUser>();
        services.AddScoped<Users.ListUsers>();
        services.AddScoped<Users.UpdateUser>();
        services.AddScoped<Users.DeleteUser>();
        services.AddScoped<Users.LoginProfiles>();
        services.AddScoped<Users.EffectivePermissions>();
        services.AddScoped<Groups.CreateGroup>();
        services.AddScoped<Groups.UpdateGroup>();
        services.AddScoped<Groups.DeleteGroup>();
        services.AddScoped<Groups.ListGroups>();
        services.AddScoped<Groups.GroupMembership>();
        services.AddScoped<Policies.CreatePolicy>();
        services.AddScoped<Policies.ListPolicies>();
        services.AddScoped<Policies.DeletePolicy>();
        services.AddScoped<Policies.UpdatePolicyDescription>();
        services.AddScoped<Policies.PolicyVersions>();
        services.AddScoped<Policies.PolicyAttachments>();
        services.AddScoped<Roles.RoleUseCases>();
        services.AddScoped<AccessKeys.AccessKeyUseCases>();
        services.AddScoped<Demo.DemoSeed>();
        services.AddScoped<AccessDiff>();
        services.AddSingleton<Sts.StsTokens>();
        services.AddScoped<Sts.AssumeRole>();
        services.AddScoped<Sts.AssumableRoles>();
        services.AddSingleton<Sts.StsRevocations>();
        services.AddScoped<Sts.RevokeUserStsSessions>();
        services.AddScoped<Sts.RoleSessions>();
        services.AddScoped<Sts.RevokeRoleSessions>();
        services.Configure<Federation.SsoOptions>(configuration.GetSection(Federation.SsoOptions.Section));
        services.AddSingleton<Federation.Saml.SamlReplayCache>();
        services.AddSingleton<Federation.Saml.SamlResponseValidator>();
        services.AddSingleton<Federation.Oidc.OidcTokenValidator>();
        services.AddScoped<Federation.TrustingRoles>();
        services.AddScoped<Federation.SamlProviders>();
        services.AddScoped<Federation.OidcProviders>();
        services.AddScoped<Federation.UserSso>();
        services.AddScoped<Sts.FederatedRoleSessions>();
        services.AddScoped<Sts.AssumeRoleWithSaml>();
        services.AddScoped<Sts.AssumeRoleWithOidc>();
        services.AddScoped<Federation.ConsoleSso>();
        services.AddScoped<AccountAlias>();
        services.AddScoped<Settings.SecuritySettingsAdmin>();
        services.AddScoped<Sessions.UserSessions>();
        services.AddScoped<SignInAudit>();
        services.AddScoped<ConsoleSignInCompletion>();
        services.AddScoped<Users.ChangeOwnPassword>();
        services.AddScoped<OwnPasswordCheck>();
        services.Configure<Sessions.RecentPasswordOptions>(configuration.GetSection(Sessions.RecentPasswordOptions.Section));
        services.AddScoped<Sessions.RecentPassword>();
        services.Configure<Mfa.WebAuthnOptions>(configuration.GetSection(Mfa.WebAuthnOptions.Section));
        services.AddSingleton<Mfa.WebAuthnRelyingParty>();
        services.AddScoped<Mfa.MfaDeviceGate>();
        services.AddScoped<Mfa.MfaDevices>();
        services.AddScoped<Mfa.TotpDevices>();
        services.AddScoped<Mfa.SecurityKeys>();
        services.AddScoped<Mfa.RecoveryCodeRenewal>();
        services.AddScoped<Mfa.SecondFactor>();
        // The password policy comes from the security settings, not from fixed Identity options (registered before
        // AddIdentityCore, whose TryAdd then keeps it).
        services.AddScoped<IPasswordValidator<RamUser>, Settings.PasswordPolicyValidator>();
        services.AddScoped<IPasswordValidator<RamUser>, Settings.GuessablePasswordValidator>();

        KeyRingProtection.Configure(services.AddDataProtection()
            .SetApplicationName("RamConsole")
            .PersistKeysToDbContext<RamDbContext>(), configuration);

        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = PasswordHashIterations;
        });

        return services.AddIdentityCore<RamUser>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
                o.SignIn.RequireConfirmedAccount = false;
                o.SignIn.RequireConfirmedEmail = false;
                // Lockout and the password rules follow the security settings (PasswordSignIn, PasswordPolicyValidator).
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<RamDbContext>();
    }
}
