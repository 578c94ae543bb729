using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Overview;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;

namespace RamConsole.Core.Tests.Cluster;

/// <summary>Two nodes on one database each flush what they alone saw; the database merges it (counts add, last use keeps the latest).</summary>
public sealed class MergedUsageTests
{
    [Fact]
    public async Task API_call_counts_flushed_by_two_nodes_add_up()
    {
        await using var a = await CoreHost.StartAsync();
        await using var b = new CoreHost(a.DatabaseSettings);
        var (onA, onB) = (a.Services.GetRequiredService<ApiUsage>(), b.Services.GetRequiredService<ApiUsage>());
        foreach (var _ in Enumerable.Range(0, 3)) onA.Record("sts:GetCallerIdentity");
        foreach (var _ in Enumerable.Range(0, 4)) onB.Record("sts:GetCallerIdentity");
        onB.Record("ram:ListUsers");

        await Task.WhenAll(onA.FlushAsync(), onB.FlushAsync());
        onA.Record("sts:GetCallerIdentity");
        await onA.FlushAsync();

        await using var db = a.NewDb();
        var counts = await db.ApiCallCounts.ToDictionaryAsync(c => c.Action, c => c.Count);
        Assert.Equal(8, counts["sts:GetCallerIdentity"]);
        Assert.Equal(1, counts["ram:ListUsers"]);
    }

    [Fact]
    public async Task The_latest_use_of_an_AccessKey_wins_whichever_node_flushes_last()
    {
        await using var a = await CoreHost.StartAsync();
        await using var b = new CoreHost(a.DatabaseSettings);
        await a.Use<CreateUser>().RunAsync(a.Root, new("bot"));
        var key = await a.Use<AccessKeyUseCases>().CreateAsync(a.Root, "bot");
        var (onA, onB) = (a.Services.GetRequiredService<AccessKeyDirectory>(), b.Services.GetRequiredService<AccessKeyDirectory>());

        onA.RecordUse(key.AccessKeyId);                 // a saw it at 09:00
        b.Time.Advance(TimeSpan.FromMinutes(10));
        onB.RecordUse(key.AccessKeyId);                 // b saw it ten minutes later
        await onB.FlushLastUsedAsync();
        await onA.FlushLastUsedAsync();                 // a's older use arrives last

        await using var db = a.NewDb();
        Assert.Equal(b.Time.GetUtcNow(), (await db.AccessKeys.SingleAsync()).LastUsedAt);
    }
}
