namespace CommerceConnector.Core.Storage
{
    /// <summary>What Copy-ConnectorRegistry did to one kind of row.</summary>
    public sealed class RegistryCopyCount
    {
        public RegistryCopyCount(RegistryRowKind kind, int source, int added, int changed) =>
            (Kind, Source, Added, Changed) = (kind, source, added, changed);

        public RegistryRowKind Kind { get; }

        /// <summary>Rows of this kind in the source.</summary>
        public int Source { get; }

        public int Added { get; }

        /// <summary>Rows the target held with other values, now replaced by the source's.</summary>
        public int Changed { get; }

        /// <summary>Rows the target already held exactly as the source does.</summary>
        public int Unchanged => Source - Added - Changed;

        public override string ToString() => $"{Kind}: {Source} in source, {Added} added, {Changed} changed, {Unchanged} unchanged";
    }

    /// <summary>
    /// Copies every row of one registry into another (a folder into PostgreSQL, or back) in one change of the target:
    /// all or nothing. A row the target holds under the same id is replaced by the source's; rows only the target holds
    /// are kept. Copying twice changes nothing the second time.
    /// </summary>
    public static class RegistryCopy
    {
        public static IReadOnlyList<RegistryCopyCount> Copy(IRegistryStore from, IRegistryStore to)
        {
            if (from == null)
            {
                throw new ArgumentNullException(nameof(from));
            }
            if (to == null)
            {
                throw new ArgumentNullException(nameof(to));
            }
            var source = from.Read(RegistryScope.All);
            var sourceCounts = Count(source);
            return to.Update(RegistryScope.All, target =>
            {
                var before = RegistrySnapshot.Take(target);
                Merge(source, target);
                var changes = before.Diff(target);
                return Enum.GetValues(typeof(RegistryRowKind)).Cast<RegistryRowKind>()
                    .Select(kind => new RegistryCopyCount(kind, sourceCounts.TryGetValue(kind, out int n) ? n : 0,
                        changes.Count(c => c.Kind == kind && c.Action == RegistryRowAction.Added),
                        changes.Count(c => c.Kind == kind && c.Action == RegistryRowAction.Changed)))
                    .ToList();
            });
        }

        private static Dictionary<RegistryRowKind, int> Count(RegistryDocument document) => new Dictionary<RegistryRowKind, int>
        {
            [RegistryRowKind.Account] = document.Accounts.Count,
            [RegistryRowKind.Member] = document.Accounts.Sum(a => a.Members.Count),
            [RegistryRowKind.ApiKey] = document.ApiKeys.Count,
            [RegistryRowKind.Project] = document.Projects.Count,
            [RegistryRowKind.DataSpace] = document.DataSpaces.Count,
            [RegistryRowKind.Instance] = document.Instances.Count,
            [RegistryRowKind.KeyRotation] = document.KeyRotations.Count,
        };

        private static void Merge(RegistryDocument source, RegistryDocument target)
        {
            foreach (var account in source.Accounts)
            {
                var existing = target.Accounts.FirstOrDefault(a => Same(a.MageId, account.MageId));
                if (existing == null)
                {
                    target.Accounts.Add(account);
                    continue;
                }
                existing.Name = account.Name;
                existing.Edition = account.Edition;
                existing.Standing = account.Standing;
                existing.Owner = account.Owner;
                existing.CreatedAt = account.CreatedAt;
                foreach (var member in account.Members)
                {
                    int at = existing.Members.FindIndex(m => Same(m.User, member.User));
                    if (at >= 0)
                    {
                        existing.Members[at] = member;
                    }
                    else
                    {
                        existing.Members.Add(member);
                    }
                }
            }
            Replace(target.ApiKeys, source.ApiKeys, k => k.Id);
            Replace(target.Projects, source.Projects, p => p.ProjectId);
            Replace(target.DataSpaces, source.DataSpaces, d => d.DataSpaceId);
            Replace(target.Instances, source.Instances, i => i.MageId + "/" + i.Name);
            Replace(target.KeyRotations, source.KeyRotations, r => r.Id);
        }

        private static void Replace<T>(List<T> target, IEnumerable<T> source, Func<T, string> key)
        {
            // An index of the target's keys: one lookup per source row, so a copy of 100,000 rows stays linear.
            var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < target.Count; i++)
            {
                string k = key(target[i])?.Trim() ?? string.Empty;
                if (!index.ContainsKey(k))
                {
                    index[k] = i;
                }
            }
            foreach (var row in source)
            {
                string k = key(row)?.Trim() ?? string.Empty;
                if (index.TryGetValue(k, out int at))
                {
                    target[at] = row;
                }
                else
                {
                    index[k] = target.Count;
                    target.Add(row);
                }
            }
        }

        private static bool Same(string a, string b) => string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);
    }
}
