namespace CommerceConnector
{
    /// <summary>The commands that generate a key pair: its size with -KeySize (2048 unless given).</summary>
    public abstract class KeyGeneratingCmdlet : PrivateKeyOutputCmdlet
    {
        [Parameter]
        public int KeySize { get; set; } = 2048;
    }
}
