using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RamConsole.Core.Cluster;
using RamConsole.Tests.Shared;

namespace RamConsole.Web.Tests.Api;

/// <summary>
/// Fail safe: a node that has not heard the invalidation transport lately may have missed a revocation on another node,
/// so its API answers 503 and its readiness says not ready — until it hears again. Liveness stays up (restarting it
/// would not help). Neither health endpoint names a principal.
/// </summary>
public sealed class FailSafeTests : IAsyncLifetime
{
    private readonly RamConsoleFactory _factory = new();
    private readonly FakeTimeProvider _transportClock = new(DateTimeOffset.UtcNow);
    private TransportHealth _health = null!;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _node = null!;

    public Task InitializeAsync()
    {
        _health = new TransportHealth(_transportClock, Options.Create(new ClusterOptions())) { Clustered = true };
        _node = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(_health)));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_silent_transport_stops_the_API_and_readiness_until_it_is_heard_again()
    {
        var key = await UserWithKeyAsync();
        var api = new RpcClient(_node.CreateClient(), key.AccessKeyId, key.AccessKeySecret);
        using var http = _node.CreateClient();

        var (status, body) = await api.V1Async("2015-04-01", "GetCallerIdentity");
        Assert.Equal(503, status);
        Assert.Equal("ServiceUnavailable", body.GetProperty("Code").GetString());
        var ready = await http.GetAsync("/healthz/ready");
        Assert.Equal(503, (int)ready.StatusCode);
        Assert.Contains("\"transport\":\"silent\"", await ready.Content.ReadAsStringAsync());
        Assert.Equal(200, (int)(await http.GetAsync("/healthz/live")).StatusCode);

        _health.Heard();
        Assert.Equal(200, (await api.V1Async("2015-04-01", "GetCallerIdentity")).Status);
        Assert.Equal(200, (int)(await http.GetAsync("/healthz/ready")).StatusCode);

        _transportClock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(503, (await api.V1Async("2015-04-01", "GetCallerIdentity")).Status);
    }

    [Fact]
    public async Task Metrics_count_calls_by_action_and_result_without_naming_who_called()
    {
        _health.Heard();
        var key = await UserWithKeyAsync();
        var api = new RpcClient(_node.CreateClient(), key.AccessKeyId, key.AccessKeySecret);
        await api.V1Async("2015-04-01", "GetCallerIdentity");
        await api.V1Async("2015-05-01", "GetUser", new Dictionary<string, string> { ["UserName"] = "nobody-here" });

        var metrics = await _node.CreateClient().GetStringAsync("/metrics");

        Assert.Contains("ramconsole_api_requests", metrics);
        Assert.Contains("ramconsole_audit_queue_depth", metrics);
        Assert.Contains("ramconsole_policy_decisions_total", metrics);
        Assert.Contains("ramconsole_cache_lookups_total", metrics);
        Assert.Contains("result=\"Success\"", metrics);
        Assert.Contains("result=\"EntityNotExist.User\"", metrics);
        Assert.DoesNotContain("metrics-user", metrics);
        Assert.DoesNotContain("nobody-here", metrics);
        Assert.DoesNotContain(key.AccessKeyId, metrics);
    }

    private async Task<Core.AccessKeys.NewAccessKey> UserWithKeyAsync()
    {
        _ = _node.Server; // started
        await using var scope = _node.Services.CreateAsyncScope();
        var account = _node.Services.GetRequiredService<Core.Account.RamAccount>();
        var caller = new Core.Authorization.Caller
        {
            Type = Core.PrincipalKind.Root, Arn = account.RootArn, Name = "root", DisplayName = "root", Channel = Core.Authorization.CallChannel.Console,
        };
        await scope.ServiceProvider.GetRequiredService<Core.Users.CreateUser>().RunAsync(caller, new("metrics-user"));
        await scope.ServiceProvider.GetRequiredService<Core.Policies.PolicyAttachments>().AttachAsync(caller, "System", "AdministratorAccess", Core.PrincipalKind.User, "metrics-user");
        return await scope.ServiceProvider.GetRequiredService<Core.AccessKeys.AccessKeyUseCases>().CreateAsync(caller, "metrics-user");
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _factory.DisposeAsync();
    }
}
