namespace CommerceConnector.ModuleBuilder.Tests
{
    internal static class RepositoryPaths
    {
        private static readonly Lazy<string> LazyRoot = new Lazy<string>(() =>
        {
            for (DirectoryInfo dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CommerceConnector.slnx")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException($"No CommerceConnector.slnx above {AppContext.BaseDirectory}.");
        });

        /// <summary>The repository's root: the folder above the test output that holds CommerceConnector.slnx.</summary>
        public static string Root => LazyRoot.Value;
    }
}
