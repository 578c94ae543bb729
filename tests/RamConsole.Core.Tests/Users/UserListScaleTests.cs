using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Persistence;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;
using Xunit.Abstractions;

namespace RamConsole.Core.Tests.Users;

/// <summary>
/// The users page's query at 50,000 users (limits raised). It checks the page is right and reports the time; the
/// time is a measurement for the notes, not an assertion (timing assertions are flaky on shared machines).
/// </summary>
public sealed class UserListScaleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_first_users_page_at_50000_users_is_correct_and_its_time_is_reported()
    {
        await using var host = await CoreHost.StartAsync(new Dictionary<string, string?> { ["Limits:Users"] = "100000" });
        await using (var db = host.NewDb())
        {
            await db.Database.OpenConnectionAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = host.Provider == DatabaseProvider.PostgreSQL
                ? """
                INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "DisplayName", "Kind", "CreatedAt", "UpdatedAt", "ConsoleLoginEnabled",
                    "PasswordResetRequired", "MfaBindRequired", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "MfaGeneration")
                SELECT 'id-' || lpad(i::text, 6, '0'), 'user' || lpad(i::text, 6, '0'), 'USER' || lpad(i::text, 6, '0'), 'User ' || i, 1, 0, 0,
                    false, false, false, false, false, false, true, 0, 0 FROM generate_series(1, 50000) AS i;
                """
                : """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)
                INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, DisplayName, Kind, CreatedAt, UpdatedAt, ConsoleLoginEnabled,
                    PasswordResetRequired, MfaBindRequired, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
                SELECT printf('id-%06d', i), printf('user%06d', i), printf('USER%06d', i), printf('User %d', i), 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 FROM n;
                """;
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        var list = host.Use<ListUsers>();
        await list.RunAsync(host.Root, null, 0, 25); // first call pays for EF's query compilation
        var watch = Stopwatch.StartNew();
        var first = await list.RunAsync(host.Root, null, 0, 25);
        var firstMs = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var searched = await list.RunAsync(host.Root, "user04999", 0, 25);
        var searchMs = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var last = await list.RunAsync(host.Root, null, 49_975, 25);
        var lastMs = watch.Elapsed.TotalMilliseconds;

        Assert.Equal(50_000, first.TotalCount);
        Assert.Equal("user000001", first.Users[0].UserName);
        Assert.Equal(25, first.Users.Count);
        Assert.Equal(10, searched.TotalCount); // user049990..user049999
        Assert.Equal("user050000", last.Users[^1].UserName);
        output.WriteLine($"50,000 users: first page {firstMs:F1} ms, search {searchMs:F1} ms, last page {lastMs:F1} ms");
    }
}
