using RamConsole.Core.Audit;

namespace RamConsole.Core.Overview;

/// <summary>The overview's charts: one value per day for the last <see cref="ActivityCharts.Days"/> days (oldest first).</summary>
public sealed record ActivitySeries(
    IReadOnlyList<DateOnly> Days, double[] SignInSuccesses, double[] SignInFailures, double[] Denied, double[] StsTokens,
    IReadOnlyList<(string Action, long Calls)> TopApiActions);

/// <summary>
/// Aggregates for the overview charts, grouped in SQL (a day is the Unix-millisecond time divided by 86,400,000) over
/// the audit indexes, so the cost does not grow with the whole log. Needs ram:ListAuditEvents, as the log does. The SQL
/// quotes its names and runs unchanged on SQLite and PostgreSQL.
/// </summary>
public sealed class ActivityCharts(UseCaseServices services)
{
    public const int Days = 30;
    private const long DayMs = 86_400_000;

    private sealed record DayCount(long Day, long Count);

    private sealed record ActionCount(string Action, long Calls);

    public async Task<ActivitySeries?> GetAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        await using var db = await services.TryBeginReadAsync(caller, RamActions.ListAuditEvents, services.AccountResource, cancellationToken);
        if (db is null) return null;
        var today = services.Time.GetUtcNow().ToUnixTimeMilliseconds() / DayMs;
        var firstDay = today - Days + 1;
        var since = firstDay * DayMs;

        Task<List<DayCount>> PerDay(FormattableString sql) => db.Database.SqlQuery<DayCount>(sql).ToListAsync(cancellationToken);
        var signInsOk = await PerDay($"""SELECT "Time" / 86400000 AS "Day", COUNT(*) AS "Count" FROM "AuditEvents" WHERE "Action" = {SystemEvents.ConsoleSignIn} AND "Time" >= {since} AND "Result" = 0 GROUP BY "Time" / 86400000""");
        var signInsFailed = await PerDay($"""SELECT "Time" / 86400000 AS "Day", COUNT(*) AS "Count" FROM "AuditEvents" WHERE "Action" = {SystemEvents.ConsoleSignIn} AND "Time" >= {since} AND "Result" <> 0 GROUP BY "Time" / 86400000""");
        var denied = await PerDay($"""SELECT "Time" / 86400000 AS "Day", COUNT(*) AS "Count" FROM "AuditEvents" WHERE "Result" = 1 AND "Time" >= {since} GROUP BY "Time" / 86400000""");
        var (assume, saml, oidc) = (Sts.StsIssuance.Actions[0], Sts.StsIssuance.Actions[1], Sts.StsIssuance.Actions[2]);
        var tokens = await PerDay($"""SELECT "Time" / 86400000 AS "Day", COUNT(*) AS "Count" FROM "AuditEvents" WHERE "Action" IN ({assume}, {saml}, {oidc}) AND "Time" >= {since} AND "Result" = 0 GROUP BY "Time" / 86400000""");
        var top = await db.Database.SqlQuery<ActionCount>(
                $"""SELECT "Action", CAST(SUM("Count") AS BIGINT) AS "Calls" FROM "ApiCallCounts" WHERE "Day" >= {firstDay} GROUP BY "Action" ORDER BY 2 DESC, "Action" LIMIT 10""")
            .ToListAsync(cancellationToken);

        double[] Series(List<DayCount> rows)
        {
            var values = new double[Days];
            foreach (var row in rows.Where(r => r.Day >= firstDay && r.Day <= today)) values[row.Day - firstDay] = row.Count;
            return values;
        }
        var days = Enumerable.Range(0, Days).Select(i => DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds((firstDay + i) * DayMs).UtcDateTime)).ToList();
        return new ActivitySeries(days, Series(signInsOk), Series(signInsFailed), Series(denied), Series(tokens), [.. top.Select(t => (t.Action, t.Calls))]);
    }
}
