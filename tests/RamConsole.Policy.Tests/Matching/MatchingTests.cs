using RamConsole.Policy.Matching;

namespace RamConsole.Policy.Tests.Matching;

public sealed class MatchingTests
{
    [Theory]
    [InlineData("*", "", true)]
    [InlineData("*", "anything", true)]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "abcd", false)]
    [InlineData("ab*", "ab", true)]
    [InlineData("*bc", "abc", true)]
    [InlineData("a*c*e", "abcde", true)]
    [InlineData("a*c*e", "ace", true)]
    [InlineData("a*c*e", "acd", false)]
    [InlineData("a*cd*cd", "acdcd", true)]
    [InlineData("a*b*b", "ab", false)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("a?*", "a", false)]
    [InlineData("*?", "x", true)]
    // A '*' in the text is an ordinary character; a '*' in the pattern stays a wildcard facing it (found by the property test).
    [InlineData("*?*", "*", true)]
    [InlineData("a*?", "a*", true)]
    [InlineData("*x", "*", false)]
    [InlineData("?", "*", true)]
    [InlineData("acs:ram:*:123:user/*", "acs:ram::123:user/alice", true)]
    public void Wildcards_match_runs_and_single_characters(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, new Glob(pattern, ignoreCase: false).IsMatch(text));
    }

    [Fact]
    public void Case_is_ignored_only_when_asked()
    {
        Assert.True(new Glob("KVStore:Describe*", ignoreCase: true).IsMatch("kvstore:DescribeInstances"));
        Assert.False(new Glob("R-BP1*", ignoreCase: false).IsMatch("r-bp1x"));
        Assert.True(new Glob("kv?tore:*Instance?", ignoreCase: true).IsMatch("KVSTORE:flushinstances"));
    }

    [Theory]
    [InlineData("192.168.10.20", "192.168.0.0/16", true)]
    [InlineData("10.0.0.1", "192.168.0.0/16", false)]
    [InlineData("203.0.113.7", "203.0.113.7", true)]
    [InlineData("0.0.0.0", "0.0.0.0/0", true)]
    [InlineData("2001:db8:1::5", "2001:db8::/32", true)]
    [InlineData("2001:db9::1", "2001:db8::/32", false)]
    [InlineData("::1", "::1/128", true)]
    [InlineData("::ffff:10.1.2.3", "10.0.0.0/8", true)]
    [InlineData("10.1.2.3", "2001:db8::/32", false)]
    [InlineData("fe80::1:2:3:4", "fe80::/10", true)]
    public void CIDR_blocks_contain_their_addresses(string address, string cidr, bool expected)
    {
        Assert.True(IpValue.TryParse(address, out var ip));
        Assert.True(IpRange.TryParse(cidr, out var range));
        Assert.Equal(expected, range.Contains(ip));
    }

    [Theory]
    [InlineData("300.1.1.1")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("01.2.3.4")]
    [InlineData("1..2.3")]
    [InlineData("1.2.3.4 ")]
    [InlineData("2001:db8:::1")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("gggg::1")]
    [InlineData("")]
    public void Malformed_addresses_are_refused(string text)
    {
        Assert.False(IpValue.TryParse(text, out _));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("2001:db8::/129")]
    public void Malformed_prefixes_are_refused(string text)
    {
        Assert.False(IpRange.TryParse(text, out _));
    }

    [Theory]
    [InlineData("2026-11-27T12:00:00Z")]
    [InlineData("2026-11-27T20:00:00+08:00")]
    [InlineData("2026-11-27T07:00:00-0500")]
    [InlineData("2026-11-27T12:00:00.000Z")]
    [InlineData("2026-11-27T12:00Z")]
    public void ISO_times_with_any_offset_read_as_the_same_instant(string text)
    {
        Assert.True(IsoTime.TryParseUtcTicks(text, out var ticks));
        Assert.Equal(new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc).Ticks, ticks);
    }

    [Fact]
    public void The_fast_and_general_time_parsers_agree_over_many_dates()
    {
        var start = new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Utc);
        for (var day = 0; day < 20_000; day += 7)
        {
            var instant = start.AddDays(day).AddSeconds(day * 13 % 86_400);
            Assert.True(IsoTime.TryParseUtcTicks(instant.ToString("yyyy-MM-ddTHH:mm:ssZ"), out var fast));
            Assert.True(IsoTime.TryParseUtcTicks(instant.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"), out var general));
            Assert.Equal(instant.Ticks, fast);
            Assert.Equal(instant.Ticks, general);
        }
    }

    [Theory]
    [InlineData("next tuesday")]
    [InlineData("2026-02-30T00:00:00Z")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-01-01T24:00:00Z")]
    [InlineData("2026-01-01T00:00:00+15:00")]
    [InlineData("2026-01-01T00:00:00ZZ")]
    [InlineData("26-01-01")]
    public void Malformed_times_are_refused(string text)
    {
        Assert.False(IsoTime.TryParseUtcTicks(text, out _));
    }
}
