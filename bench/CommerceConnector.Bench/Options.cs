using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace CommerceConnector.Bench
{
    /// <summary>Which measurements a run makes.</summary>
    internal enum Suite
    {
        All,
        Registry,
        Keys,
        Projects,
        EnvPhp,
    }

    /// <summary>
    /// The command line: <c>[--suite registry|keys|projects|envphp|all] [--quick] [--output FILE] [--sizes 1,1000,10000] [--dir FOLDER]
    /// [--openssl PATH] [--keygen-rounds N] [--projects N] [--php PATH] [--instances N]</c>.
    /// </summary>
    internal sealed class Options
    {
        public static readonly int[] DefaultSizes = { 1, 1_000, 10_000 };

        public const int DefaultProjects = 1_000;

        public const int DefaultInstances = 1_000;

        public const string Usage =
            "usage: CommerceConnector.Bench [--suite registry|keys|projects|envphp|all] [--quick] [--output FILE] [--sizes N,N,...] [--dir FOLDER]\n" +
            "                               [--openssl PATH] [--keygen-rounds N] [--projects N] [--php PATH] [--instances N]\n" +
            "  --suite NAME       registry (the embedded registry), keys (API key generation and JWT signing), projects (SaaS projects\n" +
            "                     and data spaces), envphp (env.php edits, next to php) or all (default: every suite in that order)\n" +
            "  --quick            fewer warm-up runs and repeats (a smoke run, noisier numbers)\n" +
            "  --output FILE      also write the markdown report to FILE\n" +
            "  --sizes N,...      registry suite: registry sizes in accounts (default 1,1000,10000; each 1..100000)\n" +
            "  --dir FOLDER       registry, projects and envphp suites: where their temporary folder is made (default: the system temp folder)\n" +
            "  --openssl PATH     keys suite: the openssl program to compare with (default: openssl on PATH)\n" +
            "  --keygen-rounds N  keys suite: timed key generation rounds (default 30, 8 with --quick; 1..1000)\n" +
            "  --projects N       projects suite: SaaS projects in the registry, 3 data spaces each (default 1000; 1..20000)\n" +
            "  --php PATH         envphp suite: the php program to compare with (default: php on PATH)\n" +
            "  --instances N      envphp suite: registered instances Set-ImsOrganization updates in one call (default 1000; 1..10000)";

        public Suite Suite { get; private set; } = Suite.All;

        public bool RunsRegistry => Suite == Suite.All || Suite == Suite.Registry;

        public bool RunsKeys => Suite == Suite.All || Suite == Suite.Keys;

        public bool RunsProjects => Suite == Suite.All || Suite == Suite.Projects;

        public bool RunsEnvPhp => Suite == Suite.All || Suite == Suite.EnvPhp;

        /// <summary>True when a suite that makes a temporary folder runs (registry, projects, envphp).</summary>
        public bool WritesFiles => RunsRegistry || RunsProjects || RunsEnvPhp;

        /// <summary>SaaS projects in the projects suite's registry.</summary>
        public int Projects { get; private set; } = DefaultProjects;

        /// <summary>The php program given with --php, or null to look for php on PATH.</summary>
        public string PhpPath { get; private set; }

        /// <summary>Registered instances in the envphp suite's fleet.</summary>
        public int Instances { get; private set; } = DefaultInstances;

        /// <summary>The openssl program given with --openssl, or null to look for openssl on PATH.</summary>
        public string OpenSslPath { get; private set; }

        /// <summary>The keygen rounds given with --keygen-rounds, or null for the plan's default.</summary>
        public int? KeygenRounds { get; private set; }

        public bool Quick { get; private set; }

        public string OutputPath { get; private set; }

        public IReadOnlyList<int> Sizes { get; private set; } = DefaultSizes;

        public string ParentFolder { get; private set; } = Path.GetTempPath();

        public bool ShowHelp { get; private set; }

        /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a message for the user.</summary>
        public static Options Parse(string[] args)
        {
            var options = new Options();
            // Each suite-specific option given, with the suites it applies to.
            var given = new List<(string Option, Suite[] Suites)>();
            for (int i = 0; i < args.Length; i++)
            {
                string arg = args[i];
                switch (arg)
                {
                    case "--suite":
                        options.Suite = ParseSuite(Value(args, ref i));
                        break;
                    case "--keygen-rounds":
                        string rounds = Value(args, ref i);
                        if (!int.TryParse(rounds, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1 || count > 1000)
                        {
                            throw new ArgumentException($"--keygen-rounds: '{rounds}' is not a whole number from 1 to 1000.");
                        }
                        options.KeygenRounds = count;
                        given.Add((arg, new[] { Suite.Keys }));
                        break;
                    case "--openssl":
                        options.OpenSslPath = Value(args, ref i);
                        given.Add((arg, new[] { Suite.Keys }));
                        break;
                    case "--projects":
                        options.Projects = WholeNumber(arg, Value(args, ref i), 1, 20_000);
                        given.Add((arg, new[] { Suite.Projects }));
                        break;
                    case "--php":
                        options.PhpPath = Value(args, ref i);
                        given.Add((arg, new[] { Suite.EnvPhp }));
                        break;
                    case "--instances":
                        options.Instances = WholeNumber(arg, Value(args, ref i), 1, 10_000);
                        given.Add((arg, new[] { Suite.EnvPhp }));
                        break;
                    case "--quick":
                        options.Quick = true;
                        break;
                    case "--output":
                        options.OutputPath = Path.GetFullPath(Value(args, ref i));
                        break;
                    case "--sizes":
                        options.Sizes = ParseSizes(Value(args, ref i));
                        given.Add((arg, new[] { Suite.Registry }));
                        break;
                    case "--dir":
                        options.ParentFolder = Path.GetFullPath(Value(args, ref i));
                        if (!Directory.Exists(options.ParentFolder))
                        {
                            throw new ArgumentException($"--dir: the folder '{options.ParentFolder}' does not exist.");
                        }
                        given.Add((arg, new[] { Suite.Registry, Suite.Projects, Suite.EnvPhp }));
                        break;
                    case "-h":
                    case "--help":
                        options.ShowHelp = true;
                        break;
                    default:
                        throw new ArgumentException($"unknown argument '{arg}'.");
                }
            }
            foreach (var (option, suites) in given)
            {
                if (!suites.Any(options.Runs))
                {
                    string names = suites.Length == 1 ? Name(suites[0]) : string.Join(", ", suites.Take(suites.Length - 1).Select(Name)) + " and " + Name(suites[suites.Length - 1]);
                    throw new ArgumentException($"{option} applies to the {names} suite{(suites.Length > 1 ? "s" : string.Empty)}, which --suite {Name(options.Suite)} does not run.");
                }
            }
            return options;
        }

        /// <summary>True when this run includes <paramref name="suite"/>.</summary>
        public bool Runs(Suite suite) => Suite == Suite.All || Suite == suite;

        /// <summary>The suite's name on the command line.</summary>
        public static string Name(Suite suite) => suite == Suite.EnvPhp ? "envphp" : suite.ToString().ToLowerInvariant();

        private static Suite ParseSuite(string text)
        {
            switch (text)
            {
                case "all":
                    return Suite.All;
                case "registry":
                    return Suite.Registry;
                case "keys":
                    return Suite.Keys;
                case "projects":
                    return Suite.Projects;
                case "envphp":
                    return Suite.EnvPhp;
                default:
                    throw new ArgumentException($"--suite: '{text}' is not registry, keys, projects, envphp or all.");
            }
        }

        private static int WholeNumber(string option, string text, int min, int max)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
            {
                throw new ArgumentException($"{option}: '{text}' is not a whole number from {min} to {max}.");
            }
            return value;
        }

        private static string Value(string[] args, ref int i)
        {
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"{args[i]} needs a value.");
            }
            i++;
            return args[i];
        }

        private static int[] ParseSizes(string text)
        {
            var sizes = new List<int>();
            foreach (string part in text.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size < 1 || size > 100_000)
                {
                    throw new ArgumentException($"--sizes: '{part}' is not a whole number from 1 to 100000.");
                }
                if (!sizes.Contains(size))
                {
                    sizes.Add(size);
                }
            }
            if (sizes.Count == 0)
            {
                throw new ArgumentException("--sizes needs at least one size.");
            }
            return sizes.ToArray();
        }
    }
}
