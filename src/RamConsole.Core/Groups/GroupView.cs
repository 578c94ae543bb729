namespace RamConsole.Core.Groups;

public sealed record GroupView(int GroupId, string GroupName, string? Comments, DateTimeOffset CreateDate, DateTimeOffset UpdateDate, int MemberCount);
