using System.Collections.Concurrent;

namespace RamConsole.Web.Components.Pages.Audit;

/// <summary>How far one export has got: events written of the total that matched when it started.</summary>
public sealed record AuditExportState(long Written, long Total, bool Done);

/// <summary>
/// Progress of running exports, so the audit page can show a bar while the browser streams the file to disk. Keyed by
/// an id the page puts in the export link and by the principal who asked (nobody can read another's progress);
/// entries are forgotten ten minutes after they were last touched.
/// </summary>
public sealed class AuditExportProgress(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Id, string Principal), (AuditExportState State, DateTimeOffset Touched)> _exports = new();

    public static bool IsValidId(string? id) => id is { Length: >= 16 and <= 64 } && id.All(char.IsAsciiLetterOrDigit);

    public void Report(string id, string principal, AuditExportState state)
    {
        var now = time.GetUtcNow();
        _exports[(id, principal)] = (state, now);
        foreach (var (key, (_, touched)) in _exports)
        {
            if (now - touched > TimeSpan.FromMinutes(10)) _exports.TryRemove(key, out _);
        }
    }

    public AuditExportState? Get(string id, string principal) => _exports.TryGetValue((id, principal), out var entry) ? entry.State : null;
}
