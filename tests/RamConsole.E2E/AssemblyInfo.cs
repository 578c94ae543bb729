// One test class (one server + one Chromium) at a time: on a two-core CI machine that also runs the other test
// assemblies, two browsers and two servers at once starve each other into timeouts.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
