using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;
using RamConsole.Core;
using RamConsole.Core.Persistence;
using RamConsole.Core.Users;
using RamConsole.Web.Components;
using RamConsole.Web.Components.Account;
using RamConsole.Web.Api;
using RamConsole.Web.Identity;
using RamConsole.Web.Cluster;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Serilog;

namespace RamConsole.Web.Hosting;

/// <summary>How the console is composed: services in <see cref="AddRamConsole"/>, the pipeline in <see cref="UseRamConsole"/>.</summary>
public static class RamConsoleHost
{
    /// <summary>The folder the app runs from; the default database and logs live under its <c>data/</c>.</summary>
    public static string AppDirectory(IHostEnvironment environment) => environment.ContentRootPath;

    public static void AddRamConsole(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var appDirectory = AppDirectory(builder.Environment);
        RamLogging.AddRamLogging(builder.Services, builder.Configuration, appDirectory);

        services.AddRazorComponents().AddInteractiveServerComponents();
        // Kestrel's own request-line and header limits answer with a bare 414/431; they sit above the API's, which answer
        // with an Alibaba code (Api/ApiEnvelope).
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.Limits.MaxRequestLineSize = Api.ApiEnvelope.KestrelRequestLine;
            o.Limits.MaxRequestHeadersTotalSize = Api.ApiEnvelope.KestrelHeaders;
        });
        services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true); // ConsoleSecurityHeaders sends DENY on every page
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<ConsoleConnection>();
        services.AddScoped<ConsoleCaller>();
        services.AddScoped<Components.Shared.ConsoleActions>();
        services.AddSingleton<PendingPasswordChange>();
        services.AddSingleton<PendingSecondFactor>();
        services.AddSingleton<RememberedBrowser>();
        services.AddScoped<ConsoleSignIn>();
        services.AddScoped<RoleConsoleSessions>();
        services.AddSingleton<Sso.PendingSamlRequest>();
        services.AddSingleton<Sso.RoleChoice>();
        services.AddSingleton<Api.NonceWindow>();
        services.AddSingleton<Api.SignatureNonces>();
        services.AddSingleton<Components.Pages.Audit.AuditExportProgress>();
        services.AddScoped<Api.ApiAuthenticator>();
        services.AddHostedService<UsageFlusher>();
        services.AddHostedService<DailyAuditPurge>();
        services.AddHostedService<RedisPlaneWorker>();
        services.AddHostedService<Cluster.ClusterListenerService>();
        // Metrics at /metrics for Prometheus: RamConsole's own meter (Core/Cluster/RamMetrics.cs) only.
        services.AddOpenTelemetry().ConfigureResource(r => r.AddService("ramconsole"))
            .WithMetrics(m => m.AddMeter(Core.Cluster.RamMetrics.MeterName).AddPrometheusExporter());

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "RamConsole.Session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Each cookie's expiry is set at sign-in from LoginSessionDuration (ConsoleSignIn); this is only the ceiling.
            o.ExpireTimeSpan = TimeSpan.FromHours(24);
            o.SlidingExpiration = false; // A console session ends at a fixed time, as Alibaba's LoginSessionDuration.
            ConsoleSessionCheck.Configure(o);
        });
        services.AddAuthorization(ConsoleSessionCheck.AddPolicies);

        services.AddRamCore(builder.Configuration, appDirectory)
            .AddSignInManager()
            .AddClaimsPrincipalFactory<RamClaimsPrincipalFactory>();

        // First of all hosted services: the schema must exist before Data Protection's own start-up reads its key ring.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseStartup>());
    }

    public static void UseRamConsole(this WebApplication app)
    {
        // RPC calls at "/" are answered first, before request logging: the audit log is their record (every write and
        // refusal), failures are logged by the endpoint, and a log line per call would cost more than the call at
        // thousands of calls a second. Everything else is the console, request-logged as usual.
        app.UseRamApi();
        app.MapHealthEndpoints();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.UseConsoleSecurityHeaders();
        app.UseSerilogRequestLogging();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // Explicit order: the API answers before routing and cookie authentication see the request (it has its own
        // signature authentication, and "/" is also the console's Overview page).
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        var brand = Path.Combine(AppContext.BaseDirectory, "wwwroot-assets");
        if (Directory.Exists(brand))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(brand), RequestPath = "/brand" });
        }
        app.MapStaticAssets();
        // Blazor's own frame-ancestors 'self' is left out: ConsoleSecurityHeaders already sends 'none' on every response.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        app.MapAccountEndpoints();
        Sso.SsoEndpoints.MapSsoEndpoints(app);
        Components.Pages.Audit.AuditExportEndpoint.MapAuditExport(app);
        Components.Pages.Hygiene.HygieneEndpoints.MapCredentialReportDownload(app);
    }

    /// <summary>The <c>migrate</c> verb: bring the database schema up to date and exit.</summary>
    public static async Task<int> MigrateAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddRamConsole();
        await using var app = builder.Build();
        await RamDatabase.MigrateAsync(app.Services);
        app.Logger.LogInformation("Database schema is up to date.");
        return 0;
    }
}
