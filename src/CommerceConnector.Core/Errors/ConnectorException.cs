namespace CommerceConnector.Core.Errors
{
    /// <summary>
    /// A failure with a stable error id, a category and the value it is about. Messages say what to do;
    /// they never carry secret material.
    /// </summary>
    [Serializable]
    public class ConnectorException : Exception
    {
        public ConnectorException(string errorId, ConnectorErrorCategory category, object? target, string? message, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId ?? throw new ArgumentNullException(nameof(errorId));
            Category = category;
            Target = target;
        }

        /// <summary>The stable identifier tests and scripts match on, e.g. <c>RegistryLocked</c>.</summary>
        public string ErrorId { get; }

        public ConnectorErrorCategory Category { get; }

        /// <summary>The offending value: a path, a MageID, an e-mail address.</summary>
        public object? Target { get; }
    }
}
