namespace CommerceConnector.Core.DataExport
{
    /// <summary>One line of Magento's output as it came, with the instance and feed it belongs to.</summary>
    public sealed class ResyncProgress
    {
        internal ResyncProgress(string instance, DataExportFeed feed, int feedIndex, int feedCount, ResyncLine? line) =>
            (Instance, Feed, FeedIndex, FeedCount, Line) = (instance, feed.Name, feedIndex, feedCount, line);

        public string Instance { get; }

        public string Feed { get; }

        /// <summary>Which of the instance's feeds this is (0-based), of FeedCount.</summary>
        public int FeedIndex { get; }

        public int FeedCount { get; }

        /// <summary>The line; null when the feed is about to start.</summary>
        public ResyncLine? Line { get; }
    }
}
