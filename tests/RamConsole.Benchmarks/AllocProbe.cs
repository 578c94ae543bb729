using RamConsole.Policy.Documents;
using RamConsole.Policy.Evaluation;

namespace RamConsole.Benchmarks;

internal static class AllocProbe
{
    public static void Run()
    {
        string[] docs =
        [
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:Describe*","Resource":"*"}]}""",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:Describe*","Resource":"acs:kvstore:*:*:instance/r-prod*"}]}""",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:Describe*","Resource":"*","Condition":{"NotIpAddress":{"acs:SourceIp":"11.0.0.0/8"}}}]}""",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:Describe*","Resource":"*","Condition":{"DateLessThan":{"acs:CurrentTime":"2030-01-01T00:00:00Z"}}}]}""",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:Describe*","Resource":"*","Condition":{"Bool":{"acs:MFAPresent":"true"}}}]}""",
        ];
        var context = new RequestContext { SourceIp = "10.1.2.3", CurrentTime = "2026-11-27T10:00:00Z", MfaPresent = "true" };
        foreach (var d in docs)
        {
            var set = new PolicySet([new PolicyRef("p", "v1", "Custom", PolicyParser.Parse(d).Document!)]);
            set.Evaluate("kvstore:DescribeInstances", "acs:kvstore:cn-hangzhou:1:instance/r-prod01", in context);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1000; i++) set.Evaluate("kvstore:DescribeInstances", "acs:kvstore:cn-hangzhou:1:instance/r-prod01", in context);
            Console.WriteLine($"{(GC.GetAllocatedBytesForCurrentThread() - before) / 1000.0} bytes: {d[60..]}");
        }
    }
}
