namespace RamConsole.Core.Sts;

/// <summary>The actions whose successful audit events are STS token issuances (charts and role-session lists read them).</summary>
public static class StsIssuance
{
    public static readonly string[] Actions = [StsActions.AssumeRole, StsActions.AssumeRoleWithSAML, StsActions.AssumeRoleWithOIDC];
}
