using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Audit;
using RamConsole.Core.Authorization;
using RamConsole.Core.Persistence;
using RamConsole.Core.Settings;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;
using RamConsole.Policy.Catalog;
using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.Audit;

/// <summary>The audit page's query: filters, keyset pages, streamed exports, retention purge.</summary>
public sealed class AuditSearchTests
{
    private static AuditEvent Event(DateTimeOffset time, string principal, string action, AuditResult result = AuditResult.Success,
        AuditChannel channel = AuditChannel.Console, string? resource = null, string? error = null, string? ip = "10.0.0.1") => new()
    {
        Time = time, PrincipalArn = principal, PrincipalType = "User", Action = action, Result = result, Channel = channel,
        ResourceArn = resource, ErrorCode = error, SourceIp = ip, RequestId = Guid.NewGuid().ToString(),
    };

    private static async Task<IReadOnlyList<string>> ActionsAsync(CoreHost host, AuditFilter filter) =>
        [.. (await host.Use<ListAuditEvents>().RunAsync(host.Root, filter, null, 200)).Items
            .Where(e => e.PrincipalArn.StartsWith("acs:ram::1:", StringComparison.Ordinal)).Select(e => e.Action)];

    [Fact]
    public async Task Filters_combine_with_AND_and_wildcards_match_case_insensitively()
    {
        await using var host = await CoreHost.StartAsync();
        var t0 = host.Time.GetUtcNow();
        await using (var db = host.NewDb())
        {
            db.AuditEvents.AddRange(
                Event(t0.AddHours(-3), "acs:ram::1:user/alice", "ram:CreateUser", resource: "acs:ram:*:1:user/bob"),
                Event(t0.AddHours(-2), "acs:ram::1:user/alice", "ram:CreateGroup", AuditResult.Denied, AuditChannel.Api, error: "NoPermission", ip: "192.168.1.5"),
                Event(t0.AddHours(-1), "acs:ram::1:user/bob", "ram:CreateUser", AuditResult.Denied, error: "NoPermission", resource: "acs:ram:*:1:user/carol"),
                Event(t0.AddMinutes(-5), "acs:ram::1:user/bob", "sts:AssumeRole", AuditResult.Error, AuditChannel.Api, error: "EntityNotExist.Role", ip: "10.0.0.9"),
                Event(t0.AddDays(-3), "acs:ram::1:user/alice", "ram:DeleteUser"));
            await db.SaveChangesAsync();
        }

        Assert.Equal(["sts:AssumeRole", "ram:CreateUser", "ram:CreateGroup", "ram:CreateUser", "ram:DeleteUser"], await ActionsAsync(host, new()));
        Assert.Equal(["ram:CreateUser", "ram:CreateGroup", "ram:CreateUser"], await ActionsAsync(host, new() { Action = "RAM:create*" }));
        Assert.Equal(["ram:CreateGroup"], await ActionsAsync(host, new() { Action = "ram:Create*", Principal = "acs:ram::1:user/alice", Result = AuditResult.Denied }));
        Assert.Equal(["ram:CreateUser"], await ActionsAsync(host, new() { Action = "ram:CreateUser", From = t0.AddHours(-1.5) }));
        Assert.Equal(["ram:CreateUser", "ram:CreateGroup"], await ActionsAsync(host, new() { From = t0.AddHours(-4), To = t0.AddHours(-0.5), ErrorCode = "NoPermission" }));
        Assert.Equal(["sts:AssumeRole", "ram:CreateGroup"], await ActionsAsync(host, new() { Channel = AuditChannel.Api }));
        Assert.Equal(["sts:AssumeRole"], await ActionsAsync(host, new() { Channel = AuditChannel.Api, SourceIp = "10.0.*" }));
        Assert.Equal(["ram:CreateUser"], await ActionsAsync(host, new() { Resource = "*user/carol" }));
        Assert.Equal(["ram:CreateUser"], await ActionsAsync(host, new() { Resource = "acs:ram:*:1:user/carol" })); // the region "*" is literal
        Assert.Equal(["ram:CreateUser", "ram:CreateUser"], await ActionsAsync(host, new() { Resource = "acs:ram:*:1:user/*" }));
        Assert.Equal(["sts:AssumeRole"], await ActionsAsync(host, new() { ErrorCode = "EntityNotExist.*", Result = AuditResult.Error }));
        Assert.Empty(await ActionsAsync(host, new() { Action = "ram:Create_ser" })); // LIKE's own wildcards are literal here
    }

    [Fact]
    public async Task Pages_continue_after_the_last_event_without_gaps_or_repeats()
    {
        await using var host = await CoreHost.StartAsync();
        var t0 = host.Time.GetUtcNow();
        await using (var db = host.NewDb())
        {
            // Several events share a millisecond: the cursor's id breaks the tie.
            db.AuditEvents.AddRange(Enumerable.Range(0, 250).Select(i => Event(t0.AddSeconds(-(i / 3)), "acs:ram::1:user/pager", $"ram:Step{i:D3}")));
            await db.SaveChangesAsync();
        }
        var query = host.Use<ListAuditEvents>();
        var filter = new AuditFilter { Principal = "acs:ram::1:user/pager" };

        var seen = new List<long>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await query.RunAsync(host.Root, filter, next, 100);
            Assert.Equal(250, page.Matching);
            seen.AddRange(page.Items.Select(e => e.Id));
            next = page.Next;
            pages++;
        }
        while (next is not null && pages < 10);

        Assert.Equal(250, seen.Distinct().Count());
        Assert.Equal(3, pages);
        Assert.Equal("InvalidParameter.Marker", await CodeOf(() => query.RunAsync(host.Root, filter, "garbage", 100)));
    }

    [Fact]
    public async Task Reading_the_log_needs_ram_ListAuditEvents_and_denials_on_both_channels_are_in_it()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("mallory"));

        Assert.Equal("NoPermission", await CodeOf(() => host.Use<CreateUser>().RunAsync(host.As("mallory"), new("eve"))));
        Assert.Equal("NoPermission", await CodeOf(() => host.Use<CreateUser>().RunAsync(host.As("mallory", channel: CallChannel.Api), new("eve"))));
        Assert.Equal("NoPermission", await CodeOf(() => host.Use<ListAuditEvents>().RunAsync(host.As("mallory"), new(), null, 50)));

        var denied = (await host.Use<ListAuditEvents>().RunAsync(host.Root, new() { Result = AuditResult.Denied, Action = "ram:CreateUser" }, null, 50)).Items;
        Assert.Equal([AuditChannel.Console, AuditChannel.Api], denied.Select(e => e.Channel).Order());
        Assert.All(denied, e => Assert.Equal($"acs:ram::{host.AccountId}:user/mallory", e.PrincipalArn));
    }

    [Fact]
    public async Task An_export_of_100000_events_streams_without_holding_them_in_memory()
    {
        await using var host = await CoreHost.StartAsync();
        await using (var db = host.NewDb())
        {
            // One INSERT … SELECT from a counter: 100,000 events in well under a second.
            await db.Database.ExecuteSqlRawAsync(host.Provider == DatabaseProvider.PostgreSQL
                ? """
                INSERT INTO "AuditEvents" ("Time", "PrincipalArn", "PrincipalType", "Channel", "SourceIp", "Action", "ResourceArn", "Result", "RequestId", "After")
                SELECT 1795000000000 + i, 'acs:ram::1:user/bulk-' || (i % 50), 'User', 1, '10.1.2.3', 'ram:UpdateUser', 'acs:ram:*:1:user/u' || i, 0,
                       lpad(i::text, 36, '0'), chr(123) || '"DisplayName":"' || repeat(md5(i::text), 6) || '"' || chr(125)
                FROM generate_series(1, 100000) AS i
                """
                : """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
                INSERT INTO AuditEvents (Time, PrincipalArn, PrincipalType, Channel, SourceIp, Action, ResourceArn, Result, RequestId, After)
                SELECT 1795000000000 + i, 'acs:ram::1:user/bulk-' || (i % 50), 'User', 1, '10.1.2.3', 'ram:UpdateUser', 'acs:ram:*:1:user/u' || i, 0,
                       printf('%036d', i), char(123) || '"DisplayName":"' || hex(randomblob(100)) || '"' || char(125)
                FROM n
                """);
        }
        var query = host.Use<ListAuditEvents>();
        var filter = new AuditFilter { Principal = "acs:ram::1:user/bulk-*" };

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        var csv = new CountingStream();
        var rows = await AuditExport.WriteCsvAsync(query.StreamAsync(host.Root, filter), csv,
            new SyncProgress(n => { if (n % 10_000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline); }));
        var jsonl = new CountingStream();
        var lines = await AuditExport.WriteJsonLinesAsync(query.StreamAsync(host.Root, filter), jsonl);

        Assert.Equal(100_000, rows);
        Assert.Equal(100_001, csv.Lines); // header + rows
        Assert.Equal(100_000, jsonl.Lines);
        Assert.True(csv.Bytes > 30_000_000, $"the CSV is {csv.Bytes} bytes"); // ~300 bytes an event …
        Assert.True(peak < 16_000_000, $"live memory grew by {peak} bytes while exporting"); // … but never more than a few chunks live
    }

    [Fact]
    public async Task The_purge_keeps_the_retention_period_and_records_itself()
    {
        await using var host = await CoreHost.StartAsync();
        var now = host.Time.GetUtcNow();
        await using (var db = host.NewDb())
        {
            db.AuditEvents.AddRange(Event(now.AddDays(-45), "acs:ram::1:user/old", "ram:Old"), Event(now.AddDays(-31), "acs:ram::1:user/old", "ram:Old"),
                Event(now.AddDays(-29), "acs:ram::1:user/recent", "ram:Recent"));
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, await host.Use<AuditPurge>().RunAsync()); // 365 days by default: nothing is that old
        Assert.Equal("InvalidParameter.AuditRetentionDays", await CodeOf(() => host.Use<SecuritySettingsAdmin>().SetAuditRetentionAsync(host.Root, 7)));
        await host.Use<SecuritySettingsAdmin>().SetAuditRetentionAsync(host.Root, 30);
        var purged = await host.Use<AuditPurge>().RunAsync();

        await using var check = host.NewDb();
        Assert.Equal(2, purged);
        Assert.Equal(["ram:Recent"], await check.AuditEvents.Where(e => e.PrincipalArn.StartsWith("acs:ram::1:")).Select(e => e.Action).ToListAsync());
        var runs = await check.AuditEvents.Where(e => e.Action == SystemEvents.PurgeAuditEvents).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(2, runs.Count); // every run is recorded, also one that found nothing to purge
        var record = runs[^1];
        Assert.Equal((AuditChannel.System, "system"), (record.Channel, record.PrincipalArn));
        Assert.Contains("\"Purged\":2", record.Detail);
        Assert.Equal(1, await check.AuditEvents.CountAsync(e => e.Action == "ram:SetAuditRetention"));
    }

    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    /// <summary>Discards what is written, counting bytes and lines.</summary>
    private sealed class CountingStream : Stream
    {
        public long Bytes { get; private set; }
        public long Lines { get; private set; }
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Bytes += buffer.Length;
            Lines += buffer.Count((byte)'\n');
        }
        public override void WriteByte(byte value) => Write([value]);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }
        public override void Flush() { }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Bytes;
        public override long Position { get => Bytes; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
