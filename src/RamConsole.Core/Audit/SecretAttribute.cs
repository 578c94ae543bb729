namespace RamConsole.Core.Audit;

/// <summary>Marks a property that must never reach an audit record, whatever its name.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SecretAttribute : Attribute;
