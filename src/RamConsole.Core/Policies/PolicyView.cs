namespace RamConsole.Core.Policies;

/// <summary>A system or custom policy as lists show it.</summary>
public sealed record PolicyView(string PolicyName, string PolicyType, string? Description, string DefaultVersion,
    DateTimeOffset? CreateDate, DateTimeOffset? UpdateDate, int AttachmentCount);

public sealed record PolicyVersionView(string VersionId, bool IsDefaultVersion, string PolicyDocument, DateTimeOffset CreateDate);
