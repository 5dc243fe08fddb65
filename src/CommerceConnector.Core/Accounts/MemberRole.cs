namespace CommerceConnector.Core.Accounts
{
    public enum MemberRole
    {
        /// <summary>The licence owner of a merchant organisation: may generate API keys.</summary>
        LicenseOwner,

        /// <summary>Access shared by a licence owner: sees the organisation, may not generate keys.</summary>
        SharedAccess,

        /// <summary>The signer of a solution integrator's partner agreement: may generate API keys.</summary>
        PartnerSigner,
    }
}
