using System.Net;
using System.Net.Sockets;

namespace CommerceConnector.Core.Hosts
{
    /// <summary>Local ports forwarded over the host's connection, and why the server refused a forwarded connection.</summary>
    public sealed partial class SshHost
    {
        public HostEndpoint Forward(string? hostName, int port, string? socketPath = null)
        {
            EnsureConnected();
            string destination = socketPath ?? ((hostName.Contains(':') ? "[" + hostName + "]" : hostName) + ":" + port.ToString(CultureInfo.InvariantCulture));
            string? failure = null;
            for (int attempt = 0; attempt < 3; attempt++)
            {
                int local = FreeLoopbackPort();
                string spec = "127.0.0.1:" + local.ToString(CultureInfo.InvariantCulture) + ":" + destination;
                var run = _client.Run(Control("forward", spec), null, TimeSpan.FromSeconds(30));
                if (run.ExitCode == 0)
                {
                    int seen = MasterErrorLength();
                    return new HostEndpoint("127.0.0.1", local, null, () => CancelForward(spec), () => ChannelFailure(seen));
                }
                failure = run.Errors.Trim();
            }
            throw new ConnectorException(ErrorIds.HostPortForwardFailed, ConnectorErrorCategory.ConnectionError, DisplayName,
                $"{DisplayName} refused to forward a local port to {destination} ({failure}). Its sshd must allow TCP forwarding (AllowTcpForwarding yes) for the store's database to be reached through it.");
        }

        private int MasterErrorLength()
        {
            var errors = _masterErrors;
            if (errors == null)
            {
                return 0;
            }
            lock (errors)
            {
                return errors.Length;
            }
        }

        // Why the server refused to open a forwarded connection ("administratively prohibited" when its sshd forbids
        // forwarding, "connect failed" when nothing listens there), from what the master printed after the forward was
        // made; null when it said nothing of the kind. The master prints it a moment after the local connection closes.
        private string? ChannelFailure(int seen)
        {
            var errors = _masterErrors;
            if (errors == null)
            {
                return null;
            }
            var deadline = DateTime.UtcNow.AddMilliseconds(1500);
            while (true)
            {
                string text;
                lock (errors)
                {
                    text = errors.ToString(Math.Min(seen, errors.Length), errors.Length - Math.Min(seen, errors.Length));
                }
                string line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.IndexOf("open failed", StringComparison.Ordinal) >= 0);
                if (line != null || DateTime.UtcNow > deadline)
                {
                    return line;
                }
                Thread.Sleep(50);
            }
        }

        // Closes a forwarded port; nothing to do when the connection (and so every forward of it) is already gone.
        private void CancelForward(string spec)
        {
            lock (_gate)
            {
                if (_disposed || _master == null || _master.HasExited)
                {
                    return;
                }
                try
                {
                    _client.Run(Control("cancel", spec), null, TimeSpan.FromSeconds(10));
                }
                catch (ConnectorException)
                {
                }
            }
        }

        private static int FreeLoopbackPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                return ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            finally
            {
                listener.Stop();
            }
        }
    }
}
