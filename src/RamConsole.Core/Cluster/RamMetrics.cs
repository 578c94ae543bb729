using System.Diagnostics.Metrics;

namespace RamConsole.Core.Cluster;

/// <summary>
/// RamConsole's own metrics (meter <see cref="MeterName"/>), exported by the host at <c>/metrics</c>. Tags carry action
/// names, results and error codes only — never a principal, a resource name or a secret.
/// </summary>
public sealed class RamMetrics : IDisposable
{
    public const string MeterName = "RamConsole";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _stsTokens;
    private readonly Counter<long> _cacheLookups;
    private readonly Histogram<double> _auditCommit;
    private readonly Histogram<double> _invalidationDelay;

    public RamMetrics()
    {
        _meter = new Meter(MeterName);
        _requests = _meter.CreateCounter<long>("ramconsole.api.requests", "{request}", "API requests by action and result (an Alibaba error code, or Success).");
        _decisions = _meter.CreateCounter<long>("ramconsole.policy.decisions", "{decision}", "Decisions of the gate by effect (Allow, Deny, ImplicitDeny).");
        _stsTokens = _meter.CreateCounter<long>("ramconsole.sts.tokens_issued", "{token}", "STS tokens issued (AssumeRole and the federated calls).");
        _cacheLookups = _meter.CreateCounter<long>("ramconsole.cache.lookups", "{lookup}", "Lookups in the caches of committed state, by cache and hit or miss.");
        _auditCommit = _meter.CreateHistogram<double>("ramconsole.audit.commit_latency", "ms", "Time to commit one batch of audit events.");
        _invalidationDelay = _meter.CreateHistogram<double>("ramconsole.cluster.invalidation_delay", "ms", "From another node's commit to this node's caches forgetting it.");
    }

    public void Request(string action, string result) =>
        _requests.Add(1, new KeyValuePair<string, object?>("action", action), new KeyValuePair<string, object?>("result", result));

    public void Decision(string effect) => _decisions.Add(1, new KeyValuePair<string, object?>("effect", effect));

    public void StsTokenIssued() => _stsTokens.Add(1);

    public void CacheLookup(string cache, bool hit) =>
        _cacheLookups.Add(1, new KeyValuePair<string, object?>("cache", cache), new KeyValuePair<string, object?>("hit", hit));

    public void AuditCommitted(TimeSpan took) => _auditCommit.Record(took.TotalMilliseconds);

    public void InvalidationDelay(TimeSpan delay) => _invalidationDelay.Record(Math.Max(0, delay.TotalMilliseconds));

    /// <summary>Observes a value when metrics are collected (the audit queue's depth, the transport's silence).</summary>
    public void Observe(string name, string unit, string description, Func<double> read) =>
        _meter.CreateObservableGauge(name, read, unit, description);

    public void Dispose() => _meter.Dispose();
}
