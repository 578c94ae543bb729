using System.Globalization;
using System.Text.Json;
using CsvHelper;

namespace RamConsole.Core.Audit;

/// <summary>
/// Writes audit events as CSV (RFC 4180, formula-looking text escaped so a spreadsheet shows it as text) or JSON lines,
/// one event at a time as they arrive — an export of millions of events holds one chunk in memory, never the set.
/// </summary>
public static class AuditExport
{
    public static readonly string[] Columns =
        ["Id", "Time", "Principal", "PrincipalType", "Channel", "SourceIp", "Action", "Resource", "Result", "ErrorCode", "RequestId", "Before", "After", "Detail"];

    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    private static readonly CsvWriterOptions Csv = new() { Injection = CsvInjection.Escape };

    /// <summary>Writes every event and returns how many; <paramref name="progress"/> hears the count every 1,000.</summary>
    public static async Task<long> WriteCsvAsync(IAsyncEnumerable<AuditEvent> events, Stream output, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var csv = CsvWriter.Create(output, Csv, leaveOpen: true);
        csv.WriteHeader(Columns);
        long count = 0;
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            foreach (var field in Fields(e)) csv.WriteField(field ?? "");
            await csv.EndRecordAsync(cancellationToken);
            if (++count % 1_000 == 0)
            {
                await csv.FlushAsync(cancellationToken);
                progress?.Report(count);
            }
        }
        await csv.FlushAsync(cancellationToken);
        progress?.Report(count);
        return count;
    }

    public static async Task<long> WriteJsonLinesAsync(IAsyncEnumerable<AuditEvent> events, Stream output, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        long count = 0;
        await using var json = new Utf8JsonWriter(output);
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            var fields = Fields(e);
            for (var i = 0; i < Columns.Length; i++)
            {
                if (fields[i] is not { } value) continue;
                if (i >= 11) // Before/After/Detail are JSON already: nest them rather than quote them
                {
                    json.WritePropertyName(Columns[i]);
                    json.WriteRawValue(value, skipInputValidation: true);
                }
                else if (i == 0) json.WriteNumber(Columns[i], e.Id);
                else json.WriteString(Columns[i], value);
            }
            json.WriteEndObject();
            await json.FlushAsync(cancellationToken);
            json.Reset();
            await output.WriteAsync(NewLine, cancellationToken); // async: ASP.NET Core refuses synchronous writes to a response
            if (++count % 1_000 == 0)
            {
                await output.FlushAsync(cancellationToken);
                progress?.Report(count);
            }
        }
        await output.FlushAsync(cancellationToken);
        progress?.Report(count);
        return count;
    }

    private static string?[] Fields(AuditEvent e) =>
    [
        e.Id.ToString(CultureInfo.InvariantCulture), Policy.Matching.IsoTime.ToIsoWithMilliseconds(e.Time),
        e.PrincipalArn, e.PrincipalType, e.Channel.ToString(), e.SourceIp, e.Action, e.ResourceArn, e.Result.ToString(), e.ErrorCode, e.RequestId,
        e.Before, e.After, e.Detail,
    ];
}
