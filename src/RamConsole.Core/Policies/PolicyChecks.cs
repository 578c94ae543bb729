using RamConsole.Core.Persistence;
using RamConsole.Policy.Documents;

namespace RamConsole.Core.Policies;

internal static class PolicyChecks
{
    /// <summary>Validates a document with the engine, turning its error into the API's error (400, field PolicyDocument).</summary>
    public static string ValidDocument(string? document, int maxLength, PolicyDocumentKind kind = PolicyDocumentKind.Identity, string field = "PolicyDocument")
    {
        if (string.IsNullOrWhiteSpace(document)) throw RamErrors.Invalid("MissingParameter", $"{field} is required.", field);
        var parsed = PolicyParser.Parse(document, kind, maxLength);
        if (!parsed.IsValid) throw RamErrors.Invalid(parsed.Error!.Code, parsed.Error.Message, field);
        return document;
    }

    public static string PolicyType(string? value) => value switch
    {
        "System" => "System",
        "Custom" => "Custom",
        null or "" => throw RamErrors.Invalid("MissingParameter", "PolicyType is required (System or Custom).", "PolicyType"),
        _ => throw RamErrors.Invalid("InvalidParameter.PolicyType", "PolicyType is System or Custom.", "PolicyType"),
    };

    public static async Task<CustomPolicy> FindCustomAsync(this RamDbContext db, string name, CancellationToken cancellationToken) =>
        await db.Policies.SingleOrDefaultAsync(p => p.Name == name, cancellationToken) ?? throw RamErrors.NotFound("Policy", name);
}
