using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core;
using RamConsole.Core.Account;
using RamConsole.Core.Audit;
using RamConsole.Core.Authorization;
using RamConsole.Core.Persistence;

namespace RamConsole.Benchmarks;

/// <summary>
/// Issue 7's audit page timing: 1,000,000 events in a fresh SQLite database (the real schema and indexes), then the
/// page's queries through the real use case — the first page, filtered pages, a deep page by cursor — each the median
/// of 7 runs, including the capped match count the page shows.
///   dotnet run -c Release --project tests/RamConsole.Benchmarks -- --audit-query [events=1000000]
/// With RAMCONSOLE_KEEP_BENCH_DB set, it also prints each query's SQL and keeps the database for EXPLAIN QUERY PLAN.
/// </summary>
internal static class AuditQueryRun
{
    public static async Task RunAsync(int events)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ramconsole-audit-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var services = new ServiceCollection().AddLogging();
        services.AddRamCore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Ram"] = $"Data Source={Path.Combine(directory, "ram.db")}", ["Bootstrap:RootPassword"] = "Bench-Root-Passw0rd",
        }).Build(), directory);
        await using var provider = services.BuildServiceProvider();
        await RamDatabase.MigrateAsync(provider);
        await using (var scope = provider.CreateAsyncScope()) await scope.ServiceProvider.GetRequiredService<AccountBootstrap>().RunAsync();
        var account = provider.GetRequiredService<RamAccount>();
        var root = new Caller { Type = PrincipalKind.Root, Arn = account.RootArn, Name = "root", DisplayName = "root", Channel = CallChannel.Console };

        var fill = Stopwatch.StartNew();
        await using (var db = await provider.GetRequiredService<IDbContextFactory<RamDbContext>>().CreateDbContextAsync())
        {
            db.Database.SetCommandTimeout(600);
            // 200 principals, 40 actions, ~90% success / 7% denied / 3% error, both channels, spread over 90 days.
            // Only numbers and the account id are interpolated: no outside input reaches this SQL.
            var fillSql = $"""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {events})
                INSERT INTO AuditEvents (Time, PrincipalArn, PrincipalType, Channel, SourceIp, Action, ResourceArn, Result, ErrorCode, RequestId, After)
                SELECT {DateTimeOffset.UtcNow.AddDays(-90).ToUnixTimeMilliseconds()} + i * {90L * 86_400_000 / events},
                       'acs:ram::{account.AccountId}:user/u' || (i % 200), 'User', i % 2, '10.0.' || (i % 7) || '.' || (i % 250),
                       CASE i % 40 WHEN 0 THEN 'sts:AssumeRole' WHEN 1 THEN 'ram:CreateUser' WHEN 2 THEN 'ram:DeleteUser' ELSE 'ram:Action' || (i % 40) END,
                       'acs:ram:*:{account.AccountId}:user/r' || (i % 5000),
                       CASE WHEN i % 100 < 90 THEN 0 WHEN i % 100 < 97 THEN 1 ELSE 2 END,
                       CASE WHEN i % 100 < 90 THEN NULL WHEN i % 100 < 97 THEN 'NoPermission' ELSE 'EntityNotExist.User' END,
                       printf('%036d', i), char(123) || '"DisplayName":"x' || i || '"' || char(125)
                FROM n
                """;
            await db.Database.ExecuteSqlRawAsync(fillSql);
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }
        Console.WriteLine($"{events:N0} events written in {fill.Elapsed.TotalSeconds:F1} s");

        var query = provider.GetRequiredService<ListAuditEvents>();
        var cases = new (string Name, AuditFilter Filter)[]
        {
            ("newest page, no filter", new()),
            ("Result = Denied", new() { Result = AuditResult.Denied }),
            ("Action = ram:Create*", new() { Action = "ram:Create*" }),
            ("Principal = one user", new() { Principal = $"acs:ram::{account.AccountId}:user/u17" }),
            ("Principal + Denied + last 7 days", new() { Principal = $"acs:ram::{account.AccountId}:user/u95", Result = AuditResult.Denied, From = DateTimeOffset.UtcNow.AddDays(-7) }),
            ("ErrorCode = EntityNotExist.*", new() { ErrorCode = "EntityNotExist.*" }),
            ("Channel = Api, Source IP 10.0.3.*", new() { Channel = AuditChannel.Api, SourceIp = "10.0.3.*" }),
            ("Resource = one user", new() { Resource = $"acs:ram:*:{account.AccountId}:user/r42" }),
        };
        if (Environment.GetEnvironmentVariable("RAMCONSOLE_KEEP_BENCH_DB") is not null)
        {
            await using var db = await provider.GetRequiredService<IDbContextFactory<RamDbContext>>().CreateDbContextAsync();
            foreach (var (name, filter) in cases)
            {
                Console.WriteLine(filter.ApplyTo(db.AuditEvents).OrderByDescending(e => e.Time).ThenByDescending(e => e.Id).Take(50).ToQueryString());
                Console.WriteLine(filter.ApplyTo(db.AuditEvents).Select(e => e.Id).Take(10001).ToQueryString().Replace("\n", " "));
            }
        }
        foreach (var (name, filter) in cases)
        {
            var times = new List<double>();
            AuditPage? page = null;
            for (var i = 0; i < 7; i++)
            {
                var watch = Stopwatch.StartNew();
                page = await query.RunAsync(root, filter, null, 50);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            // 20 pages deep by cursor
            string? next = page!.Next;
            for (var p = 0; p < 19 && next is not null; p++) next = (await query.RunAsync(root, filter, next, 50)).Next;
            var deep = Stopwatch.StartNew();
            if (next is not null) await query.RunAsync(root, filter, next, 50);
            times.Sort();
            Console.WriteLine($"{name,-36} median {times[3],7:F1} ms (max {times[^1]:F1}); {(page.MoreThanCounted ? "10,000+" : page.Matching.ToString("N0"))} matching; page 21: {deep.Elapsed.TotalMilliseconds:F1} ms");
        }
        if (Environment.GetEnvironmentVariable("RAMCONSOLE_KEEP_BENCH_DB") is null) SqliteCleanup(directory);
        else Console.WriteLine($"kept {directory}");
    }

    private static void SqliteCleanup(string directory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
