using RamConsole.Policy.Documents;
using RamConsole.Policy.Evaluation;

namespace RamConsole.Policy.Catalog;

/// <summary>The read-only system policies (DESIGN §3), compiled once.</summary>
public static class SystemPolicies
{
    public sealed record Definition(string Name, string Description, string Document);

    public static IReadOnlyList<Definition> Definitions { get; } =
    [
        new("AdministratorAccess", "Provides full access to all resources.",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"""),
        new("AliyunRAMFullAccess", "Provides full access to Resource Access Management (RAM): users, groups, roles, policies and settings.",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:*","Resource":"*"}]}"""),
        new("AliyunRAMReadOnlyAccess", "Provides read-only access to Resource Access Management (RAM), including the audit log.",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":["ram:Get*","ram:List*","ram:GenerateCredentialReport","ram:ExportAuditEvents"],"Resource":"*"}]}"""),
        new("AliyunSTSAssumeRoleAccess", "Allows calling the AssumeRole operation of Security Token Service (STS).",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"""),
        new("AliyunKvstoreFullAccess", "Provides full access to ApsaraDB for Redis (kvstore) resources.",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:*","Resource":"*"}]}"""),
        new("AliyunKvstoreReadOnlyAccess", "Provides read-only access to ApsaraDB for Redis (kvstore) resources.",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:Describe*","Resource":"*"}]}"""),
    ];

    /// <summary>Each system policy compiled, keyed by name (case-insensitive).</summary>
    public static IReadOnlyDictionary<string, PolicyRef> ByName { get; } = Definitions.ToDictionary(
        d => d.Name,
        d => new PolicyRef(d.Name, "v1", PolicyRef.System, PolicyParser.ParseValid(d.Document)),
        StringComparer.OrdinalIgnoreCase);
}
