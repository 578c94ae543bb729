using RamConsole.Policy.Documents;

namespace RamConsole.Policy.Evaluation;

/// <summary>A compiled document with the facts an explanation names: policy name, version and type (System/Custom).</summary>
public sealed record PolicyRef(string Name, string Version, string PolicyType, PolicyDocument Document)
{
    public const string System = "System";
    public const string Custom = "Custom";
    public const string Inline = "Inline";

    private BoundStatement[]? _bound;

    /// <summary>Its statements paired with it, made once and shared by every policy set that includes this policy.</summary>
    internal BoundStatement[] Bound => _bound ??= [.. Document.Statements.Select(s => new BoundStatement(this, s))];
}

/// <summary>A statement with the policy it belongs to, so a decision can name both without a lookup.</summary>
internal sealed class BoundStatement(PolicyRef policy, PolicyStatement statement)
{
    public readonly PolicyRef Policy = policy;
    public readonly PolicyStatement Statement = statement;
}

/// <summary>The role a policy plays in a decision, as Alibaba's <c>AccessDeniedDetail.PolicyType</c> names it.</summary>
public enum PolicyRole : byte
{
    Identity,
    SessionPolicy,
    AssumeRolePolicy,
}

public enum DecisionKind : byte
{
    ImplicitDeny,
    Allow,
    ExplicitDeny,
}

/// <summary>
/// A decision and why: for Allow and ExplicitDeny the statement that decided it (policy and 0-based statement index);
/// for ImplicitDeny, which kind of policy failed to allow. A struct, so deciding allocates nothing.
/// </summary>
public readonly record struct Decision(DecisionKind Kind, PolicyRole Role, PolicyRef? Policy = null, int StatementIndex = -1)
{
    public bool IsAllowed => Kind == DecisionKind.Allow;

    public override string ToString() => Policy is null
        ? $"{Kind} ({Role})"
        : $"{Kind} by {Policy.Name} {Policy.Version} Statement[{StatementIndex}] ({Role})";
}
