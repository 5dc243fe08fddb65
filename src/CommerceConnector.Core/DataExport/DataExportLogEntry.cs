namespace CommerceConnector.Core.DataExport
{
    /// <summary>
    /// One line of var/log/commerce-data-export*.log or saas-export*.log. A line the reader cannot parse (a stack trace,
    /// a truncated write) is kept as it is: <see cref="Parsed"/> is false and only <see cref="Raw"/> is set.
    /// </summary>
    public sealed class DataExportLogEntry
    {
        public string? Instance { get; internal set; }

        /// <summary>The log file's name, e.g. commerce-data-export-errors.log.</summary>
        public string File { get; internal set; } = null!;

        /// <summary>The line number in the file (1-based).</summary>
        public int Line { get; internal set; }

        public DateTimeOffset? Time { get; internal set; }

        /// <summary>Monolog's level: DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY.</summary>
        public string? Level { get; internal set; }

        public string? Channel { get; internal set; }

        public string? Feed { get; internal set; }

        /// <summary>What ran: "full sync", "partial sync", "resync", ...</summary>
        public string? Operation { get; internal set; }

        /// <summary>Initialize, Progress X/Y..., Complete, or the failure's words.</summary>
        public string? Status { get; internal set; }

        public string? Elapsed { get; internal set; }

        /// <summary>The data exporter's error code (CDE&lt;group&gt;-&lt;id&gt;), or null.</summary>
        public string? ErrorCode { get; internal set; }

        /// <summary>The X-Request-Id of a failed upload, or null.</summary>
        public string? RequestId { get; internal set; }

        /// <summary>The HTTP status code of a failed upload, or null.</summary>
        public string? StatusCode { get; internal set; }

        /// <summary>The message text (for JSON messages, the JSON).</summary>
        public string Message { get; internal set; } = null!;

        public bool Parsed { get; internal set; }

        /// <summary>The line as written.</summary>
        public string Raw { get; internal set; } = null!;

        /// <summary>True for ERROR and worse, and for every line of an *-errors.log file.</summary>
        public bool IsError { get; internal set; }

        public override string ToString() => Raw;
    }
}
