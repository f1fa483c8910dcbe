// One engine is shared by every test here, and some tests SIGKILL a daemon and sweep orphans engine-wide:
// run them one at a time so no test's sweep can take another test's killed-but-not-yet-restarted daemon's units.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
