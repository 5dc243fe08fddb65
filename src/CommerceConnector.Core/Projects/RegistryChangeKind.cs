namespace CommerceConnector.Core.Projects
{
    /// <summary>What recording the merchant registry's answer does to one local record.</summary>
    public enum RegistryChangeKind
    {
        /// <summary>The registry returns a project or data space the local registry did not have: recorded, Source Registry.</summary>
        Added,

        /// <summary>The registry returns a known record under another name: renamed locally (ids stay).</summary>
        Renamed,

        /// <summary>The registry returns a record made here, imported or adopted, under the same name: its Source becomes Registry.</summary>
        Linked,

        /// <summary>A record with Source Registry that the registry no longer returns: reported, kept.</summary>
        Gone,
    }
}
