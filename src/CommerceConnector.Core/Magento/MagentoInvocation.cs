using System.Diagnostics;

namespace CommerceConnector.Core.Magento
{
    /// <summary>One run of <c>php bin/magento</c> to make: where, with what, fed what, watched how.</summary>
    public sealed class MagentoInvocation
    {
        public MagentoInvocation(string root, IReadOnlyList<string> arguments)
        {
            Root = root ?? throw new ArgumentNullException(nameof(root));
            Arguments = arguments ?? throw new ArgumentNullException(nameof(arguments));
        }

        /// <summary>The Magento root (the folder that holds bin/magento).</summary>
        public string Root { get; }

        /// <summary>The arguments after bin/magento: the module's own (command, options, validated values).</summary>
        public IReadOnlyList<string> Arguments { get; }

        /// <summary>The PHP binary; "php" from PATH by default.</summary>
        public string Php { get; set; } = "php";

        /// <summary>What is written to the command's standard input before it is closed (an answer to its prompt); null writes nothing.</summary>
        public string? StandardInput { get; set; }

        /// <summary>Variables set for the command on top of this process's environment.</summary>
        public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Called with each line the command prints, as it prints it (on a thread of the process reader).</summary>
        public Action<string>? OnLine { get; set; }

        public TimeSpan Timeout { get; set; } = MagentoCli.DefaultTimeout;

        public CancellationToken Cancellation { get; set; }

        /// <summary>Words put before the advice of an error (e.g. "env.php was written; ").</summary>
        public string Purpose { get; set; } = string.Empty;

        /// <summary>The command as a person types it in the root.</summary>
        public string CommandText => "php bin/magento " + string.Join(" ", Arguments);

        /// <summary>
        /// Writes <see cref="StandardInput"/> to <paramref name="process"/> (started with its input redirected) and closes
        /// its input, whether it runs here or over SSH.
        /// </summary>
        internal void SendInput(Process process)
        {
            try
            {
                if (!string.IsNullOrEmpty(StandardInput))
                {
                    process.StandardInput.Write(StandardInput);
                    process.StandardInput.Flush();
                }
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The command ended before it read its input: its exit code and output say why.
            }
        }
    }
}
