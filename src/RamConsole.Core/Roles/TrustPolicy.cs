using RamConsole.Policy.Documents;
using RamConsole.Policy.Evaluation;

namespace RamConsole.Core.Roles;

/// <summary>One principal a trust policy names, as the role page lists them: who, by which statement's effect and conditions.</summary>
public sealed record TrustedPrincipal(string Effect, string Type, string Principal, string Conditions);

/// <summary>A role's trust policy (its AssumeRolePolicyDocument): compiled for decisions, and read for people.</summary>
public static class TrustPolicy
{
    /// <summary>
    /// A stored trust policy, compiled. It was validated when written, so no length limit applies here: a limit
    /// lowered since must not lock anyone out of a role.
    /// </summary>
    public static PolicyRef Compile(string roleName, string document, string version = "current") =>
        new(roleName, version, PolicyRef.Inline, PolicyParser.Parse(document, PolicyDocumentKind.Trust, int.MaxValue).Document
            ?? throw new InvalidOperationException($"The stored trust policy of {roleName} is not valid."));

    /// <summary>Every principal the policy names, statement by statement (an unreadable document names none).</summary>
    public static IReadOnlyList<TrustedPrincipal> Principals(string document)
    {
        var parsed = PolicyParser.Parse(document, PolicyDocumentKind.Trust, int.MaxValue);
        var principals = new List<TrustedPrincipal>();
        foreach (var statement in parsed.Document?.Statements ?? [])
        {
            var effect = statement.Effect.ToString();
            var conditions = string.Join("; ", statement.Conditions.Select(c => $"{c.Operator} {c.Key} {string.Join(",", c.Values)}"));
            foreach (var p in statement.Principal?.Ram ?? []) principals.Add(new(effect, "RAM", p, conditions));
            foreach (var p in statement.Principal?.Service ?? []) principals.Add(new(effect, "Service", p, conditions));
            foreach (var p in statement.Principal?.Federated ?? []) principals.Add(new(effect, "Federated", p, conditions));
        }
        return principals;
    }
}
