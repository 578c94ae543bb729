using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RamConsole.Core.Audit;

/// <summary>
/// Serialises before/after state for the audit trail with every secret left out: properties marked
/// <see cref="SecretAttribute"/>, and any property whose name says it holds a secret (password hashes, security
/// stamps, AccessKey secrets, tokens, signatures, one-time codes), at any depth.
/// </summary>
public static class AuditSnapshot
{
    private static readonly string[] SecretNameParts =
        ["password", "secret", "securitystamp", "concurrencystamp", "token", "signature", "totp", "otpcode", "recoverycode", "privatekey"];

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DropSecrets } },
    };

    public static string? Of(object? state)
    {
        if (state is null) return null;
        // The type modifier drops marked and secret-named properties of typed objects; dictionaries have no
        // properties to drop, so their keys are checked again on the JSON tree.
        var node = JsonSerializer.SerializeToNode(state, state.GetType(), Options);
        DropSecretKeys(node);
        return node?.ToJsonString(Options);
    }

    private static void DropSecretKeys(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).Where(IsSecretName).ToList()) obj.Remove(key);
                foreach (var (_, child) in obj) DropSecretKeys(child);
                break;
            case JsonArray array:
                foreach (var child in array) DropSecretKeys(child);
                break;
        }
    }

    public static bool IsSecretName(string name)
    {
        var lower = name.ToLowerInvariant();
        // "otp" alone, not as a substring: WebRootPath is not a one-time password.
        return lower == "otp" || SecretNameParts.Any(lower.Contains);
    }

    private static void DropSecrets(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object) return;
        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            var property = typeInfo.Properties[i];
            var marked = property.AttributeProvider?.IsDefined(typeof(SecretAttribute), inherit: true) ?? false;
            if (marked || IsSecretName(property.Name)) typeInfo.Properties.RemoveAt(i);
        }
    }
}
