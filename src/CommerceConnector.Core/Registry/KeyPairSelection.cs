namespace CommerceConnector.Core.Registry
{
    /// <summary>Which of an instance's key pairs a registry command uses.</summary>
    public enum KeyPairSelection
    {
        /// <summary>The pair of the environment the instance selects (<c>magento_saas/environment</c>).</summary>
        Selected,

        Production,

        Sandbox,

        /// <summary>The selected pair, then the other one.</summary>
        Both,
    }
}
