using CommerceConnector.Core.Keys;

namespace CommerceConnector.Core.Instances
{
    /// <summary>Private key texts read once each: a fleet shares a handful of keys among many instances.</summary>
    internal sealed class PrivateKeyReadings
    {
        private readonly Dictionary<string, (PrivateKeyReading? Reading, ConnectorException? Error)> _readings =
            new Dictionary<string, (PrivateKeyReading?, ConnectorException?)>(StringComparer.Ordinal);

        /// <summary>The fingerprint Get-ConnectorConfiguration shows for a private key, from the reading made once per distinct text.</summary>
        public string? Fingerprint(string? text)
        {
            if (Strings.IsNullOrEmpty(text))
            {
                return null;
            }
            try
            {
                return Reading(text).Fingerprint;
            }
            catch (ConnectorException e)
            {
                return "unreadable (" + e.ErrorId + ")";
            }
        }

        public PrivateKeyReading Reading(string text)
        {
            if (!_readings.TryGetValue(text, out var cached))
            {
                try
                {
                    cached = (PrivateKeyText.Repair(text), null);
                }
                catch (ConnectorException e)
                {
                    cached = (null, e);
                }
                _readings[text] = cached;
            }
            return cached.Reading ?? throw cached.Error!; // a reading that failed keeps its error
        }

    }
}
