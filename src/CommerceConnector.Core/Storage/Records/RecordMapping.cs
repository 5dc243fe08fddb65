using System;
using System.Collections.Generic;
using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Projects;

namespace CommerceConnector.Core.Storage.Records
{
    /// <summary>
    /// The serialization boundary of the file store: <see cref="RegistryFile"/> (what registry.json holds) to
    /// <see cref="RegistryDocument"/> (what Core and the commands work with) and back. Absent lists and null entries are
    /// carried over as they are, so <see cref="RegistryDocument"/>'s validation judges a file exactly as it did when the
    /// document itself was deserialized.
    /// </summary>
    internal static class RecordMapping
    {
        public static RegistryDocument ToDocument(this RegistryFile file) => new RegistryDocument
        {
            SchemaVersion = file.SchemaVersion,
            Accounts = Map(file.Accounts, ToAccount),
            ApiKeys = Map(file.ApiKeys, ToApiKey),
            Projects = Map(file.Projects, ToProject),
            DataSpaces = Map(file.DataSpaces, ToDataSpace),
            Instances = Map(file.Instances, ToInstance),
            KeyRotations = Map(file.KeyRotations, ToKeyRotation),
        };

        public static RegistryFile ToFile(this RegistryDocument document) => new RegistryFile
        {
            SchemaVersion = document.SchemaVersion,
            Accounts = Map(document.Accounts, ToRecord),
            ApiKeys = Map(document.ApiKeys, ToRecord),
            Projects = Map(document.Projects, ToRecord),
            DataSpaces = Map(document.DataSpaces, ToRecord),
            Instances = Map(document.Instances, ToRecord),
            KeyRotations = Map(document.KeyRotations, ToRecord),
        };

        private static List<TOut> Map<TIn, TOut>(List<TIn> items, Func<TIn, TOut> map)
            where TIn : class
            where TOut : class
        {
            if (items == null)
            {
                return null;
            }
            var mapped = new List<TOut>(items.Count);
            foreach (TIn item in items)
            {
                mapped.Add(item == null ? null : map(item));
            }
            return mapped;
        }

        private static CommerceAccount ToAccount(AccountRecord r)
        {
            var account = new CommerceAccount
            {
                MageId = r.MageId,
                Name = r.Name,
                Edition = r.Edition,
                Standing = r.Standing,
                Owner = r.Owner,
                CreatedAt = r.CreatedAt,
            };
            account.Members = Map(r.Members, m => new AccountMember { MageId = r.MageId, User = m.User, Role = m.Role, AddedAt = m.AddedAt })
                ?? new List<AccountMember>();
            return account;
        }

        private static AccountRecord ToRecord(CommerceAccount a) => new AccountRecord
        {
            MageId = a.MageId,
            Name = a.Name,
            Edition = a.Edition,
            Standing = a.Standing,
            Owner = a.Owner,
            CreatedAt = a.CreatedAt,
            Members = Map(a.Members, m => new MemberRecord { User = m.User, Role = m.Role, AddedAt = m.AddedAt }),
        };

        private static ApiKey ToApiKey(ApiKeyRecord r) => new ApiKey
        {
            Id = r.Id,
            MageId = r.MageId,
            Name = r.Name,
            Environment = r.Environment,
            CreatedAt = r.CreatedAt,
            CreatedBy = r.CreatedBy,
            KeySize = r.KeySize,
            Fingerprint = r.Fingerprint,
            PublicKey = r.PublicKey,
            Status = r.Status,
            RevokedAt = r.RevokedAt,
            RevokedBy = r.RevokedBy,
            Source = r.Source,
        };

        private static ApiKeyRecord ToRecord(ApiKey k) => new ApiKeyRecord
        {
            Id = k.Id,
            MageId = k.MageId,
            Name = k.Name,
            Environment = k.Environment,
            CreatedAt = k.CreatedAt,
            CreatedBy = k.CreatedBy,
            KeySize = k.KeySize,
            Fingerprint = k.Fingerprint,
            PublicKey = k.PublicKey,
            Status = k.Status,
            RevokedAt = k.RevokedAt,
            RevokedBy = k.RevokedBy,
            Source = k.Source,
        };

        private static SaaSProject ToProject(ProjectRecord r) => new SaaSProject
        {
            ProjectId = r.ProjectId,
            ProjectName = r.ProjectName,
            MageId = r.MageId,
            CreatedAt = r.CreatedAt,
            CreatedBy = r.CreatedBy,
            Source = r.Source,
        };

        private static ProjectRecord ToRecord(SaaSProject p) => new ProjectRecord
        {
            ProjectId = p.ProjectId,
            ProjectName = p.ProjectName,
            MageId = p.MageId,
            CreatedAt = p.CreatedAt,
            CreatedBy = p.CreatedBy,
            Source = p.Source,
        };

        private static DataSpace ToDataSpace(DataSpaceRecord r) => new DataSpace
        {
            DataSpaceId = r.DataSpaceId,
            DataSpaceName = r.DataSpaceName,
            Type = r.Type,
            ProjectId = r.ProjectId,
            MageId = r.MageId,
            CreatedAt = r.CreatedAt,
            SupportTicket = r.SupportTicket,
            Cleanups = Map(r.Cleanups, c => new CleanupRequest { RequestedAt = c.RequestedAt, RequestedBy = c.RequestedBy, RemovedItems = c.RemovedItems }),
            ExportedItems = r.ExportedItems,
            Source = r.Source,
            CloudId = r.CloudId,
        };

        private static DataSpaceRecord ToRecord(DataSpace d) => new DataSpaceRecord
        {
            DataSpaceId = d.DataSpaceId,
            DataSpaceName = d.DataSpaceName,
            Type = d.Type,
            ProjectId = d.ProjectId,
            MageId = d.MageId,
            CreatedAt = d.CreatedAt,
            SupportTicket = d.SupportTicket,
            Cleanups = Map(d.Cleanups, c => new CleanupRecord { RequestedAt = c.RequestedAt, RequestedBy = c.RequestedBy, RemovedItems = c.RemovedItems }),
            ExportedItems = d.ExportedItems,
            Source = d.Source,
            CloudId = d.CloudId,
        };

        private static CommerceInstance ToInstance(InstanceRecord r) => new CommerceInstance
        {
            Name = r.Name,
            MageId = r.MageId,
            Path = r.Path,
            Role = r.Role,
            BaseUrl = r.BaseUrl,
            RegisteredAt = r.RegisteredAt,
            RegisteredBy = r.RegisteredBy,
            AssignedDataSpaceId = r.AssignedDataSpaceId,
        };

        private static InstanceRecord ToRecord(CommerceInstance i) => new InstanceRecord
        {
            Name = i.Name,
            MageId = i.MageId,
            Path = i.Path,
            Role = i.Role,
            BaseUrl = i.BaseUrl,
            RegisteredAt = i.RegisteredAt,
            RegisteredBy = i.RegisteredBy,
            AssignedDataSpaceId = i.AssignedDataSpaceId,
        };

        private static KeyRotation ToKeyRotation(KeyRotationRecord r) => new KeyRotation
        {
            Id = r.Id,
            MageId = r.MageId,
            Environment = r.Environment,
            OldApiKey = r.OldApiKey,
            NewApiKey = r.NewApiKey,
            NewKeyFingerprint = r.NewKeyFingerprint,
            StartedAt = r.StartedAt,
            StartedBy = r.StartedBy,
            Status = r.Status,
            CompletedAt = r.CompletedAt,
            OldKeyRevoked = r.OldKeyRevoked,
            Instances = Map(r.Instances, i => new RotatedInstance { Name = i.Name, Path = i.Path, State = i.State, Reason = i.Reason, ChangedAt = i.ChangedAt }),
        };

        private static KeyRotationRecord ToRecord(KeyRotation k) => new KeyRotationRecord
        {
            Id = k.Id,
            MageId = k.MageId,
            Environment = k.Environment,
            OldApiKey = k.OldApiKey,
            NewApiKey = k.NewApiKey,
            NewKeyFingerprint = k.NewKeyFingerprint,
            StartedAt = k.StartedAt,
            StartedBy = k.StartedBy,
            Status = k.Status,
            CompletedAt = k.CompletedAt,
            OldKeyRevoked = k.OldKeyRevoked,
            Instances = Map(k.Instances, i => new RotatedInstanceRecord { Name = i.Name, Path = i.Path, State = i.State, Reason = i.Reason, ChangedAt = i.ChangedAt }),
        };
    }
}
