namespace CommerceConnector.Core.Projects
{
    /// <summary>
    /// The SaaS projects and data spaces of an account: what the merchant registry protocol serves
    /// (<c>GET registry</c>, <c>POST registry/initialize</c>, <c>POST registry/environments/{id}/cleanup</c>). The embedded
    /// registry implements it over the local store; an HTTP client of the protocol can implement it too.
    /// </summary>
    public interface IProjectRegistry
    {
        IReadOnlyList<SaaSProject> GetProjects(string mageId, string? namePattern = null, string? id = null);

        SaaSProject GetProject(string mageId, string? nameOrId);

        SaaSProject NewProject(string mageId, string user, string name);

        SaaSProject RenameProject(string mageId, string nameOrId, string newName);

        IReadOnlyList<DataSpace> GetDataSpaces(string mageId, string? project = null, DataSpaceType? type = null, string? namePattern = null, string? id = null);

        DataSpace GetDataSpace(string mageId, string? project, string? nameOrId);

        DataSpace NewDataSpace(string mageId, string project, string name, DataSpaceType type, string? supportTicket);

        DataSpace RenameDataSpace(string mageId, string? project, string nameOrId, string newName);

        DataSpace ClearDataSpace(string mageId, string user, string? project, string nameOrId);

        /// <summary>Records a project that exists in Adobe's registry, with its real id (kept byte-exact).</summary>
        SaaSProject RegisterProject(string mageId, string user, string projectId, string name);

        /// <summary>Records a data space that exists in Adobe's registry, under the licence rules of the account's edition.</summary>
        DataSpace RegisterDataSpace(string mageId, string project, string dataSpaceId, string name, DataSpaceType type, string? supportTicket);
    }
}
