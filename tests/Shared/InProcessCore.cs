using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RamConsole.Core;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Account;
using RamConsole.Core.Authorization;
using RamConsole.Core.Persistence;
using RamConsole.Core.Policies;
using RamConsole.Core.Users;

namespace RamConsole.Tests.Shared;

/// <summary>
/// Core's services on a database other processes also use (a cluster's, an installation about to be copied): to
/// arrange data through the real use cases, and to count what the processes wrote.
/// </summary>
public sealed class InProcessCore : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public InProcessCore(IEnumerable<KeyValuePair<string, string?>> settings, string directory)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddRamCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), directory);
        _services = services.BuildServiceProvider();
    }

    /// <summary>Settings as a node's environment variables name them (<c>Database__Provider</c>), as configuration keys.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> FromEnvironment(IReadOnlyDictionary<string, string> environment) =>
        environment.Select(kv => KeyValuePair.Create(kv.Key.Replace("__", ":"), (string?)kv.Value));

    public IServiceProvider Services => _services;

    public T Use<T>() where T : notnull => _services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public string AccountId => _services.GetRequiredService<RamAccount>().AccountId;

    public Caller Root => new()
    {
        Type = PrincipalKind.Root, Arn = _services.GetRequiredService<RamAccount>().RootArn, Name = "root", DisplayName = "root", Channel = CallChannel.Console,
    };

    /// <summary>A RAM user with AdministratorAccess and an AccessKey.</summary>
    public async Task<NewAccessKey> AdministratorAsync(string userName)
    {
        await Use<CreateUser>().RunAsync(Root, new(userName));
        await Use<PolicyAttachments>().AttachAsync(Root, "System", "AdministratorAccess", PrincipalKind.User, userName);
        return await Use<AccessKeyUseCases>().CreateAsync(Root, userName);
    }

    public RamDbContext NewDb() => _services.GetRequiredService<IDbContextFactory<RamDbContext>>().CreateDbContext();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
