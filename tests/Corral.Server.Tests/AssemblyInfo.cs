// Some tests SIGKILL a daemon and run `corral sweep --orphans`, which is machine-wide: run the tests one at a time
// so a sweep never meets another test's units in the moment their daemon is dead.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
