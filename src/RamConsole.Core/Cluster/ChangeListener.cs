using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RamConsole.Core.Changes;

namespace RamConsole.Core.Cluster;

/// <summary>
/// Hears the other nodes' commits (<see cref="PostgresChangeFeed"/>) on one dedicated connection and makes this node's
/// caches forget what they touched. Rules:
/// <list type="bullet">
/// <item>Every notification, this node's own heartbeat included, counts as hearing the transport
/// (<see cref="TransportHealth"/>); the heartbeat goes out through another connection every
/// <see cref="ClusterOptions.HeartbeatInterval"/>, so hearing it proves the whole round trip.</item>
/// <item>On every (re)connection, every cache forgets once LISTEN is in place: commits made while this node was not
/// listening are unknown. The same when the transport comes back from a silence.</item>
/// <item>While the transport is silent, every cache forgets on every heartbeat tick, so reads go to the database.</item>
/// <item>A notification can only make caches forget — never put a value in them — so whoever can NOTIFY on this
/// channel (any role of the database) can cost reloads, never grant or keep access; a payload that is not ours is
/// ignored.</item>
/// </list>
/// </summary>
public sealed class ChangeListener(string connectionString, LocalChangeFeed local, ClusterNode node, TransportHealth health,
    IOptions<ClusterOptions> options, TimeProvider time, RamMetrics metrics, ILogger<ChangeListener> logger)
{
    private long _received;
    private bool _everHealthy;

    /// <summary>Other nodes' changes applied here.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>
    /// Listens and beats until cancelled, each on a thread of its own with Npgsql's synchronous calls: a node whose
    /// thread pool is starved (a start-up under load) must still hear revocations — and forget at once, on the
    /// listening thread — rather than fall silent and refuse calls.
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var heartbeat = new Thread(() => HeartbeatLoop(cancellationToken)) { IsBackground = true, Name = "Change transport heartbeat" };
        var listener = new Thread(() =>
        {
            try
            {
                ListenLoop(cancellationToken);
            }
            finally
            {
                heartbeat.Join();
                stopped.TrySetResult();
            }
        }) { IsBackground = true, Name = "Change transport listener" };
        heartbeat.Start();
        listener.Start();
        return stopped.Task;
    }

    private void ListenLoop(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                Listen(cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                health.Lost();
                logger.LogWarning("Lost the change transport ({Error}); caches are not trusted until it is back", e.Message);
                cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(250));
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return; // shutting down
            }
        }
    }

    private void Listen(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = "ramconsole-listen",
            Pooling = false,
            KeepAlive = 1,
            TcpKeepAlive = true,
        };
        using var connection = new NpgsqlConnection(builder.ToString());
        connection.Open();
        connection.Notification += (_, e) => OnNotification(e.Payload);
        using (var listen = new NpgsqlCommand($"LISTEN {PostgresChangeFeed.Channel}", connection)) listen.ExecuteNonQuery();
        local.ForgetAll(); // whatever committed while nobody listened here
        logger.LogInformation("Listening for other nodes' changes as {Node}", node.Id);
        while (!cancellationToken.IsCancellationRequested) connection.Wait(250); // notifications arrive on this thread
    }

    internal void OnNotification(string payload)
    {
        var wasHealthy = health.IsHealthy;
        health.Heard();
        if (!wasHealthy) local.ForgetAll(); // back from a silence: what was missed is unknown
        var parts = payload.Split(':');
        if (parts.Length != 3 || parts[0] == node.Id) return; // a heartbeat, or this node's own change (forgotten at its commit)
        if (!int.TryParse(parts[1], out var touched) || !long.TryParse(parts[2], out var committedAt)) return;
        local.Publish((Touched)touched);
        Interlocked.Increment(ref _received);
        metrics.InvalidationDelay(time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(committedAt));
    }

    private void HeartbeatLoop(CancellationToken cancellationToken)
    {
        var wasHealthy = false;
        do // the first beat at once: a node starting up is not in sync (503) until it hears one
        {
            var healthy = health.IsHealthy;
            if (wasHealthy && !healthy)
                logger.LogWarning("Heard nothing from the change transport for {Silence}: API calls are refused and caches read through until it is heard again", health.SinceHeard);
            else if (!wasHealthy && healthy && _everHealthy)
                logger.LogWarning("The change transport is heard again");
            _everHealthy |= healthy;
            wasHealthy = healthy;
            if (!healthy) local.ForgetAll(); // silent: read through until the transport is heard again
            try
            {
                using var connection = new NpgsqlConnection(connectionString);
                connection.Open();
                using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                notify.Parameters.AddWithValue("channel", PostgresChangeFeed.Channel);
                notify.Parameters.AddWithValue("payload", PostgresChangeFeed.Heartbeat(node.Id));
                notify.ExecuteNonQuery();
            }
            catch (Exception e)
            {
                logger.LogDebug("Heartbeat not sent: {Error}", e.Message);
            }
        }
        while (!cancellationToken.WaitHandle.WaitOne(options.Value.HeartbeatInterval));
    }
}
