using RamConsole.Core.Redis;
using RamConsole.Core.Tests.Support;
using RamConsole.Tests.Shared;

namespace RamConsole.Core.Tests.Redis;

/// <summary>Helpers for tests against real managed redis-server instances.</summary>
internal static class RedisPlaneFixture
{
    public const string DefaultPassword = "Default-Passw0rd";
    public const string AccountPassword = "Account-Passw0rd";

    public static Task<RedisInstanceView> InstanceAsync(CoreHost host, string name = "cache", string? password = DefaultPassword) =>
        host.Use<CreateRedisInstance>().RunAsync(host.Root, new(name, password));

    public static Task<RespClient> SignInAsync(RedisInstanceView instance, string user, string password) =>
        RespClient.SignedInAsync(instance.Host, instance.Port, user, password);

    /// <summary>What the server answers to AUTH as <paramref name="user"/> on a new connection (OK, or the error).</summary>
    public static async Task<string> AuthAsync(RedisInstanceView instance, string user, string password)
    {
        await using var client = await RespClient.ConnectAsync(instance.Host, instance.Port);
        return await client.CommandAsync("AUTH", user, password) switch { RespError e => e.Message, var ok => ok?.ToString() ?? "" };
    }

    public static string ErrorOf(object? reply) => reply is RespError e ? e.Message : $"no error: {reply}";
}
