using RamConsole.Core.Errors;

namespace RamConsole.Web.Components.Shared;

/// <summary>The outcome of a console action: a value, or the refusal that the page shows beside a field or in a snackbar.</summary>
public sealed record Outcome<T>(T? Value, RamException? Error)
{
    public bool Ok => Error is null;

    /// <summary>The message for <paramref name="field"/>, when the error was about that input.</summary>
    public string? ErrorFor(string field) => Error?.Field == field ? Error.Message : null;
}
