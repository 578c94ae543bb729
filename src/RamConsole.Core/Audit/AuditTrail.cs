using System.Threading.Channels;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Audit;

/// <summary>
/// Writes audit events. A write use case <see cref="Stage"/>s its event in the same DbContext as its change, so both
/// commit or neither does. Events that stand alone (denials, sign-ins, token issuance) are <see cref="RecordAsync"/>ed:
/// they are group-committed — one SQLite transaction for every event waiting at that moment — and RecordAsync returns
/// only once its event is durably written, so no acknowledged event can be lost while a busy API does not pay one
/// commit per event.
/// </summary>
public sealed class AuditTrail : IAsyncDisposable, IDisposable
{
    private const int MaxBatch = 512;
    private readonly IDbContextFactory<RamDbContext> _dbFactory;
    private readonly TimeProvider _time;
    private readonly Channel<(AuditEvent Event, TaskCompletionSource Written)> _pending =
        Channel.CreateUnbounded<(AuditEvent, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _writer;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AuditBatchWriter? _batchWriter;

    private readonly Cluster.RamMetrics _metrics;

    // The queue's depth for metrics (a single-reader channel cannot count itself).
    private long _queued;

    public AuditTrail(IDbContextFactory<RamDbContext> dbFactory, TimeProvider time, Cluster.RamMetrics metrics)
    {
        _dbFactory = dbFactory;
        _time = time;
        _metrics = metrics;
        metrics.Observe("ramconsole.audit.queue_depth", "{event}", "Audit events waiting to be written.", () => Interlocked.Read(ref _queued));
        // A thread of its own: SQLite's writes and the fsync at each commit block, and on a thread-pool thread they
        // would hold back the very requests waiting for the batch (on 2 cores the pool has few threads to spare).
        _writer = new Thread(WriteBatches) { IsBackground = true, Name = "Audit writer" };
        _writer.Start();
    }

    public void Stage(RamDbContext db, AuditEntry entry) => db.AuditEvents.Add(ToEvent(entry));

    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _queued); // before the write, so the reader never takes the count below zero
        if (!_pending.Writer.TryWrite((ToEvent(entry), written)))
        {
            Interlocked.Decrement(ref _queued);
            throw new ObjectDisposedException(nameof(AuditTrail));
        }
        // The caller may stop waiting, but the event is still written: an audit record is not cancelled.
        return written.Task.WaitAsync(cancellationToken);
    }

    private void WriteBatches()
    {
        var batch = new List<(AuditEvent Event, TaskCompletionSource Written)>(MaxBatch);
        while (_pending.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var item)) batch.Add(item);
            Interlocked.Add(ref _queued, -batch.Count);
            try
            {
                using var db = _dbFactory.CreateDbContext();
                _batchWriter ??= new AuditBatchWriter(db.Model);
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                _batchWriter.Write(db, [.. batch.Select(b => b.Event)]); // one synced transaction for the whole batch
                _metrics.AuditCommitted(System.Diagnostics.Stopwatch.GetElapsedTime(started));
                foreach (var (_, written) in batch) written.TrySetResult();
            }
            catch (Exception e)
            {
                foreach (var (_, written) in batch) written.TrySetException(e);
            }
            batch.Clear();
        }
        _drained.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _drained.Task; // drain what was accepted
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private AuditEvent ToEvent(AuditEntry e) => new()
    {
        Time = _time.GetUtcNow(),
        Action = e.Action,
        PrincipalArn = e.PrincipalArn,
        PrincipalType = e.PrincipalType,
        Channel = e.Channel,
        SourceIp = e.SourceIp,
        ResourceArn = e.ResourceArn,
        Result = e.Result,
        ErrorCode = e.ErrorCode,
        RequestId = e.RequestId,
        Before = AuditSnapshot.Of(e.Before),
        After = AuditSnapshot.Of(e.After),
        Detail = AuditSnapshot.Of(e.Detail),
    };
}
