namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// What Set-CommerceInstance is asked to change on a registered instance: its role, base URL, name, Magento root or database access.
    /// A change of nothing is refused (NothingToChange) before the registry is read.
    /// </summary>
    public sealed class InstanceChange
    {
        /// <summary>A change of <paramref name="name"/>; <paramref name="path"/> is a full file-system path (the command resolves its provider path). Null means "unchanged".</summary>
        public InstanceChange(string name, InstanceRole? role, string? baseUrl, string? newName, string? path, DatabaseAccess? databaseAccess = null)
        {
            if (role == null && baseUrl == null && newName == null && path == null && databaseAccess == null)
            {
                throw new ConnectorException(ErrorIds.NothingToChange, ConnectorErrorCategory.InvalidArgument, name,
                    "Set-CommerceInstance needs -Role, -BaseUrl, -NewName or -Path, or -DatabaseAccess.");
            }
            Name = name;
            Role = role;
            BaseUrl = baseUrl;
            NewName = newName;
            Path = path;
            DatabaseAccess = databaseAccess;
        }

        /// <summary>The registered instance's current name.</summary>
        public string Name { get; }

        public InstanceRole? Role { get; }

        /// <summary>The new base URL; an empty one removes it.</summary>
        public string? BaseUrl { get; }

        public string? NewName { get; }

        public string? Path { get; }

        /// <summary>How the module may reach the instance's database; null means "unchanged".</summary>
        public DatabaseAccess? DatabaseAccess { get; }

        /// <summary>What the change does, for -WhatIf and -Confirm: "Change role to Staging, name to luma-eu".</summary>
        public string Describe() =>
            "Change " + string.Join(", ", new[]
            {
                Role == null ? null : "role to " + Role,
                BaseUrl == null ? null : "base URL to " + BaseUrl,
                NewName == null ? null : "name to " + NewName,
                Path == null ? null : "path to " + Path,
                DatabaseAccess == null ? null : "database access to " + DatabaseAccess,
            }.Where(s => s != null));

        /// <summary>Applies the change to the registry through <paramref name="inventory"/>.</summary>
        public CommerceInstance ApplyTo(InstanceInventory inventory, string mageId) =>
            inventory.Set(mageId, Name, Role, BaseUrl, NewName, Path, DatabaseAccess);
    }
}
