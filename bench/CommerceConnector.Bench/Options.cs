using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace CommerceConnector.Bench
{
    /// <summary>The command line: <c>[--quick] [--output FILE] [--sizes 1,1000,10000] [--dir FOLDER]</c>.</summary>
    internal sealed class Options
    {
        public static readonly int[] DefaultSizes = { 1, 1_000, 10_000 };

        public const string Usage =
            "usage: CommerceConnector.Bench [--quick] [--output FILE] [--sizes N,N,...] [--dir FOLDER]\n" +
            "  --quick          fewer warm-up runs and repeats (a smoke run, noisier numbers)\n" +
            "  --output FILE    also write the markdown report to FILE\n" +
            "  --sizes N,...    registry sizes in accounts (default 1,1000,10000; each 1..100000)\n" +
            "  --dir FOLDER     where the temporary registry folder is made (default: the system temp folder)";

        public bool Quick { get; private set; }

        public string OutputPath { get; private set; }

        public IReadOnlyList<int> Sizes { get; private set; } = DefaultSizes;

        public string ParentFolder { get; private set; } = Path.GetTempPath();

        public bool ShowHelp { get; private set; }

        /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a message for the user.</summary>
        public static Options Parse(string[] args)
        {
            var options = new Options();
            for (int i = 0; i < args.Length; i++)
            {
                string arg = args[i];
                switch (arg)
                {
                    case "--quick":
                        options.Quick = true;
                        break;
                    case "--output":
                        options.OutputPath = Path.GetFullPath(Value(args, ref i));
                        break;
                    case "--sizes":
                        options.Sizes = ParseSizes(Value(args, ref i));
                        break;
                    case "--dir":
                        options.ParentFolder = Path.GetFullPath(Value(args, ref i));
                        if (!Directory.Exists(options.ParentFolder))
                        {
                            throw new ArgumentException($"--dir: the folder '{options.ParentFolder}' does not exist.");
                        }
                        break;
                    case "-h":
                    case "--help":
                        options.ShowHelp = true;
                        break;
                    default:
                        throw new ArgumentException($"unknown argument '{arg}'.");
                }
            }
            return options;
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
