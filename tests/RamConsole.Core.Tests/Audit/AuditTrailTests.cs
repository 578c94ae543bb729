using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.Audit;
using RamConsole.Core.Tests.Support;

namespace RamConsole.Core.Tests.Audit;

public sealed class AuditTrailTests
{
    private const string PlantedSecret = "PLANTED-SECRET-4f2a9c";

    private sealed record KeyState(string AccessKeyId, string Status, string AccessKeySecret, [property: Secret] string Opaque);

    private sealed record UserState(string UserName, string PasswordHash, string SecurityStamp, KeyState Key, IReadOnlyList<KeyState> Keys);

    private static AuditEntry Entry(object? before, object? after) => new()
    {
        Action = "ram:UpdateUser",
        PrincipalArn = "acs:ram::1:root",
        PrincipalType = "Root",
        ResourceArn = "acs:ram::1:user/alice",
        RequestId = Guid.NewGuid().ToString(),
        Before = before,
        After = after,
    };

    [Fact]
    public async Task Recorded_events_keep_before_and_after_with_the_time_from_the_clock()
    {
        await using var host = await CoreHost.StartAsync();
        var trail = host.Services.GetRequiredService<AuditTrail>();

        await trail.RecordAsync(Entry(new { UserName = "alice", DisplayName = "Alice" }, new { UserName = "alice", DisplayName = "Alice B." }));

        await using var db = host.NewDb();
        var stored = await db.AuditEvents.Where(e => e.Action == "ram:UpdateUser").SingleAsync();
        Assert.Equal(host.Time.GetUtcNow(), stored.Time);
        Assert.Equal("Alice", JsonDocument.Parse(stored.Before!).RootElement.GetProperty("DisplayName").GetString());
        Assert.Equal("Alice B.", JsonDocument.Parse(stored.After!).RootElement.GetProperty("DisplayName").GetString());
        Assert.Equal(AuditResult.Success, stored.Result);
    }

    [Fact]
    public async Task Secrets_never_reach_the_stored_event_at_any_depth()
    {
        await using var host = await CoreHost.StartAsync();
        var trail = host.Services.GetRequiredService<AuditTrail>();
        var key = new KeyState("LTAIexample", "Active", PlantedSecret, PlantedSecret);
        var state = new UserState("alice", PlantedSecret, PlantedSecret, key, [key, key]);

        await trail.RecordAsync(Entry(state, new Dictionary<string, object> { ["Password"] = PlantedSecret, ["UserName"] = "alice" }));

        await using var db = host.NewDb();
        var stored = await db.AuditEvents.Where(e => e.Action == "ram:UpdateUser").SingleAsync();
        Assert.DoesNotContain(PlantedSecret, stored.Before);
        Assert.Contains("LTAIexample", stored.Before); // the non-secret parts are kept
        Assert.Contains("alice", stored.Before);
        Assert.DoesNotContain(PlantedSecret, stored.After);
    }

    [Fact]
    public async Task Concurrent_records_are_group_committed_and_each_is_durable_when_its_call_returns()
    {
        await using var host = await CoreHost.StartAsync();
        var trail = host.Services.GetRequiredService<AuditTrail>();
        var before = await CountAsync(host);

        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => Task.Run(() => trail.RecordAsync(Entry(null, new { Index = i })))));

        Assert.Equal(before + 500, await CountAsync(host)); // every awaited record is already in the database
    }

    [Fact]
    public async Task A_staged_event_commits_with_the_change_or_not_at_all()
    {
        await using var host = await CoreHost.StartAsync();
        var trail = host.Services.GetRequiredService<AuditTrail>();
        var before = await CountAsync(host);

        await using (var db = host.NewDb())
        {
            trail.Stage(db, Entry(null, new { Name = "g1" }));
            db.Groups.Add(new RamConsole.Core.Groups.Group { Name = "g1" });
            db.Groups.Add(new RamConsole.Core.Groups.Group { Name = "G1" }); // unique (case-insensitive) name: the whole save fails
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(before, await CountAsync(host));
    }

    private static async Task<int> CountAsync(CoreHost host)
    {
        await using var db = host.NewDb();
        return await db.AuditEvents.CountAsync();
    }
}
