using System;
using System.Management.Automation;
using CommerceConnector.Core.Errors;
using CommerceConnector.Core.Session;

namespace CommerceConnector
{
    /// <summary>
    /// The base of every CommerceConnector cmdlet: turns Core's failures into ErrorRecords with their stable ids.
    /// Failures that concern the whole registry or session (a locked or unreadable registry, no context) stop the
    /// command; failures about one item are written as non-terminating errors so a pipeline carries on.
    /// </summary>
    public abstract class ConnectorCmdlet : PSCmdlet
    {
        protected static ConnectorSession Session => ConnectorSession.Default;

        /// <summary>Runs <paramref name="action"/>, reporting a Core failure the PowerShell way.</summary>
        protected void Run(Action action)
        {
            try
            {
                action();
            }
            catch (ConnectorException e)
            {
                var record = ToErrorRecord(e);
                if (IsTerminating(e))
                {
                    ThrowTerminatingError(record);
                }
                WriteError(record);
            }
        }

        internal static ErrorRecord ToErrorRecord(ConnectorException e)
        {
            if (!Enum.TryParse(e.Category.ToString(), out ErrorCategory category))
            {
                category = ErrorCategory.NotSpecified;
            }
            return new ErrorRecord(e, e.ErrorId, category, e.Target);
        }

        private static bool IsTerminating(ConnectorException e)
        {
            switch (e.ErrorId)
            {
                case ErrorIds.NotConnected:
                case ErrorIds.RegistryLocked:
                case ErrorIds.RegistryCorrupt:
                case ErrorIds.RegistrySchemaTooNew:
                case ErrorIds.RegistryWriteFailed:
                case ErrorIds.RegistryPathInvalid:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The MageID a command acts on: the one given, else the session context's.</summary>
        protected string MageIdOrContext(string mageId) =>
            string.IsNullOrEmpty(mageId) ? Session.RequireContext().MageId : mageId;
    }
}
