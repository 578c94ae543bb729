namespace RamConsole.Core.Concurrency;

/// <summary>A semaphore slot taken by its holder, given back once on disposal (a second dispose does nothing).</summary>
public sealed class HeldSemaphore(SemaphoreSlim semaphore) : IDisposable
{
    private int _released;

    public static async Task<HeldSemaphore> EnterAsync(SemaphoreSlim semaphore, CancellationToken cancellationToken)
    {
        await semaphore.WaitAsync(cancellationToken);
        return new HeldSemaphore(semaphore);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) semaphore.Release();
    }
}
