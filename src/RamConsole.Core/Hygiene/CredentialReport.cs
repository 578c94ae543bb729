using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Logging;
using RamConsole.Core.Audit;
using RamConsole.Core.Users;

namespace RamConsole.Core.Hygiene;

public enum CredentialReportStatus
{
    None,
    Running,
    Completed,
    Failed,
}

/// <summary>Where the report stands: users written so far of the total, and when the last complete one was made.</summary>
public sealed record CredentialReportState(CredentialReportStatus Status, int Done, int Total, DateTimeOffset? GeneratedAt)
{
    /// <summary>From <see cref="CredentialReport.GenerateAsync"/>: whether this call started the run (not one already going).</summary>
    public bool StartedNow { get; init; }
}

/// <summary>Lines of the last complete report (the header is line 0), and whether more follow.</summary>
public sealed record CredentialReportPage(string Csv, bool More, DateTimeOffset GeneratedAt);

/// <summary>
/// The credential report (Alibaba's GenerateCredentialReport / GetCredentialReport): one CSV row per principal — root
/// first, then every RAM user — with console access, password and sign-in dates, MFA, and the state and use of up to
/// two AccessKeys. Generated in the background, <see cref="PageSize"/> users at a time (so a large account neither
/// blocks the caller nor sits in memory), into a local file, which then replaces the previous report in the database
/// only when complete — so every node of a cluster serves the same report. Several nodes: one generates at a time (the
/// node holding the job's lease); the others report it as running.
/// </summary>
[GateFree(GateFreeStep.Background)] // the report is written after its start was decided
public sealed class CredentialReport(UseCaseServices services, string directory, ILogger<CredentialReport> logger, int pageSize = CredentialReport.PageSize,
    Cluster.JobLeases? leases = null)
{
    /// <summary>How long one node may hold the generation before another may start one (a node that died mid-report).</summary>
    private static readonly TimeSpan LeaseFor = TimeSpan.FromMinutes(15);

    public const int PageSize = 500;

    public static readonly string[] Columns =
    [
        "user", "arn", "user_creation_time", "console_access", "password_last_changed", "last_sign_in", "mfa_active", "mfa_types",
        "access_key_1_status", "access_key_1_created", "access_key_1_last_used", "access_key_2_status", "access_key_2_created", "access_key_2_last_used",
    ];

    private readonly Lock _lock = new();
    private CredentialReportState _state = new(CredentialReportStatus.None, 0, 0, null);
    private Task _running = Task.CompletedTask;

    // Named for the account and this process, so a folder shared by two databases, test hosts or nodes never mixes reports.
    private string PartialPath => Path.Combine(directory, $"credential-report-{services.Account.AccountId}-{Environment.ProcessId}.partial");

    /// <summary>Whether the console should offer the report to <paramref name="caller"/> (decided, not demanded: nothing is audited).</summary>
    public async Task<bool> IsAllowedAsync(Caller caller, CancellationToken cancellationToken = default) =>
        await services.MayAsync(caller, RamActions.GetCredentialReport, services.AccountResource, cancellationToken);

    public async Task<CredentialReportState> GetStateAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        await services.DemandAsync(caller, RamActions.GetCredentialReport, services.AccountResource, cancellationToken);
        var generatedAt = await StoredAtAsync(cancellationToken);
        CredentialReportState state;
        lock (_lock) state = _state with { GeneratedAt = generatedAt };
        if (state.Status != CredentialReportStatus.Running && await GeneratingElsewhereAsync(cancellationToken))
            state = state with { Status = CredentialReportStatus.Running, Done = 0, Total = 0 };
        return state;
    }

    private async Task<DateTimeOffset?> StoredAtAsync(CancellationToken cancellationToken)
    {
        await using var db = await services.OpenGateFreeAsync(GateFreeStep.Background, cancellationToken);
        var accountId = services.Account.AccountId;
        return await db.CredentialReports.Where(r => r.AccountId == accountId).Select(r => (DateTimeOffset?)r.GeneratedAt).SingleOrDefaultAsync(cancellationToken);
    }

    // Another node holds the generation's lease (and it has not run out).
    private async Task<bool> GeneratingElsewhereAsync(CancellationToken cancellationToken)
    {
        if (leases is null) return false;
        await using var db = await services.OpenGateFreeAsync(GateFreeStep.Background, cancellationToken);
        var now = services.Time.GetUtcNow();
        return await db.JobLeases.AnyAsync(l => l.Name == Cluster.JobLeases.CredentialReport && l.Holder != leases.Holder && l.ExpiresAt > now, cancellationToken);
    }

    /// <summary>Starts a report unless one is being made; returns at once.</summary>
    public async Task<CredentialReportState> GenerateAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        await services.DemandAsync(caller, RamActions.GenerateCredentialReport, services.AccountResource, cancellationToken);
        CredentialReportState started;
        lock (_lock)
        {
            if (_state.Status == CredentialReportStatus.Running) return _state;
        }
        if (leases is not null && !await leases.TryTakeAsync(Cluster.JobLeases.CredentialReport, LeaseFor, cancellationToken))
            return new CredentialReportState(CredentialReportStatus.Running, 0, 0, null); // another node is making it
        lock (_lock)
        {
            if (_state.Status == CredentialReportStatus.Running) return _state;
            started = _state = _state with { Status = CredentialReportStatus.Running, Done = 0, Total = 0 };
            _running = Task.Run(WriteAsync, CancellationToken.None);
        }
        await services.Audit.RecordAsync(AuditEntry.For(caller, RamActions.GenerateCredentialReport, services.AccountResource), cancellationToken);
        return started with { StartedNow = true };
    }

    /// <summary>For tests and shutdown: the generation in progress, if any.</summary>
    public Task Completion => _running;

    /// <summary>The last complete report, to stream to the caller.</summary>
    public async Task<Stream> OpenAsync(Caller caller, CancellationToken cancellationToken = default) => (await OpenStoredAsync(caller, cancellationToken)).Csv;

    private async Task<(Stream Csv, DateTimeOffset GeneratedAt)> OpenStoredAsync(Caller caller, CancellationToken cancellationToken)
    {
        await services.DemandAsync(caller, RamActions.GetCredentialReport, services.AccountResource, cancellationToken);
        await using var db = await services.OpenGateFreeAsync(GateFreeStep.Background, cancellationToken);
        var accountId = services.Account.AccountId;
        var stored = await db.CredentialReports.AsNoTracking().SingleOrDefaultAsync(r => r.AccountId == accountId, cancellationToken)
            ?? throw new RamException("EntityNotExist.CredentialReport", "No credential report has been generated yet; generate one first.", 404);
        return (new MemoryStream(stored.Csv, writable: false), stored.GeneratedAt);
    }

    /// <summary>
    /// <paramref name="take"/> lines of the last complete report from line <paramref name="skip"/> (for the API's
    /// GetCredentialReport pages), with the time that report was made, read from the same open file.
    /// </summary>
    public async Task<CredentialReportPage> ReadLinesAsync(Caller caller, int skip, int take, CancellationToken cancellationToken = default)
    {
        var (stream, generatedAt) = await OpenStoredAsync(caller, cancellationToken);
        using var reader = new StreamReader(stream);
        var text = new System.Text.StringBuilder();
        for (var line = 0; await reader.ReadLineAsync(cancellationToken) is { } row; line++)
        {
            if (line < skip) continue;
            if (line >= skip + take) return new CredentialReportPage(text.ToString(), true, generatedAt);
            text.Append(row).Append('\n');
        }
        return new CredentialReportPage(text.ToString(), false, generatedAt);
    }

    private async Task WriteAsync()
    {
        try
        {
            Directory.CreateDirectory(directory);
            var partial = PartialPath;
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            await using (var csv = CsvWriter.Create(file, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true))
            {
                csv.WriteHeader(Columns);
                await using var db = await services.OpenGateFreeAsync(GateFreeStep.Background, CancellationToken.None);
                var total = await db.Users.CountAsync();
                Report(0, total);
                var done = 0;
                // Root first, then RAM users by name, a page at a time by keyset.
                string? after = null;
                for (var rootPage = true; ; rootPage = false)
                {
                    var users = await db.Users.AsNoTracking()
                        .Where(u => rootPage ? u.Kind == PrincipalKind.Root : u.Kind == PrincipalKind.User && (after == null || string.Compare(u.UserName, after) > 0))
                        .OrderBy(u => u.UserName).Take(pageSize)
                        .Select(u => new UserRow(u.Id, u.UserName!, u.Kind == PrincipalKind.Root, u.CreatedAt, u.ConsoleLoginEnabled, u.PasswordChangedAt, u.LastLoginAt))
                        .ToListAsync();
                    if (users.Count == 0 && !rootPage) break;
                    await WritePageAsync(db, csv, users);
                    done += users.Count;
                    if (!rootPage) after = users[^1].UserName;
                    Report(done, Math.Max(total, done));
                }
                await csv.FlushAsync();
            }
            var generatedAt = services.Time.GetUtcNow();
            await StoreAsync(await File.ReadAllBytesAsync(partial), generatedAt);
            File.Delete(partial);
            lock (_lock) _state = _state with { Status = CredentialReportStatus.Completed, GeneratedAt = generatedAt };
        }
        catch (Exception e)
        {
            logger.LogError(e, "The credential report could not be generated");
            lock (_lock) _state = _state with { Status = CredentialReportStatus.Failed };
        }
        finally
        {
            if (leases is not null)
            {
                try { await leases.ReleaseAsync(Cluster.JobLeases.CredentialReport); }
                catch (Exception e) { logger.LogWarning(e, "Could not release the credential report's lease; it runs out by itself"); }
            }
        }
    }

    // Replaces the stored report in one statement pair inside one transaction: readers see the old one or the new one.
    private async Task StoreAsync(byte[] csv, DateTimeOffset generatedAt)
    {
        await using var db = await services.OpenGateFreeAsync(GateFreeStep.Background, CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var accountId = services.Account.AccountId;
        await db.CredentialReports.Where(r => r.AccountId == accountId).ExecuteDeleteAsync();
        db.CredentialReports.Add(new StoredCredentialReport { AccountId = accountId, Csv = csv, GeneratedAt = generatedAt });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private sealed record UserRow(string Id, string UserName, bool IsRoot, DateTimeOffset CreatedAt, bool ConsoleLoginEnabled, DateTimeOffset? PasswordChangedAt, DateTimeOffset? LastLoginAt);

    private async Task WritePageAsync(Persistence.RamDbContext db, CsvWriter csv, IReadOnlyList<UserRow> users)
    {
        var ids = users.Select(u => u.Id).ToList();
        var totp = (await db.TotpDevices.Where(d => ids.Contains(d.UserId)).Select(d => d.UserId).ToListAsync()).ToHashSet();
        var securityKeys = (await db.WebAuthnCredentials.Where(k => ids.Contains(k.UserId)).Select(k => k.UserId).ToListAsync()).ToHashSet();
        var accessKeys = (await db.AccessKeys.AsNoTracking().Where(k => ids.Contains(k.UserId)).OrderBy(k => k.CreatedAt)
                .Select(k => new { k.UserId, k.Status, k.CreatedAt, k.LastUsedAt }).ToListAsync())
            .ToLookup(k => k.UserId);
        foreach (var u in users)
        {
            var types = new[] { totp.Contains(u.Id) ? "totp" : null, securityKeys.Contains(u.Id) ? "webauthn" : null }.OfType<string>().ToList();
            var keys = accessKeys[u.Id].Take(2).ToList();
            csv.WriteField(u.IsRoot ? "<root>" : u.UserName);
            csv.WriteField(u.IsRoot ? Account.Arns.Root(services.Account.AccountId) : Account.Arns.User(services.Account.AccountId, u.UserName));
            csv.WriteField(Time(u.CreatedAt));
            csv.WriteField(u.IsRoot || u.ConsoleLoginEnabled ? "true" : "false");
            csv.WriteField(Time(u.PasswordChangedAt) ?? "N/A");
            csv.WriteField(Time(u.LastLoginAt) ?? "never");
            csv.WriteField(types.Count > 0 ? "true" : "false");
            csv.WriteField(string.Join(';', types));
            for (var i = 0; i < 2; i++)
            {
                csv.WriteField(i < keys.Count ? keys[i].Status.ToString() : "N/A");
                csv.WriteField(i < keys.Count ? Time(keys[i].CreatedAt) : "N/A");
                csv.WriteField(i < keys.Count ? Time(keys[i].LastUsedAt) ?? "never" : "N/A");
            }
            await csv.EndRecordAsync();
        }
    }

    private void Report(int done, int total)
    {
        lock (_lock) _state = _state with { Done = done, Total = total };
    }

    private static string? Time(DateTimeOffset? instant) => instant is { } at ? Policy.Matching.IsoTime.ToIso(at) : null;
}
