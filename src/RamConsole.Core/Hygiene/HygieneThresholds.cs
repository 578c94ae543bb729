namespace RamConsole.Core.Hygiene;

/// <summary>The report's thresholds, from the <c>Hygiene</c> configuration section (defaults are the seed's advice).</summary>
public sealed class HygieneThresholds
{
    public int RootSignInDays { get; set; } = 30;
    public int AccessKeyMaxAgeDays { get; set; } = 90;
    public int AccessKeyUnusedDays { get; set; } = 90;

    /// <summary>A key not used yet is flagged once it is this old (a key created a minute ago is not a finding).</summary>
    public int AccessKeyNeverUsedGraceDays { get; set; } = 7;

    public int InactiveUserDays { get; set; } = 90;
    public int TrustPolicyChangeDays { get; set; } = 7;
    public int MaxSessionDurationHours { get; set; } = 4;
    public int MinPasswordLength { get; set; } = 12;

    /// <summary>A Redis instance's default account keeping the password it was created with for longer than this is flagged.</summary>
    public int RedisDefaultPasswordDays { get; set; } = 90;
}
