using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Tests.Support;

/// <summary>
/// Contexts on the host's database whose next query, once <see cref="Arm"/>ed, runs an action after it has read its
/// rows and before its caller gets them: the moment at which a change committed by someone else makes what was just
/// read stale. Hand it to a cache under test to replay that race deterministically.
/// </summary>
public sealed class InterleavingDbFactory : IDbContextFactory<RamDbContext>
{
    private readonly DbContextOptions<RamDbContext> _options;
    private Func<Task>? _next;
    private Func<string, bool> _when = _ => true;

    public InterleavingDbFactory(CoreHost host)
    {
        var builder = new DbContextOptionsBuilder<RamDbContext>();
        RamDatabase.Configure(builder, host.Provider, host.ConnectionString);
        _options = builder.AddInterceptors(new AfterRead(this)).Options;
    }

    /// <summary>Runs <paramref name="action"/> inside the next query (whose SQL passes <paramref name="when"/>), once.</summary>
    public void Arm(Func<Task> action, Func<string, bool>? when = null)
    {
        _when = when ?? (_ => true);
        _next = action;
    }

    public bool Armed => _next is not null;

    public RamDbContext CreateDbContext() => new(_options);

    private sealed class AfterRead(InterleavingDbFactory factory) : DbCommandInterceptor
    {
        public override async ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            if (factory._when(command.CommandText) && Interlocked.Exchange(ref factory._next, null) is { } action) await action();
            return result;
        }

        // Synchronous queries (a few caches load that way) run the action to completion on the spot.
        public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            if (factory._when(command.CommandText) && Interlocked.Exchange(ref factory._next, null) is { } action) action().GetAwaiter().GetResult();
            return result;
        }
    }
}
