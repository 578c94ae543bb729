using Microsoft.AspNetCore.Hosting.Server;
using RamConsole.Core.Account;
using RamConsole.Core.Persistence;

namespace RamConsole.Web.Hosting;

/// <summary>
/// Before the server listens: apply migrations, then bootstrap the account on an empty database. A generated root
/// password is printed to the console once, outside the log pipeline, so it never lands in a log file.
/// </summary>
internal sealed class DatabaseStartup(IServiceProvider services, IServer server, ILogger<DatabaseStartup> logger, IHostApplicationLifetime lifetime,
    IConfiguration configuration, IHostEnvironment environment) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RamDatabase.MigrateAsync(services, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountBootstrap>().RunAsync(cancellationToken);
        if (result.Created)
        {
            logger.LogInformation("Bootstrapped account {AccountId} with root user {RootUserName}", result.AccountId, Core.Users.RamUser.RootUserName);
            // Demo data once, on the first start only (default on in Development): something to look at.
            if (configuration.GetValue("Demo:Seed", environment.IsDevelopment()))
            {
                await scope.ServiceProvider.GetRequiredService<Core.Demo.DemoSeed>().RunAsync(cancellationToken);
                logger.LogInformation("Seeded demo users, groups, roles and policies (Demo:Seed)");
            }
        }
        if (result.GeneratedRootPassword is { } password)
        {
            Console.Out.WriteLine(Banner(password));
            logger.LogWarning("A random root password was generated and printed once to the console. Set Bootstrap:RootPassword to choose it instead.");
        }
        if (!Core.Persistence.KeyRingProtection.IsConfigured(configuration) && !environment.IsDevelopment())
            logger.LogWarning("Data Protection keys are stored unencrypted beside the secrets they protect. Set DataProtection:CertificatePath (a .pfx kept outside the database) to encrypt them.");
        lifetime.ApplicationStarted.Register(() => logger.LogInformation(
            "RamConsole is ready: sign in at {Urls}/Account/Login as {RootUserName}",
            string.Join(", ", server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? []),
            Core.Users.RamUser.RootUserName));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static string Banner(string password) => $"""

        ************************************************************************
         RamConsole first start: the root account was created.
           user name: {Core.Users.RamUser.RootUserName}
           password:  {password}
         This password is shown ONCE. Sign in, then create an administrator RAM
         user and stop using root. (Set Bootstrap:RootPassword to choose it.)
        ************************************************************************

        """;
}
