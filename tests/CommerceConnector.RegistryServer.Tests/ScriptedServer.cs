using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CommerceConnector.RegistryServer.Tests
{
    /// <summary>
    /// A raw HTTP/1.1 responder on 127.0.0.1 for the failures a real gateway shows and the stand-in does not: each
    /// request (one per connection) gets the answer the script gives for its number, or a reset when the script says
    /// null. Records every request's head.
    /// </summary>
    public sealed class ScriptedServer : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly Func<int, string> _script;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private int _count;

        public ScriptedServer(Func<int, string> script)
        {
            _script = script;
            _listener.Start();
            _ = Task.Run(AcceptAsync);
        }

        public Uri Root => new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        public ConcurrentQueue<string> Requests { get; } = new ConcurrentQueue<string>();

        public int Count => Volatile.Read(ref _count);

        public static string Answer(int status, string body = "{}", string extraHeaders = "") =>
            $"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n{extraHeaders}\r\n{body}";

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception)
                {
                    return;
                }
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                var head = new StringBuilder();
                var buffer = new byte[1];
                try
                {
                    while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer) == 1)
                    {
                        head.Append((char)buffer[0]);
                    }
                }
                catch (IOException)
                {
                    return;
                }
                Requests.Enqueue(head.ToString());
                string answer = _script(Interlocked.Increment(ref _count));
                if (answer == null)
                {
                    // A reset: close with RST instead of FIN.
                    client.Client.LingerState = new LingerOption(true, 0);
                    return;
                }
                byte[] bytes = Encoding.UTF8.GetBytes(answer);
                await stream.WriteAsync(bytes);
                await stream.FlushAsync();
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}
