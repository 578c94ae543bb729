using System.Text;

namespace RamConsole.Core.Audit;

/// <summary>
/// What the audit page and its export narrow the log by; every field is optional and they combine with AND.
/// Principal, action, resource, error code and source IP take exact values or wildcards (<c>*</c> any run,
/// <c>?</c> one character), case-insensitively — <c>ram:Create*</c>, <c>acs:ram::*:user/alice</c>, <c>10.0.*</c>.
/// </summary>
public sealed record AuditFilter
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public string? Principal { get; init; }
    public string? Action { get; init; }
    public string? Resource { get; init; }
    public AuditResult? Result { get; init; }
    public string? ErrorCode { get; init; }
    public AuditChannel? Channel { get; init; }
    public string? SourceIp { get; init; }

    public IQueryable<AuditEvent> ApplyTo(IQueryable<AuditEvent> events)
    {
        if (From is { } from) events = events.Where(e => e.Time >= from);
        if (To is { } to) events = events.Where(e => e.Time <= to);
        if (Result is { } result) events = events.Where(e => e.Result == result);
        if (Channel is { } channel) events = events.Where(e => e.Channel == channel);
        events = Match(events, Principal, p => e => e.PrincipalArn == p, p => e => EF.Functions.Like(e.PrincipalArn, p, "\\"));
        events = Match(events, Action, p => e => e.Action == p, p => e => EF.Functions.Like(e.Action, p, "\\"));
        events = Match(events, Resource, p => e => e.ResourceArn == p, p => e => EF.Functions.Like(e.ResourceArn!, p, "\\"), RegionStarIsLiteral);
        events = Match(events, ErrorCode, p => e => e.ErrorCode == p, p => e => EF.Functions.Like(e.ErrorCode!, p, "\\"));
        events = Match(events, SourceIp, p => e => e.SourceIp == p, p => e => EF.Functions.Like(e.SourceIp!, p, "\\"));
        return events;
    }

    /// <summary>Equality for a plain value, LIKE for a wildcard (the columns are NOCASE, so both use their index).</summary>
    private static IQueryable<AuditEvent> Match(IQueryable<AuditEvent> events, string? value,
        Func<string, System.Linq.Expressions.Expression<Func<AuditEvent, bool>>> equals,
        Func<string, System.Linq.Expressions.Expression<Func<AuditEvent, bool>>> like, int literalPrefix = 0)
    {
        if (string.IsNullOrWhiteSpace(value)) return events;
        var trimmed = value.Trim();
        var skip = literalPrefix == 0 ? 0 : RegionStarEnd(trimmed);
        var rest = trimmed[skip..];
        return rest.Contains('*') || rest.Contains('?')
            ? events.Where(like(LikePattern(trimmed[..skip], literal: true) + LikePattern(rest)))
            : events.Where(equals(trimmed));
    }

    // Resource ARNs are stored as "acs:ram:*:<account>:…": that "*" is the region, written literally, not a wildcard
    // (else every exact ARN would become a pattern with no usable prefix).
    private const int RegionStarIsLiteral = 1;

    private static int RegionStarEnd(string arn)
    {
        var parts = arn.Split(':', 4);
        return parts.Length == 4 && parts[0] == "acs" && parts[2] == "*" ? parts[0].Length + parts[1].Length + 4 : 0;
    }

    /// <summary><c>*</c> → <c>%</c>, <c>?</c> → <c>_</c>; the LIKE metacharacters a value may contain are escaped with <c>\</c>.</summary>
    public static string LikePattern(string wildcard, bool literal = false)
    {
        var pattern = new StringBuilder(wildcard.Length + 4);
        foreach (var c in wildcard)
        {
            pattern.Append(c switch
            {
                '*' when !literal => "%",
                '?' when !literal => "_",
                '%' or '_' or '\\' => "\\" + c,
                _ => c.ToString(),
            });
        }
        return pattern.ToString();
    }
}
