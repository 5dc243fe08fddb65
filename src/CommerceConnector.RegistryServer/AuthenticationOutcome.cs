using System.Diagnostics.CodeAnalysis;

namespace CommerceConnector.RegistryServer
{
    /// <summary>The outcome of checking a request's keys: the key, or the status and body to answer with.</summary>
    public sealed class AuthenticationOutcome
    {
        private AuthenticationOutcome(GatewayKey? key, int status, string? body, string? reason) =>
            (Key, Status, Body, Reason) = (key, status, body, reason);

        public GatewayKey? Key { get; }

        public int Status { get; }

        public string? Body { get; }

        /// <summary>Why it was refused, for the log (never a token or key material).</summary>
        public string? Reason { get; }

        [MemberNotNullWhen(true, nameof(Key))]
        [MemberNotNullWhen(false, nameof(Body), nameof(Reason))]
        public bool Succeeded => Key != null;

        internal static AuthenticationOutcome Accept(GatewayKey key) => new AuthenticationOutcome(key, 200, null, null);

        internal static AuthenticationOutcome Refuse(int status, string body, string reason) => new AuthenticationOutcome(null, status, body, reason);
    }
}
