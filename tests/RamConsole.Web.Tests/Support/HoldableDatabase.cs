using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.Persistence;

namespace RamConsole.Web.Tests.Support;

/// <summary>A switch that, while on, makes new database work wait until it is turned off.</summary>
public sealed class DatabaseHold
{
    private volatile TaskCompletionSource? _released;

    public IDisposable Begin()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _released = released;
        return new Release(() => { _released = null; released.TrySetResult(); });
    }

    public Task WaitAsync(CancellationToken cancellationToken) => _released?.Task.WaitAsync(cancellationToken) ?? Task.CompletedTask;

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}

/// <summary>Wraps Core's registered context factory so <see cref="DatabaseHold"/> can hold what pages open.</summary>
public static class HoldableDatabase
{
    public static void Wrap(IServiceCollection services, DatabaseHold hold)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IDbContextFactory<RamDbContext>));
        services.Remove(registered);
        services.Add(new ServiceDescriptor(typeof(IDbContextFactory<RamDbContext>), sp =>
        {
            var inner = (IDbContextFactory<RamDbContext>)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!));
            return new HeldFactory(inner, hold);
        }, registered.Lifetime));
    }

    private sealed class HeldFactory(IDbContextFactory<RamDbContext> inner, DatabaseHold hold) : IDbContextFactory<RamDbContext>
    {
        public RamDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<RamDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
        {
            await hold.WaitAsync(cancellationToken);
            return await inner.CreateDbContextAsync(cancellationToken);
        }
    }
}
