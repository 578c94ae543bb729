using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace RamConsole.Core.Persistence;

/// <summary>Stores an instant as Unix milliseconds so that SQLite can index, order and compare it.</summary>
internal sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.ToUnixTimeMilliseconds(),
    v => DateTimeOffset.FromUnixTimeMilliseconds(v));
