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
/// blocks the caller nor sits in memory), into a file that replaces the previous report only when complete.
/// </summary>
[GateFree(GateFreeStep.Background)] // the report is written after its start was decided
public sealed class CredentialReport(UseCaseServices services, string directory, ILogger<CredentialReport> logger, int pageSize = CredentialReport.PageSize)
{
    public const int PageSize = 500;

    public static readonly string[] Columns =
    [
        "user", "arn", "user_creation_time", "console_access", "password_last_changed", "last_sign_in", "mfa_active", "mfa_types",
        "access_key_1_status", "access_key_1_created", "access_key_1_last_used", "access_key_2_status", "access_key_2_created", "access_key_2_last_used",
    ];

    private readonly Lock _lock = new();
    private CredentialReportState _state = new(CredentialReportStatus.None, 0, 0, null);
    private Task _running = Task.CompletedTask;

    // Named for the account, so a folder shared by two databases (or test hosts) never serves one account's report to another.
    private string FilePath => Path.Combine(directory, $"credential-report-{services.Account.AccountId}.csv");

    /// <summary>Whether the console should offer the report to <paramref name="caller"/> (decided, not demanded: nothing is audited).</summary>
    public async Task<bool> IsAllowedAsync(Caller caller, CancellationToken cancellationToken = default) =>
        await services.MayAsync(caller, RamActions.GetCredentialReport, services.AccountResource, cancellationToken);

    public async Task<CredentialReportState> GetStateAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        await services.DemandAsync(caller, RamActions.GetCredentialReport, services.AccountResource, cancellationToken);
        lock (_lock) return _state with { GeneratedAt = _state.GeneratedAt ?? (File.Exists(FilePath) ? File.GetLastWriteTimeUtc(FilePath) : null) };
    }

    /// <summary>Starts a report unless one is being made; returns at once.</summary>
    public async Task<CredentialReportState> GenerateAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        await services.DemandAsync(caller, RamActions.GenerateCredentialReport, services.AccountResource, cancellationToken);
        CredentialReportState started;
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
    public async Task<Stream> OpenAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        await services.DemandAsync(caller, RamActions.GetCredentialReport, services.AccountResource, cancellationToken);
        return File.Exists(FilePath)
            ? new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true)
            : throw new RamException("EntityNotExist.CredentialReport", "No credential report has been generated yet; generate one first.", 404);
    }

    /// <summary>
    /// <paramref name="take"/> lines of the last complete report from line <paramref name="skip"/> (for the API's
    /// GetCredentialReport pages), with the time that report was made, read from the same open file.
    /// </summary>
    public async Task<CredentialReportPage> ReadLinesAsync(Caller caller, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var stream = await OpenAsync(caller, cancellationToken);
        var generatedAt = new DateTimeOffset(File.GetLastWriteTimeUtc(((FileStream)stream).SafeFileHandle), TimeSpan.Zero);
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
            var partial = FilePath + ".partial";
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
            File.Move(partial, FilePath, overwrite: true);
            lock (_lock) _state = _state with { Status = CredentialReportStatus.Completed, GeneratedAt = services.Time.GetUtcNow() };
        }
        catch (Exception e)
        {
            logger.LogError(e, "The credential report could not be generated");
            lock (_lock) _state = _state with { Status = CredentialReportStatus.Failed };
        }
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
