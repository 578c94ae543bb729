using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RamConsole.Core.Redis;

/// <summary>Registers the Redis plane (instances, accounts, temporary accounts, supervision).</summary>
public static class RedisPlaneServices
{
    public static IServiceCollection AddRedisPlane(this IServiceCollection services, IConfiguration configuration, string appDirectory)
    {
        services.Configure<RedisPlaneOptions>(configuration.GetSection(RedisPlaneOptions.Section));
        services.PostConfigure<RedisPlaneOptions>(o => o.DataDirectory = o.DataDirectory is { Length: > 0 } d
            ? Path.GetFullPath(d, appDirectory)
            : Path.Combine(appDirectory, "data", "redis"));
        services.AddSingleton<RedisConnections>();
        services.AddSingleton<RedisInstanceStatus>();
        services.AddSingleton<ManagedRedisHost>();
        services.AddSingleton<RegisteredRedisHost>();
        services.AddSingleton<InstanceRegions>();
        services.AddSingleton<Changes.ICommittedStateCache>(sp => sp.GetRequiredService<InstanceRegions>());
        services.AddSingleton<TemporaryAccountWakeUp>();
        services.AddSingleton<Changes.ICommittedStateCache>(sp => sp.GetRequiredService<TemporaryAccountWakeUp>());
        services.AddSingleton<RedisPlane>();
        services.AddSingleton<RedisInstanceConfig>();
        services.AddSingleton<RedisInstanceUseCases>();
        services.AddSingleton<CreateRedisInstance>();
        services.AddSingleton<RedisAccounts>();
        services.AddSingleton<TemporaryAccounts>();
        services.AddSingleton<TemporaryAccountSweeper>();
        services.AddSingleton<RedisSupervisor>();
        return services;
    }
}
