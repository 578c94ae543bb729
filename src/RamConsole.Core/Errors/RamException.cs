namespace RamConsole.Core.Errors;

/// <summary>
/// A refusal with an Alibaba Cloud error code (DESIGN §6). Use cases throw it; the API maps it to the JSON error body
/// and the console to a snackbar or a message beside <see cref="Field"/>. Messages are for people and never hold secrets.
/// </summary>
public sealed class RamException(string code, string message, int httpStatus = 400, string? field = null) : Exception(message)
{
    public string Code { get; } = code;
    public int HttpStatus { get; } = httpStatus;

    /// <summary>The input that caused the error, when there is one, so a form can show the message beside it.</summary>
    public string? Field { get; } = field;

    /// <summary>Why a <c>NoPermission</c> was decided; null for other errors.</summary>
    public Authorization.AccessDeniedDetail? AccessDenied { get; init; }
}
