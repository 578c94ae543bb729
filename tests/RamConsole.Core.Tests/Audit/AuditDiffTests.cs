using RamConsole.Core.Audit;

namespace RamConsole.Core.Tests.Audit;

public sealed class AuditDiffTests
{
    [Fact]
    public void Only_added_removed_and_changed_leaves_are_listed_by_path()
    {
        var lines = AuditDiff.Of(
            """{"UserName":"alice","DisplayName":"Alice","Keys":[{"Id":"k1","Status":"Active"}],"Email":"a@x"}""",
            """{"UserName":"alice","DisplayName":"Alice B.","Keys":[{"Id":"k1","Status":"Inactive"}],"Phone":"123"}""");

        Assert.Equal(
            [
                new DiffLine("DisplayName", "Alice", "Alice B.", DiffKind.Changed),
                new DiffLine("Email", "a@x", null, DiffKind.Removed),
                new DiffLine("Keys[0].Status", "Active", "Inactive", DiffKind.Changed),
                new DiffLine("Phone", null, "123", DiffKind.Added),
            ], lines);
    }

    [Fact]
    public void A_create_lists_every_field_as_added_and_no_change_lists_nothing()
    {
        Assert.All(AuditDiff.Of(null, """{"GroupName":"ops","Comments":"x"}"""), l => Assert.Equal(DiffKind.Added, l.Kind));
        Assert.Empty(AuditDiff.Of("""{"a":1}""", """{"a":1}"""));
    }
}
