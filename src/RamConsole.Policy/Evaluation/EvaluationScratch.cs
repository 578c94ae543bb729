using RamConsole.Policy.Matching;

namespace RamConsole.Policy.Evaluation;

/// <summary>
/// Per-decision state on the stack: the request context plus the values parsed from it so far. Each well-known value
/// is parsed at most once per decision, and only if some condition asks for it.
/// </summary>
internal ref struct EvaluationScratch(ref readonly RequestContext context)
{
    private readonly ref readonly RequestContext _context = ref context;
    private byte _ipState;   // 0 unparsed, 1 parsed, 2 absent or invalid
    private byte _timeState;
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
}
