using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CommerceConnector.Core.Hosts
{
    /// <summary>
    /// Starts the system's OpenSSH client for one host: the options every invocation shares (BatchMode, strict host keys,
    /// timeouts, user and port), the process itself, and a run that feeds it, collects its standard error and stops it
    /// when it exceeds its time.
    /// </summary>
    internal sealed class SshClient
    {
        private static readonly Regex ServerHostKey = new Regex(@"Server host key: (\S+) (SHA256:[A-Za-z0-9+/=]+)", RegexOptions.CultureInvariant);

        private readonly SshOptions _options;
        private readonly HostAddress _address;

        internal SshClient(HostAddress address, SshOptions options) =>
            (_address, _options) = (address, options);

        private string DisplayName => _address.ToString();

        internal List<string> BaseArguments()
        {
            var arguments = new List<string>();
            if (_options.ConfigFile != null)
            {
                arguments.Add("-F");
                arguments.Add(_options.ConfigFile);
            }
            arguments.AddRange(new[]
            {
                "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes",
                "-o", "ConnectTimeout=" + _options.ConnectTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
                "-o", "ServerAliveInterval=15",
                "-o", "ServerAliveCountMax=3",
            });
            if (_address.UserName != null)
            {
                arguments.Add("-l");
                arguments.Add(_address.UserName);
            }
            if (_address.Port.HasValue)
            {
                arguments.Add("-p");
                arguments.Add(_address.Port.Value.ToString(CultureInfo.InvariantCulture));
            }
            return arguments;
        }

        internal Process Start(List<string> arguments, bool redirectInput)
        {
            var start = new ProcessStartInfo(_options.Executable)
            {
                Arguments = string.Join(" ", arguments.Select(ShellWords.QuoteArgument)),
                UseShellExecute = false,
                RedirectStandardInput = redirectInput,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            try
            {
                return Process.Start(start);
            }
            catch (Win32Exception e)
            {
                throw new ConnectorException(ErrorIds.SshClientNotFound, ConnectorErrorCategory.ObjectNotFound, _options.Executable,
                    $"The OpenSSH client '{_options.Executable}' could not be started ({e.Message}). Install it (openssh-client; on Windows the OpenSSH Client feature) or set {SshOptions.ExecutableVariable} to its path.", e);
            }
        }

        internal SshRun Run(List<string> arguments, Action<Process>? interact, TimeSpan timeout)
        {
            using (var process = Start(arguments, redirectInput: true))
            {
                var errors = new StringBuilder();
                process.ErrorDataReceived += (_, e) =>
                {
                    if (e.Data != null)
                    {
                        lock (errors)
                        {
                            if (errors.Length < 16384)
                            {
                                errors.AppendLine(e.Data);
                            }
                        }
                    }
                };
                process.BeginErrorReadLine();
                var work = Task.Run(() =>
                {
                    if (interact != null)
                    {
                        interact(process);
                    }
                    else
                    {
                        process.StandardInput.Close();
                        process.StandardOutput.ReadToEnd();
                    }
                });
                if (!work.Wait(timeout))
                {
                    try
                    {
                        process.Kill();
                    }
                    catch (InvalidOperationException)
                    {
                    }
                    throw new ConnectorException(ErrorIds.HostCommandFailed, ConnectorErrorCategory.OperationTimeout, DisplayName,
                        $"A command on {DisplayName} did not finish within {timeout.TotalSeconds:0} s and was stopped.");
                }
                if (work.IsFaulted)
                {
                    var inner = work.Exception.GetBaseException();
                    if (!(inner is IOException))
                    {
                        throw inner;
                    }
                }
                process.WaitForExit();
                lock (errors)
                {
                    return new SshRun { ExitCode = process.ExitCode, Errors = errors.ToString() };
                }
            }
        }

        // The key the server presents, for the message of an unknown key: ssh -v prints it before refusing it.
        internal string? ProbeHostKey()
        {
            var arguments = BaseArguments();
            arguments.InsertRange(0, new[] { "-v" });
            arguments.AddRange(new[] { "-o", "ControlMaster=no", "-o", "ControlPath=none", "-T", "--", _address.HostName, "true" });
            try
            {
                var run = Run(arguments, null, TimeSpan.FromSeconds(_options.ConnectTimeoutSeconds + 15));
                var match = ServerHostKey.Match(run.Errors);
                return match.Success ? match.Groups[1].Value + " " + match.Groups[2].Value : null;
            }
            catch (ConnectorException)
            {
                return null;
            }
        }
    }
}
