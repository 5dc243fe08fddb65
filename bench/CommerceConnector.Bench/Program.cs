using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using CommerceConnector.Bench;

// The benchmarks: the embedded registry, the API keys and JWT, SaaS projects and data spaces, and env.php edits
// (--suite). Markdown goes to stdout (and to --output FILE); progress goes to stderr.
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
OpenSsl openSsl = null;
string phpPath = null;
try
{
    if (options.RunsKeys)
    {
        openSsl = OpenSsl.Find(options.OpenSslPath);
    }
    if (options.RunsEnvPhp)
    {
        phpPath = PhpCli.Find(options.PhpPath);
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    return 2;
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
    // Stop between two runs instead of dying, so that the temporary folders are removed.
    context.Cancel = true;
    cancellation.Cancel();
    Console.Error.WriteLine($"{context.Signal}: cancelling after the current run" + (options.WritesFiles ? "; the temporary folders will be removed." : "."));
}
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

var sections = new List<string>();
try
{
    if (options.RunsRegistry)
    {
        sections.Add(RunRegistry());
    }
    if (options.RunsKeys)
    {
        sections.Add(RunKeys());
    }
    if (options.RunsProjects)
    {
        sections.Add(RunProjects());
    }
    if (options.RunsEnvPhp)
    {
        sections.Add(RunEnvPhp());
    }
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
string report = string.Join(Environment.NewLine, sections);

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

// The embedded registry: a temporary folder with one registry per size, removed at the end (also on errors and Ctrl+C).
string RunRegistry()
{
    string root = Path.Combine(options.ParentFolder, "commerceconnector-bench-" + Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(root);
    Console.Error.WriteLine($"temporary folder: {root}");
    var result = new BenchResult();
    DateTimeOffset startedAt = DateTimeOffset.UtcNow;
    var clock = Stopwatch.StartNew();
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
        return Report.Render(result, MachineInfo.Collect(root), plan, configuration, startedAt, clock.Elapsed);
    }
    finally
    {
        DeleteFolder(root);
    }
}

// API key generation and JWT signing, next to the openssl program doing the same work. Writes no files.
string RunKeys()
{
    DateTimeOffset startedAt = DateTimeOffset.UtcNow;
    var clock = Stopwatch.StartNew();
    KeysPlan keysPlan = options.Quick ? KeysPlan.Quick : KeysPlan.Normal;
    if (options.KeygenRounds.HasValue)
    {
        keysPlan = keysPlan.WithKeygenRounds(options.KeygenRounds.Value);
    }
    var bench = new KeysBench(keysPlan, openSsl, () => cancellation.IsCancellationRequested, Console.Error);
    KeysResult result = bench.Run();
    return KeysReport.Render(result, MachineInfo.Collect(Path.GetTempPath()), configuration, startedAt, clock.Elapsed);
}

// SaaS projects and data spaces: one registry in a temporary folder, removed at the end (also on errors and Ctrl+C).
string RunProjects()
{
    string root = NewTemporaryFolder("projects");
    DateTimeOffset startedAt = DateTimeOffset.UtcNow;
    var clock = Stopwatch.StartNew();
    try
    {
        var bench = new ProjectsBench(options.Quick ? ProjectsPlan.Quick : ProjectsPlan.Normal, () => cancellation.IsCancellationRequested, Console.Error);
        ProjectsResult result = bench.Run(Path.Combine(root, "registry"), options.Projects);
        return ProjectsReport.Render(result, MachineInfo.Collect(root), configuration, startedAt, clock.Elapsed);
    }
    finally
    {
        DeleteFolder(root);
    }
}

// env.php edits, next to php: registries, Magento roots and php's files in a temporary folder, removed at the end
// (also on errors and Ctrl+C).
string RunEnvPhp()
{
    string root = NewTemporaryFolder("envphp");
    DateTimeOffset startedAt = DateTimeOffset.UtcNow;
    var clock = Stopwatch.StartNew();
    try
    {
        var bench = new EnvPhpBench(options.Quick ? EnvPhpPlan.Quick : EnvPhpPlan.Normal, phpPath, options.Instances, () => cancellation.IsCancellationRequested, Console.Error);
        EnvPhpResult result = bench.Run(root);
        return EnvPhpReport.Render(result, MachineInfo.Collect(root), configuration, startedAt, clock.Elapsed);
    }
    finally
    {
        DeleteFolder(root);
    }
}

string NewTemporaryFolder(string suite)
{
    string root = Path.Combine(options.ParentFolder, "commerceconnector-bench-" + suite + "-" + Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(root);
    Console.Error.WriteLine($"temporary folder: {root}");
    return root;
}

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
