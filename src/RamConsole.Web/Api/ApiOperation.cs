using RamConsole.Core.Authorization;

namespace RamConsole.Web.Api;

/// <summary>
/// One RPC operation: the action the gate decides it as — and the audit trail and the API call counters name it by —
/// and its handler, which calls the Core use case that decides it. The action-table test checks, for every row, that
/// a Deny of <see cref="Action"/> refuses the call and that allowing exactly it (plus what the test lists) suffices.
/// </summary>
public sealed record ApiOperation(string Action, Func<ApiCall, Task<object>> Handler)
{
    /// <summary>Set only for an operation that is not decided at the gate; the step says why (see <see cref="GateFreeStep"/>).</summary>
    public GateFreeStep? GateFree { get; init; }

    /// <summary>
    /// An unsigned call (AssumeRoleWithSAML, AssumeRoleWithOIDC, as Alibaba's): its credential is the assertion or token
    /// it carries, and only the role's trust policy decides it. Its handler gets no <see cref="ApiCall.Caller"/>.
    /// </summary>
    public bool Anonymous { get; init; }
}

/// <summary>Shorthand for the operation tables.</summary>
internal static class Rpc
{
    public static ApiOperation Op(string action, Func<ApiCall, Task<object>> handler) => new(action, handler);

    /// <summary>An operation that returns nothing but its RequestId.</summary>
    public static ApiOperation Op(string action, Func<ApiCall, Task> handler) => new(action, async c => { await handler(c); return new { }; });
}
