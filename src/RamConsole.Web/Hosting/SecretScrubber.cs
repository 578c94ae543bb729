using System.Text.RegularExpressions;
using RamConsole.Core.Audit;
using Serilog.Core;
using Serilog.Events;

namespace RamConsole.Web.Hosting;

/// <summary>
/// Removes secrets from every log event before any sink sees it: a property whose name says it is a secret
/// (password, AccessKey secret, security token, signature, one-time code…) is replaced whole, and inside any string
/// value, <c>name=value</c>, <c>"name":"value"</c> and <c>Signature=…</c>/<c>Authorization</c> fragments are masked.
/// Nested structures, sequences and dictionaries are walked.
/// </summary>
public sealed partial class SecretScrubber : ILogEventEnricher
{
    public const string Mask = "***";

    // Query/form style (Password=x&…), JSON style ("AccessKeySecret":"x") and header style (Signature=abc, ACS3 …).
    [GeneratedRegex("""(?<name>[A-Za-z_\-]*(?:password|secret|securitytoken|security-token|signature|token|otp|totp|recoverycode|mfacode|verificationcode|authcode|assertion|samlresponse)[A-Za-z_\-]*)(?<sep>"?\s*[:=]\s*"?)(?<value>[^&",;\s}]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretPair();

    private static readonly string[] ExtraSecretNames = ["authorization", "cookie", "mfacode", "verificationcode", "authcode", "authenticatorcode", "samlassertion", "samlresponse"];

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToArray())
        {
            var scrubbed = IsSecretName(name) ? new ScalarValue(Mask) : Scrub(value);
            if (!ReferenceEquals(scrubbed, value)) logEvent.AddOrUpdateProperty(new LogEventProperty(name, scrubbed));
        }
    }

    internal static bool IsSecretName(string name) =>
        AuditSnapshot.IsSecretName(name) || ExtraSecretNames.Any(n => name.Equals(n, StringComparison.OrdinalIgnoreCase));

    internal static string ScrubText(string text) => SecretPair().Replace(text, m =>
        IsSecretName(m.Groups["name"].Value) ? m.Groups["name"].Value + m.Groups["sep"].Value + Mask : m.Value);

    private static LogEventPropertyValue Scrub(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string s }:
                var clean = ScrubText(s);
                return clean == s ? value : new ScalarValue(clean);
            case StructureValue structure:
                var properties = structure.Properties.Select(p => IsSecretName(p.Name)
                    ? new LogEventProperty(p.Name, new ScalarValue(Mask))
                    : new LogEventProperty(p.Name, Scrub(p.Value))).ToList();
                return new StructureValue(properties, structure.TypeTag);
            case SequenceValue sequence:
                return new SequenceValue(sequence.Elements.Select(Scrub));
            case DictionaryValue dictionary:
                return new DictionaryValue(dictionary.Elements.Select(kv => new KeyValuePair<ScalarValue, LogEventPropertyValue>(
                    kv.Key, kv.Key.Value is string key && IsSecretName(key) ? new ScalarValue(Mask) : Scrub(kv.Value))));
            default:
                return value;
        }
    }
}
