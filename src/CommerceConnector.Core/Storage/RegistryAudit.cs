namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// One change to the registry as the audit trail keeps it: when, who (OS user, machine, the connected member), which
    /// command, and which rows (ids only; a registry never holds secret material, and the trail holds even less).
    /// </summary>
    public sealed class AuditEntry
    {
        public DateTimeOffset Time { get; set; }

        public string? OsUser { get; set; }

        public string? Machine { get; set; }

        /// <summary>The registry user (connected member) that acted; null when no account context was set.</summary>
        public string? Member { get; set; }

        public string Command { get; set; } = null!;

        /// <summary>The account the change concerned (the first, when it touched several).</summary>
        public string? MageId { get; set; }

        /// <summary>What changed, one "Action Kind Id" line per row (e.g. "Added Instance MAG123/shop-staging").</summary>
        public IReadOnlyList<string> Changes { get; set; } = Array.Empty<string>();

        /// <summary>The ids of the rows changed.</summary>
        public IReadOnlyList<string> Targets { get; set; } = Array.Empty<string>();

        public override string ToString() => $"{Time:u} {Member ?? OsUser} {Command}: {string.Join("; ", Changes)}";

        /// <summary>An entry for <paramref name="changes"/>, stamped with the clock, this process's user and machine and the ambient command.</summary>
        public static AuditEntry For(IReadOnlyList<RegistryRowChange> changes, DateTimeOffset now)
        {
            return new AuditEntry
            {
                Time = now,
                OsUser = SafeUserName(),
                Machine = SafeMachineName(),
                Member = AuditContext.Member,
                Command = AuditContext.Command ?? "(library call)",
                MageId = changes.Select(c => c.MageId).FirstOrDefault(m => !string.IsNullOrEmpty(m)),
                Changes = changes.Select(c => $"{c.Action} {c.Kind} {c.Id}").ToList(),
                Targets = changes.Select(c => c.Id).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            };
        }

        /// <summary>Whether the entry matches every filter given (null filters match all).</summary>
        public bool Matches(AuditQuery? query)
        {
            if (query == null)
            {
                return true;
            }
            if (query.Since.HasValue && Time < query.Since.Value)
            {
                return false;
            }
            if (!string.IsNullOrEmpty(query.User)
                && !string.Equals(Member, query.User, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(OsUser, query.User, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
            if (!Strings.IsNullOrEmpty(query.Target) && !Targets.Any(t => AuditQuery.TargetMatches(t, query.Target)))
            {
                return false;
            }
            return true;
        }

        private static string? SafeUserName()
        {
            try
            {
                return Environment.UserName;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        private static string? SafeMachineName()
        {
            try
            {
                return Environment.MachineName;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }

    /// <summary>What Get-ConnectorAuditLog asks for.</summary>
    public sealed class AuditQuery
    {
        public DateTimeOffset? Since { get; set; }

        /// <summary>The connected member or the OS user that acted.</summary>
        public string? User { get; set; }

        /// <summary>A row id: the full id ("MAG123/shop") or its last part ("shop"), case-insensitive.</summary>
        public string? Target { get; set; }

        internal static bool TargetMatches(string id, string wanted)
        {
            if (string.Equals(id, wanted, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            int slash = id.LastIndexOf('/');
            return slash >= 0 && string.Equals(id.Substring(slash + 1), wanted, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>A store that keeps an audit trail of its changes.</summary>
    public interface IAuditedRegistryStore
    {
        /// <summary>The entries that match <paramref name="query"/>, oldest first.</summary>
        IReadOnlyList<AuditEntry> ReadAudit(AuditQuery query);
    }

    /// <summary>
    /// Who acts now, for the audit trail: the command a cmdlet runs and the member it acts as. Set per thread (each
    /// runspace of <c>ForEach-Object -Parallel</c> runs its commands on its own thread).
    /// </summary>
    public static class AuditContext
    {
        private static readonly ThreadLocal<(string? Command, string? Member)> Current = new ThreadLocal<(string?, string?)>();

        public static string? Command => Current.Value.Command;

        public static string? Member => Current.Value.Member;

        /// <summary>Sets the command and member until the returned scope is disposed (then the previous ones are back).</summary>
        public static IDisposable Enter(string? command, string? member)
        {
            var previous = Current.Value;
            Current.Value = (command, member);
            return new Restore(previous);
        }

        private sealed class Restore : IDisposable
        {
            private readonly (string?, string?) _previous;

            public Restore((string?, string?) previous)
            {
                _previous = previous;
            }

            public void Dispose() => Current.Value = _previous;
        }
    }
}
