using RamConsole.Core.Errors;

namespace RamConsole.Core.Tests.Support;

internal static class Errors
{
    /// <summary>Runs <paramref name="action"/> and returns the Alibaba code it failed with.</summary>
    public static async Task<string> CodeOf(Func<Task> action) => (await Assert.ThrowsAsync<RamException>(action)).Code;
}
