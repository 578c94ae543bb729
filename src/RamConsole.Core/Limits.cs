namespace RamConsole.Core;

/// <summary>Account limits (section <c>Limits</c>), with Alibaba Cloud RAM's defaults (DESIGN §2).</summary>
public sealed class RamLimits
{
    public const string Section = "Limits";

    public int Users { get; set; } = 1000;
    public int Roles { get; set; } = 1000;
    public int Groups { get; set; } = 50;
    public int CustomPolicies { get; set; } = 1500;
    public int VersionsPerPolicy { get; set; } = 5;
    public int AccessKeysPerUser { get; set; } = 2;
    public int GroupsPerUser { get; set; } = 5;
    public int SystemPoliciesPerPrincipal { get; set; } = 20;
    public int CustomPoliciesPerUser { get; set; } = 10;
    public int CustomPoliciesPerGroupOrRole { get; set; } = 5;
    public int PolicyDocumentLength { get; set; } = Policy.Documents.PolicyParser.DefaultMaxLength;
}
