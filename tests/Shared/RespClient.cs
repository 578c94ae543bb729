using System.Net.Sockets;
using System.Text;

namespace RamConsole.Tests.Shared;

/// <summary>
/// A minimal Redis client speaking RESP2 on one TCP connection — what a workload's client does — so tests can see
/// exactly what the server answers (NOPERM, WRONGPASS) and when it closes the connection.
/// </summary>
public sealed class RespClient : IAsyncDisposable
{
    private readonly TcpClient _tcp = new() { NoDelay = true };
    private NetworkStream _stream = null!;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start, _end;

    public static async Task<RespClient> ConnectAsync(string host, int port)
    {
        var client = new RespClient();
        await client._tcp.ConnectAsync(host, port);
        client._stream = client._tcp.GetStream();
        return client;
    }

    /// <summary>Connects and AUTHs as <paramref name="user"/>; throws with the server's error when refused.</summary>
    public static async Task<RespClient> SignedInAsync(string host, int port, string user, string password)
    {
        var client = await ConnectAsync(host, port);
        var reply = await client.CommandAsync("AUTH", user, password);
        if (reply is RespError error) throw new InvalidOperationException(error.Message);
        return client;
    }

    /// <summary>Sends one command; the reply is a string, long, null, <see cref="RespError"/> or object?[].</summary>
    public async Task<object?> CommandAsync(params string[] args)
    {
        var request = new StringBuilder().Append('*').Append(args.Length).Append("\r\n");
        foreach (var arg in args) request.Append('$').Append(Encoding.UTF8.GetByteCount(arg)).Append("\r\n").Append(arg).Append("\r\n");
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        return await ReadReplyAsync();
    }

    /// <summary>Whether the server has closed this connection (waits up to <paramref name="within"/> for it).</summary>
    public async Task<bool> ClosedWithinAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            while (true)
            {
                if (await _stream.ReadAsync(_buffer.AsMemory(0, _buffer.Length), timeout.Token) == 0) return true;
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private async Task<object?> ReadReplyAsync()
    {
        var line = await ReadLineAsync();
        return line[0] switch
        {
            '+' => line[1..],
            '-' => new RespError(line[1..]),
            ':' => long.Parse(line[1..]),
            '$' => int.Parse(line[1..]) is var n and >= 0 ? await ReadBulkAsync(n) : null,
            '*' => int.Parse(line[1..]) is var count and >= 0 ? await ReadArrayAsync(count) : null,
            _ => throw new InvalidDataException($"Not RESP: {line}"),
        };
    }

    private async Task<object?[]> ReadArrayAsync(int count)
    {
        var items = new object?[count];
        for (var i = 0; i < count; i++) items[i] = await ReadReplyAsync();
        return items;
    }

    private async Task<string> ReadBulkAsync(int length)
    {
        while (_end - _start < length + 2) await FillAsync();
        var text = Encoding.UTF8.GetString(_buffer, _start, length);
        _start += length + 2;
        return text;
    }

    private async Task<string> ReadLineAsync()
    {
        while (true)
        {
            var at = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (at > _start && _buffer[at - 1] == '\r')
            {
                var line = Encoding.UTF8.GetString(_buffer, _start, at - 1 - _start);
                _start = at + 1;
                return line;
            }
            await FillAsync();
        }
    }

    private async Task FillAsync()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end));
        if (read == 0) throw new IOException("The server closed the connection.");
        _end += read;
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>An error reply (<c>-NOPERM …</c>, <c>-WRONGPASS …</c>).</summary>
public sealed record RespError(string Message);
