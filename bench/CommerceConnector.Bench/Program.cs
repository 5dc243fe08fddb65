using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using CommerceConnector.Bench;

// The registry benchmark. Markdown goes to stdout (and to --output FILE); progress goes to stderr.
Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    Console.Error.WriteLine(Options.Usage);
    return 2;
}
if (options.ShowHelp)
{
    Console.WriteLine(Options.Usage);
    return 0;
}

#if DEBUG
const string configuration = "Debug";
Console.Error.WriteLine("warning: this is a Debug build; use -c Release for numbers worth keeping.");
#else
const string configuration = "Release";
#endif

Plan plan = options.Quick ? Plan.Quick : Plan.Normal;
using var cancellation = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    // Stop between two runs instead of dying, so that the temporary registry folder is removed.
    context.Cancel = true;
    cancellation.Cancel();
    Console.Error.WriteLine($"{context.Signal}: cancelling; the temporary registry folder will be removed.");
}
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

string root = Path.Combine(options.ParentFolder, "commerceconnector-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(root);
Console.Error.WriteLine($"temporary folder: {root}");
var result = new BenchResult();
DateTimeOffset startedAt = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
string report;
try
{
    var bench = new RegistryBench(plan, () => cancellation.IsCancellationRequested, Console.Error);
    bench.WarmUpJit(root);
    foreach (int size in options.Sizes)
    {
        string folder = Path.Combine(root, "registry-" + size);
        try
        {
            bench.Run(size, folder, result);
        }
        finally
        {
            DeleteFolder(folder);
        }
    }
    report = Report.Render(result, MachineInfo.Collect(root), plan, configuration, startedAt, clock.Elapsed);
}
catch (OperationCanceledException e)
{
    Console.Error.WriteLine(e.Message);
    return 130;
}
catch (Exception e)
{
    Console.Error.WriteLine("error: " + e);
    return 1;
}
finally
{
    DeleteFolder(root);
}

Console.Write(report);
if (options.OutputPath != null)
{
    string parent = Path.GetDirectoryName(options.OutputPath);
    if (!string.IsNullOrEmpty(parent))
    {
        Directory.CreateDirectory(parent);
    }
    File.WriteAllText(options.OutputPath, report);
    Console.Error.WriteLine($"report written to {options.OutputPath}");
}
return 0;

static void DeleteFolder(string path)
{
    try
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
    catch (IOException e)
    {
        Console.Error.WriteLine($"warning: could not remove {path}: {e.Message}");
    }
    catch (UnauthorizedAccessException e)
    {
        Console.Error.WriteLine($"warning: could not remove {path}: {e.Message}");
    }
}
