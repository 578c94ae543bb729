using RamConsole.Policy.Matching;

namespace RamConsole.Policy.Evaluation;

/// <summary>
/// Per-decision state on the stack: the request context plus the values parsed from it so far. Each well-known value
/// — the source IP, the time, the MFA and TLS flags, the resource's segments — is parsed at most once per decision,
/// and only if some condition or resource test asks for it.
/// </summary>
internal ref struct EvaluationScratch(ref readonly RequestContext context)
{
    private readonly ref readonly RequestContext _context = ref context;
    private byte _ipState;   // 0 unparsed, 1 parsed, 2 absent or invalid
    private byte _timeState;
    private byte _mfaState;  // 0 unparsed, 1 false, 2 true, 3 absent or not a bool
    private byte _tlsState;
    private IpValue _ip;
    private long _timeTicks;

    public readonly string? Get(ContextKey key, string name) => _context.Get(key, name);

    public bool TryGetIp(ContextKey key, string name, out IpValue ip)
    {
        if (key != ContextKey.SourceIp) return IpValue.TryParse(Get(key, name), out ip);
        if (_ipState == 0) _ipState = IpValue.TryParse(_context.SourceIp, out _ip) ? (byte)1 : (byte)2;
        ip = _ip;
        return _ipState == 1;
    }

    public bool TryGetTime(ContextKey key, string name, out long ticks)
    {
        if (key != ContextKey.CurrentTime) return IsoTime.TryParseUtcTicks(Get(key, name), out ticks);
        if (_timeState == 0) _timeState = IsoTime.TryParseUtcTicks(_context.CurrentTime, out _timeTicks) ? (byte)1 : (byte)2;
        ticks = _timeTicks;
        return _timeState == 1;
    }

    /// <summary>A boolean key: 1 false, 2 true, 3 absent or not "true"/"false" (the well-known flags parsed once).</summary>
    public byte GetBool(ContextKey key, string name) => key switch
    {
        ContextKey.MfaPresent => _mfaState != 0 ? _mfaState : _mfaState = ParseBool(_context.MfaPresent),
        ContextKey.SecureTransport => _tlsState != 0 ? _tlsState : _tlsState = ParseBool(_context.SecureTransport),
        _ => ParseBool(Get(key, name)),
    };

    private static byte ParseBool(string? text) =>
        text is null ? (byte)3 : Conditions.Condition.TryParseBool(text, out var flag) ? flag ? (byte)2 : (byte)1 : (byte)3;
}
