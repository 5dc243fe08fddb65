using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace CommerceConnector.Bench
{
    /// <summary>Which measurements a run makes.</summary>
    internal enum Suite
    {
        All,
        Registry,
        Keys,
    }

    /// <summary>
    /// The command line: <c>[--suite registry|keys|all] [--quick] [--output FILE] [--sizes 1,1000,10000] [--dir FOLDER] [--openssl PATH] [--keygen-rounds N]</c>.
    /// </summary>
    internal sealed class Options
    {
        public static readonly int[] DefaultSizes = { 1, 1_000, 10_000 };

        public const string Usage =
            "usage: CommerceConnector.Bench [--suite registry|keys|all] [--quick] [--output FILE] [--sizes N,N,...] [--dir FOLDER] [--openssl PATH] [--keygen-rounds N]\n" +
            "  --suite NAME       registry (the embedded registry), keys (API key generation and JWT signing) or all (default)\n" +
            "  --quick            fewer warm-up runs and repeats (a smoke run, noisier numbers)\n" +
            "  --output FILE      also write the markdown report to FILE\n" +
            "  --sizes N,...      registry suite: registry sizes in accounts (default 1,1000,10000; each 1..100000)\n" +
            "  --dir FOLDER       registry suite: where the temporary registry folder is made (default: the system temp folder)\n" +
            "  --openssl PATH     keys suite: the openssl program to compare with (default: openssl on PATH)\n" +
            "  --keygen-rounds N  keys suite: timed key generation rounds (default 30, 8 with --quick; 1..1000)";

        public Suite Suite { get; private set; } = Suite.All;

        public bool RunsRegistry => Suite == Suite.All || Suite == Suite.Registry;

        public bool RunsKeys => Suite == Suite.All || Suite == Suite.Keys;

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
            bool registryOptionGiven = false;
            bool keysOptionGiven = false;
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
                        keysOptionGiven = true;
                        break;
                    case "--openssl":
                        options.OpenSslPath = Value(args, ref i);
                        keysOptionGiven = true;
                        break;
                    case "--quick":
                        options.Quick = true;
                        break;
                    case "--output":
                        options.OutputPath = Path.GetFullPath(Value(args, ref i));
                        break;
                    case "--sizes":
                        options.Sizes = ParseSizes(Value(args, ref i));
                        registryOptionGiven = true;
                        break;
                    case "--dir":
                        options.ParentFolder = Path.GetFullPath(Value(args, ref i));
                        if (!Directory.Exists(options.ParentFolder))
                        {
                            throw new ArgumentException($"--dir: the folder '{options.ParentFolder}' does not exist.");
                        }
                        registryOptionGiven = true;
                        break;
                    case "-h":
                    case "--help":
                        options.ShowHelp = true;
                        break;
                    default:
                        throw new ArgumentException($"unknown argument '{arg}'.");
                }
            }
            if (registryOptionGiven && !options.RunsRegistry)
            {
                throw new ArgumentException("--sizes and --dir apply to the registry suite, which --suite keys does not run.");
            }
            if (keysOptionGiven && !options.RunsKeys)
            {
                throw new ArgumentException("--openssl and --keygen-rounds apply to the keys suite, which --suite registry does not run.");
            }
            return options;
        }

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
                default:
                    throw new ArgumentException($"--suite: '{text}' is not registry, keys or all.");
            }
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
