namespace CommerceConnector.Core.Instances
{
    public enum ExportFormat
    {
        /// <summary>POSIX shell: <c>export NAME='value'</c>, one per line.</summary>
        EnvironmentVariables,

        /// <summary>A .env file (Docker Compose, many PaaS): <c>NAME="value"</c> with \n escapes.</summary>
        Dotenv,

        /// <summary>A JSON object of name and value.</summary>
        Json,
    }
}
