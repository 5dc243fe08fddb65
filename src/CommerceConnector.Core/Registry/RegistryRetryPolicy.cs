using System.Net.Http;
using Polly;
using Polly.Retry;
using Polly.Timeout;
namespace CommerceConnector.Core.Registry
{
    /// <summary>
    /// When the registry client tries again (Polly): 429/502/503/504, and for requests that may be repeated, resets and
    /// timeouts; bounded attempts with jittered exponential backoff, the server's Retry-After honoured within the options.
    /// </summary>
    internal static class RegistryRetryPolicy
    {
        private static readonly int[] RetriedStatuses = { 429, 502, 503, 504 };

        internal static ResiliencePipeline<HttpResponseMessage> Build(RegistryClientOptions options, bool retryTransportFailures)
        {
            var retry = new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(0, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, retryTransportFailures, args.Context.CancellationToken)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Result, options)),
                OnRetry = args =>
                {
                    options.Log?.Invoke($"retrying in {(int)args.RetryDelay.TotalMilliseconds} ms after " +
                        (args.Outcome.Result != null ? "HTTP " + (int)args.Outcome.Result.StatusCode : args.Outcome.Exception?.GetType().Name));
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            };
            var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
            if (options.TotalTimeout > TimeSpan.Zero)
            {
                builder.AddTimeout(options.TotalTimeout);
            }
            builder.AddRetry(retry);
            if (options.AttemptTimeout > TimeSpan.Zero)
            {
                builder.AddTimeout(options.AttemptTimeout);
            }
            return builder.Build();
        }

        private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, bool retryTransportFailures, CancellationToken cancellationToken)
        {
            if (outcome.Result != null)
            {
                return RetriedStatuses.Contains((int)outcome.Result.StatusCode);
            }
            if (!retryTransportFailures || cancellationToken.IsCancellationRequested)
            {
                return false;
            }
            switch (outcome.Exception)
            {
                case TimeoutRejectedException _:
                    return true;
                case HttpRequestException e:
                    return RegistryFailures.Classify(e) == RegistryFailure.ConnectionReset;
                case IOException _:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The server's Retry-After when it sends one (bounded by the options), else Polly's backoff.</summary>
        private static TimeSpan? RetryAfter(HttpResponseMessage? response, RegistryClientOptions options)
        {
            var retryAfter = response?.Headers.RetryAfter;
            if (retryAfter == null)
            {
                return null;
            }
            TimeSpan? wait = retryAfter.Delta ?? (retryAfter.Date.HasValue ? retryAfter.Date.Value - options.Clock() : (TimeSpan?)null);
            if (!wait.HasValue || wait.Value < TimeSpan.Zero)
            {
                return null;
            }
            return wait.Value > options.MaxRetryDelay ? options.MaxRetryDelay : wait.Value;
        }
    }
}
