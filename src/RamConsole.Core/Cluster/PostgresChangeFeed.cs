using RamConsole.Core.Changes;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Cluster;

/// <summary>
/// The change feed of several nodes on one PostgreSQL database. Why LISTEN/NOTIFY and not Redis pub/sub: a NOTIFY
/// issued inside the committing transaction is delivered by PostgreSQL if and only if that transaction commits, after
/// it is visible, and in commit order — so no commit can be missed because a node died between committing and
/// publishing (which a separate PUBLISH to Redis cannot promise), and the revocation path needs no second engine.
/// Payload: <c>&lt;node id&gt;:&lt;Touched as a number&gt;:&lt;Unix ms at commit&gt;</c> (a heartbeat: <c>&lt;node id&gt;:hb</c>);
/// <see cref="ChangeListener"/> applies other nodes' payloads.
/// </summary>
public sealed class PostgresChangeFeed(LocalChangeFeed local, ClusterNode node, TimeProvider time) : IChangeFeed
{
    public const string Channel = "ram_changes";

    public async Task StageAsync(RamDbContext db, Touched touched, CancellationToken cancellationToken)
    {
        if (touched == Touched.None) return;
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {Payload(node.Id, touched, time.GetUtcNow())})", cancellationToken);
    }

    public void Publish(Touched touched) => local.Publish(touched);

    public static string Payload(string nodeId, Touched touched, DateTimeOffset at) => $"{nodeId}:{(int)touched}:{at.ToUnixTimeMilliseconds()}";

    public static string Heartbeat(string nodeId) => $"{nodeId}:hb";
}
