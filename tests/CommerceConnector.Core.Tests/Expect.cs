namespace CommerceConnector.Core.Tests
{
    /// <summary>Assertions every test class uses; opened with <c>using static</c> in the project file.</summary>
    internal static class Expect
    {
        /// <summary>Asserts that <paramref name="action"/> throws a <see cref="ConnectorException"/> with the error id <paramref name="errorId"/>, and returns it.</summary>
        public static ConnectorException Fails(string errorId, Action action)
        {
            var error = Assert.Throws<ConnectorException>(action);
            Assert.Equal(errorId, error.ErrorId);
            return error;
        }
    }
}
