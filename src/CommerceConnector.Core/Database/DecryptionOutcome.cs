namespace CommerceConnector.Core.Database
{
    /// <summary>The outcome of reading an encrypted core_config_data value.</summary>
    public enum DecryptionOutcome
    {
        Decrypted,

        /// <summary>Not in the form &lt;key index&gt;:&lt;cipher version&gt;:&lt;base64&gt;.</summary>
        NotEncrypted,

        /// <summary>A cipher version other than 3 (0-2 are the mcrypt-era ciphers): reported, never guessed.</summary>
        UnsupportedCipher,

        /// <summary>The key index names no key of env.php crypt/key.</summary>
        KeyMissing,

        /// <summary>The tag does not verify: another key, or a damaged value.</summary>
        Failed,
    }
}
