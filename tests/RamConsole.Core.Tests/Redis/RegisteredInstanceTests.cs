using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RamConsole.Core.Errors;
using RamConsole.Core.Redis;
using RamConsole.Core.Tests.Support;
using RamConsole.Tests.Shared;
using static RamConsole.Core.Tests.Redis.RedisPlaneFixture;

namespace RamConsole.Core.Tests.Redis;

/// <summary>A registered server: RamConsole manages its accounts and config through the administrative user it was given, never its process.</summary>
public sealed class RegisteredInstanceTests : IAsyncLifetime
{
    private const string OpsPassword = "Ops-Passw0rd-1";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ramconsole-registered", Guid.NewGuid().ToString("N"));
    private Process _server = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var acl = Path.Combine(_folder, "users.acl");
        await File.WriteAllTextAsync(acl, $"user ops on >{OpsPassword} ~* &* +@all\nuser default off resetpass -@all\n");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        _server = Process.Start(new ProcessStartInfo("redis-server", ["--port", _port.ToString(), "--bind", "127.0.0.1", "--aclfile", acl, "--save", "", "--dir", _folder])
        {
            RedirectStandardOutput = true,
        })!;
        for (var i = 0; i < 200; i++)
        {
            try
            {
                await using var probe = await RespClient.ConnectAsync("127.0.0.1", _port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }
        throw new InvalidOperationException("the registered server did not start");
    }

    public Task DisposeAsync()
    {
        _server.Kill();
        _server.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_registered_server_gets_accounts_refuses_restart_and_keeps_running_after_delete_without_them()
    {
        await using var host = await CoreHost.StartAsync();
        var create = host.Use<CreateRedisInstance>();

        var wrong = await Assert.ThrowsAsync<RamException>(() => create.RunAsync(host.Root, new("shared", null, ServerAddress: $"127.0.0.1:{_port}",
            AdminUserName: "ops", AdminPassword: "Not-The-Passw0rd")));
        Assert.Equal("InvalidServerAddress.Unreachable", wrong.Code);
        Assert.Equal("InvalidServerAddress.Malformed", (await Assert.ThrowsAsync<RamException>(() => create.RunAsync(host.Root,
            new("shared", null, ServerAddress: "no-port", AdminUserName: "ops", AdminPassword: OpsPassword)))).Code);

        var instance = await create.RunAsync(host.Root, new("shared", null, ServerAddress: $"127.0.0.1:{_port}", AdminUserName: "ops", AdminPassword: OpsPassword));

        Assert.Equal(RedisInstanceKind.Registered, instance.Kind);
        Assert.Equal(_port, instance.Port);
        await host.Use<RedisAccounts>().CreateAsync(host.Root, instance.InstanceId, "app", AccountPassword, AccountPrivilege.ReadWrite, null);
        await using var app = await SignInAsync(instance, "app", AccountPassword);
        Assert.Equal("OK", await app.CommandAsync("SET", "k", "v"));
        var restart = await Assert.ThrowsAsync<RamException>(() => host.Use<RedisInstanceUseCases>().RestartAsync(host.Root, instance.InstanceId));
        Assert.Equal(("OperationDenied.RegisteredInstance", 403), (restart.Code, restart.HttpStatus));

        await host.Use<RedisInstanceUseCases>().DeleteAsync(host.Root, instance.InstanceId);

        Assert.True(await app.ClosedWithinAsync(TimeSpan.FromSeconds(2)));
        Assert.False(_server.HasExited);
        Assert.StartsWith("WRONGPASS", await AuthAsync(instance, "app", AccountPassword));
        Assert.Equal("OK", await AuthAsync(instance, "ops", OpsPassword)); // the operator's own user is left alone
    }
}
