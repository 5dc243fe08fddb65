using System;

namespace CommerceConnector.Core.Storage
{
    /// <summary>Where the time stamps of registry records come from: the clock a test passes in, or else the system's UTC time.</summary>
    internal static class RegistryClock
    {
        public static Func<DateTimeOffset> OrSystem(Func<DateTimeOffset> clock) => clock ?? (() => DateTimeOffset.UtcNow);
    }
}
