namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// Where a registry record came from. Records written before this property existed have none in the file and
    /// read as <see cref="Generated"/>, which is what they are: only the module itself could make them.
    /// </summary>
    public enum RecordSource
    {
        /// <summary>Made by the module: New-ConnectorApiKey, New-SaaSProject, New-DataSpace.</summary>
        Generated,

        /// <summary>Brought in by hand from what exists elsewhere: Import-ConnectorApiKey, Register-SaaSProject, Register-DataSpace.</summary>
        Imported,

        /// <summary>Taken from the env.php of an instance by Register-CommerceInstance -Adopt.</summary>
        Adopted,

        /// <summary>Recorded from the merchant registry's own answer: Sync-SaaSProject, New-SaaSProject -Remote.</summary>
        Registry,
    }
}
