using System.Diagnostics;
using System.Runtime.InteropServices;
using CommerceConnector.Core.Storage;

namespace CommerceConnector.Core.Hosts
{
    /// <summary>The host's one connection: the ControlMaster process, its owner-only socket folder, and the sessions over it.</summary>
    public sealed partial class SshHost
    {
        private SshRun Exec(string remoteCommand, Action<Process>? interact, TimeSpan timeout, string? about)
        {
            EnsureConnected();
            var arguments = _client.BaseArguments();
            arguments.AddRange(new[] { "-o", "ControlMaster=no", "-o", "ControlPath=" + ControlPath, "-T", "--", Address.HostName, remoteCommand });
            var run = _client.Run(arguments, interact, timeout);
            if (run.ExitCode == 255)
            {
                bool masterAlive;
                lock (_gate)
                {
                    masterAlive = _master != null && !_master.HasExited;
                }
                throw masterAlive ? SshErrors.Classify(Address, run.Errors, connecting: false, _client.ProbeHostKey) ?? SshErrors.Lost(Address, about, SshErrors.Tail(run.Errors)) : SshErrors.Lost(Address, about, SshErrors.Tail(run.Errors));
            }
            if (run.ExitCode == 127)
            {
                throw new ConnectorException(ErrorIds.HostPhpMissing, ConnectorErrorCategory.ObjectNotFound, DisplayName,
                    $"{DisplayName} has no php for this SSH user ({SshErrors.Tail(run.Errors)}). Magento's servers need php-cli on PATH for the SSH user (check with: ssh {Address.HostName} php -v); nothing was changed.");
            }
            return run;
        }

        private List<string> Control(string command, string forward)
        {
            var arguments = _client.BaseArguments();
            arguments.AddRange(new[] { "-o", "ControlPath=" + ControlPath, "-O", command, "-L", forward, "--", Address.HostName });
            return arguments;
        }


        private void EnsureConnected()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    throw new ObjectDisposedException(nameof(SshHost));
                }
                if (_master != null && !_master.HasExited && File.Exists(ControlPath))
                {
                    return;
                }
                StopMaster();
                _folder = NewOwnerOnlyFolder();
                var arguments = _client.BaseArguments();
                arguments.AddRange(new[] { "-o", "ControlMaster=yes", "-o", "ControlPath=" + ControlPath, "-o", "ControlPersist=no", "-n", "-N", "-T", "--", Address.HostName });
                _masterErrors = new StringBuilder();
                _master = _client.Start(arguments, redirectInput: true);
                _master.StandardInput.Close(); // -n: the master reads nothing, and never the caller's own standard input
                var errors = _masterErrors;
                _master.ErrorDataReceived += (_, e) =>
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
                _master.BeginErrorReadLine();
                ConnectionsOpened++;
                var deadline = DateTime.UtcNow.AddSeconds(_options.ConnectTimeoutSeconds * 2 + 30);
                while (!File.Exists(ControlPath))
                {
                    if (_master.WaitForExit(25))
                    {
                        _master.WaitForExit();
                        string text;
                        lock (errors)
                        {
                            text = errors.ToString();
                        }
                        StopMaster();
                        throw SshErrors.Classify(Address, text, connecting: true, _client.ProbeHostKey) ?? new ConnectorException(ErrorIds.HostUnreachable, ConnectorErrorCategory.ConnectionError, DisplayName,
                            $"{DisplayName} cannot be reached over SSH: {SshErrors.Tail(text)} Check that 'ssh {Address.HostName}' works from this computer.");
                    }
                    if (DateTime.UtcNow > deadline)
                    {
                        StopMaster();
                        throw new ConnectorException(ErrorIds.HostUnreachable, ConnectorErrorCategory.OperationTimeout, DisplayName,
                            $"{DisplayName} did not complete an SSH connection in time. Check that 'ssh {Address.HostName}' works from this computer.");
                    }
                }
            }
        }

        private void StopMaster()
        {
            if (_master != null)
            {
                try
                {
                    if (!_master.HasExited)
                    {
                        var arguments = _client.BaseArguments();
                        arguments.AddRange(new[] { "-o", "ControlPath=" + ControlPath, "-O", "exit", "--", Address.HostName });
                        try
                        {
                            _client.Run(arguments, null, TimeSpan.FromSeconds(5));
                        }
                        catch (ConnectorException)
                        {
                        }
                        if (!_master.WaitForExit(5000))
                        {
                            _master.Kill();
                            _master.WaitForExit(5000);
                        }
                    }
                }
                catch (InvalidOperationException)
                {
                }
                _master.Dispose();
                _master = null;
            }
            if (_folder != null)
            {
                try
                {
                    Directory.Delete(_folder, recursive: true);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                }
                _folder = null;
            }
        }

        // A Unix socket path must stay short (104 bytes on macOS), so the folder is under /tmp on Unix.
        private static string NewOwnerOnlyFolder()
        {
            string root = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? Path.GetTempPath() : "/tmp";
            string folder = Path.Combine(root, "cc-ssh-" + Guid.NewGuid().ToString("N").Substring(0, 16));
            Directory.CreateDirectory(folder);
            FilePermissions.RestrictFolder(folder);
            return folder;
        }
    }
}
