using System.Globalization;
using System.Runtime.InteropServices;

namespace Corral.TestDummy.Modes;

/// <summary>Allocates and touches memory a megabyte at a time (what a memory limit must stop), then sleeps.</summary>
internal static class Allocate
{
    public static unsafe int Run(string[] args)
    {
        var megabytes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1024;
        Console.WriteLine($"allocating {megabytes} MB");
        for (var i = 0; i < megabytes; i++)
        {
            var block = (byte*)NativeMemory.Alloc(1024 * 1024);
            new Span<byte>(block, 1024 * 1024).Fill(1);
        }

        Console.WriteLine($"allocated {megabytes} MB");
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }
}
