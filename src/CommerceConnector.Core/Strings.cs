namespace CommerceConnector.Core
{
    /// <summary>
    /// <see cref="string.IsNullOrEmpty"/> and <see cref="string.IsNullOrWhiteSpace"/> with the nullable annotations that
    /// netstandard2.0's own lack: after a false answer the compiler knows the string is not null.
    /// </summary>
    internal static class Strings
    {
        public static bool IsNullOrEmpty([NotNullWhen(false)] string? value) => string.IsNullOrEmpty(value);

        public static bool IsNullOrWhiteSpace([NotNullWhen(false)] string? value) => string.IsNullOrWhiteSpace(value);
    }
}
