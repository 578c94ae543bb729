using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core;
using RamConsole.Core.Account;
using RamConsole.Core.Authorization;
using RamConsole.Core.Persistence;
using RamConsole.Core.Policies;
using RamConsole.Core.Redis;
using RamConsole.Core.Roles;
using RamConsole.Core.Sts;
using RamConsole.Core.Users;
using RamConsole.Tests.Shared;

namespace RamConsole.Benchmarks;

/// <summary>
/// Issue 14's numbers, through the real use cases on a real redis-server (Debian's), SQLite on a temp file:
/// managed instance start time (CreateInstance until PING answers), CreateAccount and CreateTemporaryAccount latency
/// (p50/p99 over N calls), and the time from a role-session revocation committing to the temporary account's open
/// connection being closed by the server (the sweeper woken by the commit).
///   dotnet run -c Release --project tests/RamConsole.Benchmarks -- --redis-plane [calls=200]
/// </summary>
internal static class RedisPlaneRun
{
    public static async Task RunAsync(int calls)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ramconsole-redis-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Ram"] = $"Data Source={Path.Combine(directory, "ram.db")}", ["Bootstrap:RootPassword"] = "Bench-Root-Passw0rd",
        };
        foreach (var (k, v) in ManagedRedisForTests.Settings(directory)) settings[k] = v;
        var services = new ServiceCollection().AddLogging();
        services.AddRamCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), directory);
        await using var provider = services.BuildServiceProvider();
        try
        {
            await RamDatabase.MigrateAsync(provider);
            await using (var scope = provider.CreateAsyncScope()) await scope.ServiceProvider.GetRequiredService<AccountBootstrap>().RunAsync();
            var account = provider.GetRequiredService<RamAccount>();
            var root = new Caller { Type = PrincipalKind.Root, Arn = account.RootArn, Name = "root", DisplayName = "root", Channel = CallChannel.Console };
            T Use<T>() where T : notnull => provider.CreateScope().ServiceProvider.GetRequiredService<T>();

            var starts = new List<double>();
            RedisInstanceView instance = null!;
            for (var i = 0; i < 10; i++)
            {
                var clock = Stopwatch.StartNew();
                instance = await Use<CreateRedisInstance>().RunAsync(root, new($"bench-{i}", "Bench-Passw0rd-1"));
                starts.Add(clock.Elapsed.TotalMilliseconds);
            }
            Report("CreateInstance (managed: folder, redis-server start, PING, commit)", starts);

            var creates = new List<double>();
            for (var i = 0; i < Math.Min(calls, 19); i++) // 20 accounts an instance, the default one included
            {
                var clock = Stopwatch.StartNew();
                await Use<RedisAccounts>().CreateAsync(root, instance.InstanceId, $"app{i}", "Bench-Passw0rd-1", AccountPrivilege.ReadOnly, null);
                creates.Add(clock.Elapsed.TotalMilliseconds);
            }
            foreach (var other in (await Use<RedisInstanceUseCases>().ListAsync(root, new(), 1, 100)).Instances.Where(i => i.InstanceId != instance.InstanceId).Take(9))
            {
                for (var i = 0; i < 19 && creates.Count < calls; i++)
                {
                    var clock = Stopwatch.StartNew();
                    await Use<RedisAccounts>().CreateAsync(root, other.InstanceId, $"app{i}", "Bench-Passw0rd-1", AccountPrivilege.ReadOnly, null);
                    creates.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
            Report("CreateAccount (ACL SETUSER, ACL SAVE, commit with audit)", creates);

            // A role session (its token's policies decided at the gate on every call), as a workload would call.
            await Use<CreateUser>().RunAsync(root, new("worker"));
            await Use<PolicyAttachments>().AttachAsync(root, "System", "AliyunSTSAssumeRoleAccess", PrincipalKind.User, "worker");
            await Use<RoleUseCases>().CreateAsync(root, new("cache-reader",
                $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::{{{account.AccountId}}}:root"}}]}"""));
            await Use<PolicyAttachments>().AttachAsync(root, "System", "AliyunKvstoreFullAccess", PrincipalKind.Role, "cache-reader");
            var worker = new Caller { Type = PrincipalKind.User, Arn = Arns.User(account.AccountId, "worker"), Name = "worker", DisplayName = "worker", Channel = CallChannel.Api };
            async Task<Caller> NewSessionAsync() =>
                (await Use<AssumeRole>().RunAsync(worker, new(Arns.Role(account.AccountId, "cache-reader"), "bench", 3600))).Session.AsCaller("127.0.0.1", false);
            var session = await NewSessionAsync();
            var temporaries = new List<double>();
            for (var i = 0; i < calls; i++)
            {
                if (i > 0 && i % 90 == 0)
                {
                    // stay below the 100-alive limit: revoke, sweep, and go on with a new session
                    await Use<RevokeRoleSessions>().RunAsync(root, "cache-reader");
                    await Use<TemporaryAccountSweeper>().SweepAsync();
                    await Task.Delay(2);
                    session = await NewSessionAsync();
                }
                var clock = Stopwatch.StartNew();
                await Use<TemporaryAccounts>().CreateAsync(session, instance.InstanceId, AccountPrivilege.ReadOnly, 900);
                temporaries.Add(clock.Elapsed.TotalMilliseconds);
            }
            await Use<RevokeRoleSessions>().RunAsync(root, "cache-reader");
            await Use<TemporaryAccountSweeper>().SweepAsync();
            Report("CreateTemporaryAccount (role session: gate with condition key, ACL SETUSER, ACL SAVE, commit)", temporaries);

            var closes = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                await Task.Delay(2);
                await RevokeAndWaitAsync(provider, root, instance, await NewSessionAsync(), closes);
            }
            Report("revocation committed -> temporary account's connection closed (sweeper woken by the commit)", closes);
        }
        finally
        {
            ManagedRedisForTests.StopAll(directory);
        }
    }

    private static async Task RevokeAndWaitAsync(IServiceProvider provider, Caller root, RedisInstanceView instance, Caller session, List<double> measure)
    {
        T Use<T>() where T : notnull => provider.CreateScope().ServiceProvider.GetRequiredService<T>();
        var temporary = await Use<TemporaryAccounts>().CreateAsync(session, instance.InstanceId, AccountPrivilege.ReadOnly, 900);
        await using var client = await RespClient.SignedInAsync(temporary.Host, temporary.Port, temporary.AccountName, temporary.Password);
        await Task.Delay(2); // the cut-off covers its whole millisecond
        // The sweeper as the host runs it: waiting on the wake-up, sweeping when woken (a wake-up left over from an
        // earlier commit is drained first, so the time measured is that of this revocation's own wake-up).
        var wakeUp = provider.GetRequiredService<TemporaryAccountWakeUp>();
        await wakeUp.WaitAsync(TimeSpan.Zero, CancellationToken.None);
        var sweeping = Task.Run(async () =>
        {
            do await wakeUp.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
            while (await Use<TemporaryAccountSweeper>().SweepAsync() == 0);
        });
        var clock = Stopwatch.StartNew();
        await Use<RevokeRoleSessions>().RunAsync(root, "cache-reader");
        var committed = clock.Elapsed;
        if (!await client.ClosedWithinAsync(TimeSpan.FromSeconds(5))) throw new InvalidOperationException("connection not closed");
        measure.Add((clock.Elapsed - committed).TotalMilliseconds);
        await sweeping;
    }

    private static void Report(string what, List<double> ms)
    {
        var sorted = ms.Order().ToList();
        double P(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        Console.WriteLine($"{what}: n={sorted.Count} p50={P(0.5):F1} ms p99={P(0.99):F1} ms max={sorted[^1]:F1} ms");
    }
}
