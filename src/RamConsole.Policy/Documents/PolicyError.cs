namespace RamConsole.Policy.Documents;

/// <summary>Why a document was refused, with the Alibaba error code the API returns for it.</summary>
public sealed record PolicyError(string Code, string Message)
{
    public const string Malformed = "MalformedPolicyDocument";
    public const string TooLong = "InvalidParameter.PolicyDocument.Length";
}

/// <summary>The outcome of <see cref="PolicyParser.Parse"/>: a document or an error, never both.</summary>
public readonly record struct PolicyParseResult(PolicyDocument? Document, PolicyError? Error)
{
    public bool IsValid => Document is not null;
}

/// <summary>Thrown inside the parser only; always turned into a <see cref="PolicyError"/> before leaving it.</summary>
internal sealed class PolicySyntaxException(string path, string reason) : Exception($"{path}: {reason}");
