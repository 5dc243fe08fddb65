using System.Globalization;
using System.Text.RegularExpressions;
using CommerceConnector.Core.DataExport;
using CommerceConnector.Core.Reports;

namespace CommerceConnector.Core.Tests
{
    /// <summary>
    /// The report model and its page: the order (what needs attention first), the state rules, states carried by words
    /// and symbols as well as colours, colours that pass WCAG AA contrast (computed from the page's own style sheet), and
    /// the atomic write. The page in a real browser is tested by tests/ConnectorReport.Tests.ps1.
    /// </summary>
    public sealed class ConnectorReportTests
    {
        private static readonly DateTimeOffset At = new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero);

        [Fact]
        public void AnInstanceIsAsBadAsItsWorstCheckOrFeed()
        {
            Assert.Equal(ReportState.Ok, Instance("a", Checks(CheckVerdict.Passed), Feeds(DataExportHealth.Ok)).State);
            Assert.Equal(ReportState.NeedsAttention, Instance("a", Checks(CheckVerdict.Passed, CheckVerdict.Failed), Feeds(DataExportHealth.Ok)).State);
            Assert.Equal(ReportState.NeedsAttention, Instance("a", Checks(CheckVerdict.Passed), Feeds(DataExportHealth.Retrying, DataExportHealth.NeedsAttention)).State);
            Assert.Equal(ReportState.Warning, Instance("a", Checks(CheckVerdict.Skipped), Feeds(DataExportHealth.Ok)).State);
            Assert.Equal(ReportState.Warning, Instance("a", Checks(CheckVerdict.Passed), Feeds(DataExportHealth.Backlog)).State);
            var locked = Instance("a", Checks(CheckVerdict.Passed), Feeds(DataExportHealth.Ok));
            ((DataExportStatus)locked.Feeds[0]).LockedBy = "saas:resync(4242)";
            Assert.Equal(ReportState.Warning, locked.State);
            var unread = Instance("a", Checks(CheckVerdict.Passed), Feeds());
            unread.DatabaseNote = "The database was not read (-NoDatabase).";
            Assert.Equal(ReportState.Warning, unread.State);
            Assert.Equal("1 check failed, 1 feed needs attention",
                Instance("a", Checks(CheckVerdict.Failed, CheckVerdict.Passed), Feeds(DataExportHealth.NeedsAttention, DataExportHealth.Ok)).Summary);
            Assert.Equal("All checks passed, every feed Ok", Instance("a", Checks(CheckVerdict.Passed), Feeds(DataExportHealth.Ok)).Summary);
        }

        [Fact]
        public void NeedsAttentionComesFirstThenWarningsThenTheRestByName()
        {
            var report = Report(
                Instance("zeta-ok", Checks(CheckVerdict.Passed), Feeds(DataExportHealth.Ok)),
                Instance("beta-warn", Checks(CheckVerdict.Skipped), Feeds()),
                Instance("Alpha-ok", Checks(CheckVerdict.Passed), Feeds()),
                Instance("omega-bad", Checks(CheckVerdict.Passed), Feeds(DataExportHealth.NeedsAttention)),
                Instance("delta-bad", Checks(CheckVerdict.Failed), Feeds()));

            Assert.Equal(new[] { "delta-bad", "omega-bad", "beta-warn", "Alpha-ok", "zeta-ok" }, report.Instances.Select(i => i.Name));
            var summary = new ConnectorReportSummary("/tmp/r.html", report);
            Assert.Equal((2, 1, 2), (summary.NeedsAttention, summary.Warning, summary.Ok));
            Assert.Equal("delta-bad", summary.Instances[0].Name);
            Assert.Equal(1, summary.Instances[0].FailedChecks);
            Assert.Equal(1, summary.Instances[1].FeedsNeedingAttention);

            string html = ConnectorReportRenderer.Render(report);
            var order = Regex.Matches(html, "<section [^>]*data-instance=\"([^\"]+)\"").Cast<Match>().Select(m => m.Groups[1].Value);
            Assert.Equal(new[] { "delta-bad", "omega-bad", "beta-warn", "Alpha-ok", "zeta-ok" }, order);
        }

        [Fact]
        public void EveryStateIsAWordAndASymbolAsWellAsAColour()
        {
            var report = Report(
                Instance("bad", Checks(CheckVerdict.Failed, CheckVerdict.Skipped, CheckVerdict.Passed),
                    Feeds(DataExportHealth.NeedsAttention, DataExportHealth.Retrying, DataExportHealth.Backlog, DataExportHealth.Ok, DataExportHealth.NotInstalled)),
                Instance("warn", Checks(CheckVerdict.Skipped), Feeds()),
                Instance("good", Checks(CheckVerdict.Passed), Feeds(DataExportHealth.Ok)));
            string html = ConnectorReportRenderer.Render(report);

            Assert.Contains("<span class=\"badge\">&#x2716; Needs attention</span> <span class=\"name\">bad</span>", html);
            Assert.Contains("<span class=\"badge\">&#x25B2; Warning</span> <span class=\"name\">warn</span>", html);
            Assert.Contains("<span class=\"badge\">&#x2714; OK</span> <span class=\"name\">good</span>", html);
            Assert.Contains("<span class=\"verdict Failed\">&#x2716; Failed</span>", html);
            Assert.Contains("<span class=\"verdict Skipped\">&#x2013; Skipped</span>", html);
            Assert.Contains("<span class=\"verdict Passed\">&#x2714; Passed</span>", html);
            foreach (string words in new[] { "&#x2716; Needs attention", "&#x25B2; Retrying", "&#x25B2; Backlog", "&#x2714; Ok", "&#x2013; Not installed" })
            {
                Assert.Contains("\">" + words + "</span></div>", html);
            }
            // A bar is also read out (role="img" with its counts), and its failed segments are patterned, not flat colours.
            Assert.Contains("role=\"img\" aria-label=\"products: 60 submitted, 10 will retry, 20 need attention, 5 awaiting submission\"", html);
            Assert.Matches(@"\.seg\.retry\{background:repeating-linear-gradient", html);
            Assert.Matches(@"\.seg\.attention\{background:repeating-linear-gradient", html);
            Assert.Matches(@"\.seg\.awaiting\{background:repeating-linear-gradient", html);
        }

        [Fact]
        public void TextColoursPassWcagAaOnEveryBackgroundTheyMeet()
        {
            var colours = Palette(ConnectorReportRenderer.Render(Report(Instance("a", Checks(CheckVerdict.Passed), Feeds(DataExportHealth.Ok)))));
            string white = colours["bg"], panel = colours["panel"];

            // Normal-size text: at least 4.5:1 (WCAG 2.1 SC 1.4.3).
            foreach (string text in new[] { "ink", "muted", "bad", "warn", "good" })
            {
                AssertContrast(colours[text], white, 4.5, text + " on white");
                AssertContrast(colours[text], panel, 4.5, text + " on the panel");
            }
            AssertContrast("#0b4f8a", white, 4.5, "links");
            // The badges: white text on the state's colour.
            foreach (string badge in new[] { "bad", "warn", "good" })
            {
                AssertContrast("#ffffff", colours[badge], 4.5, "badge " + badge);
            }
        }

        [Fact]
        public void BarSegmentsPassNonTextContrastAgainstWhite()
        {
            string html = ConnectorReportRenderer.Render(Report(Instance("a", Checks(CheckVerdict.Passed), Feeds(DataExportHealth.Ok))));
            var colours = Palette(html);

            // Graphical objects: at least 3:1 against what is next to them (WCAG 2.1 SC 1.4.11), both stripes of each pattern.
            foreach (string segment in new[] { "sent", "retry", "attention", "awaiting" })
            {
                AssertContrast(colours[segment], colours["bg"], 3.0, segment);
            }
            foreach (Match stripe in Regex.Matches(html, @"\.seg\.\w+\{background:repeating-linear-gradient\([^,]+,var\(--\w+\) 0 \d+px,(#[0-9a-f]{6}) "))
            {
                AssertContrast(stripe.Groups[1].Value, colours["bg"], 3.0, "stripe " + stripe.Groups[1].Value);
            }
            Assert.Equal(3, Regex.Matches(html, @"repeating-linear-gradient\([^,]+,var\(--\w+\) 0 \d+px,#[0-9a-f]{6} ").Count);
        }

        [Fact]
        public void TheContrastCheckItselfCanFail()
        {
            // The values WCAG's own examples give: black on white 21:1, #777 on white just under 4.5:1.
            Assert.Equal(21.0, Contrast("#000000", "#ffffff"), 2);
            Assert.True(Contrast("#777777", "#ffffff") < 4.5);
            Assert.True(Contrast("#767676", "#ffffff") >= 4.5);
        }

        [Fact]
        public void TheCountsAreEncodedAndTheRoundTripOfANameIsText()
        {
            var report = new ConnectorReport("MAG123456789", "Luma <Europe> & Co", "AdobeCommerce", At,
                new[] { Instance("shop-\"<b>", Checks(CheckVerdict.Passed), Feeds(DataExportHealth.Ok)) });
            string html = ConnectorReportRenderer.Render(report);

            Assert.Contains("Luma &lt;Europe&gt; &amp; Co", html);
            Assert.DoesNotContain("<b>", html);
            Assert.Contains("data-instance=\"shop-&quot;&lt;b&gt;\"", html);
            Assert.Contains("data-feed=\"products\" data-health=\"Ok\" data-submitted=\"60\" data-retry=\"10\" data-attention=\"20\" data-awaiting=\"5\"", html);
            Assert.Contains("<time datetime=\"2026-12-07T09:30:00.0000000+00:00\">2026-12-07 09:30 UTC</time>", html);
        }

        [Fact]
        public void ApiKeyIdsAreShownByTheirLastSixCharacters()
        {
            Assert.Equal("\u2026b7c9d2", ConnectorReportBuilder.MaskApiKey("0a1b2c3d4e5f60718293a4b5c6b7c9d2"));
            Assert.Equal("\u2026", ConnectorReportBuilder.MaskApiKey("short"));
            Assert.Equal("\u2026", ConnectorReportBuilder.MaskApiKey(null));
        }

        [Fact]
        public void WritesThePageWholeOverAnOlderOneAndRefusesAMissingFolder()
        {
            using (var temp = new TempFolder())
            {
                string path = temp.Combine("report.html");
                File.WriteAllText(path, "older report");
                ConnectorReportRenderer.Write(path, "<!DOCTYPE html><p>new</p>");

                Assert.Equal("<!DOCTYPE html><p>new</p>", File.ReadAllText(path));
                Assert.Equal(new[] { "report.html" }, Directory.GetFiles(temp.Path).Select(Path.GetFileName));
                var missing = Assert.Throws<ConnectorException>(() => ConnectorReportRenderer.Write(temp.Combine("nowhere", "report.html"), "x"));
                Assert.Equal(ErrorIds.ConnectorReportWriteFailed, missing.ErrorId);
                var folder = Assert.Throws<ConnectorException>(() => ConnectorReportRenderer.Write(temp.Path, "x"));
                Assert.Equal(ErrorIds.ConnectorReportWriteFailed, folder.ErrorId);
            }
        }

        private static ConnectorReport Report(params InstanceReport[] instances) =>
            new ConnectorReport("MAG123456789", "Luma", "AdobeCommerce", At, instances);

        private static InstanceReport Instance(string name, IReadOnlyList<ConfigCheck> checks, IReadOnlyList<DataExportStatus> feeds) =>
            new InstanceReport(new CommerceInstance { Name = name, Role = InstanceRole.Staging, MageId = "MAG123456789" }) { Checks = checks, Feeds = feeds };

        private static IReadOnlyList<ConfigCheck> Checks(params CheckVerdict[] verdicts) =>
            verdicts.Select((v, i) => new ConfigCheck("a", "Check" + i.ToString(CultureInfo.InvariantCulture), v, "Message " + i.ToString(CultureInfo.InvariantCulture), v == CheckVerdict.Failed ? "Fix it" : null)).ToList();

        private static IReadOnlyList<DataExportStatus> Feeds(params DataExportHealth[] healths)
        {
            string[] names = { "products", "prices", "categories", "variants", "productAttributes" };
            return healths.Select((h, i) => new DataExportStatus("a", DataExportFeed.Find(names[i]))
            {
                Health = h,
                Items = 95,
                Submitted = 60,
                FailedWillRetry = 10,
                FailedRequireAttention = 20,
                AwaitingSubmission = 5,
                Table = h == DataExportHealth.NotInstalled ? null : "cde_" + names[i] + "_feed",
            }).ToList();
        }

        /// <summary>The custom properties of the page's :root rule, by name without "--".</summary>
        private static Dictionary<string, string> Palette(string html)
        {
            var root = Regex.Match(html, @":root\{([^}]*)\}");
            Assert.True(root.Success, "the style sheet has a :root rule");
            return Regex.Matches(root.Groups[1].Value, @"--([\w-]+):(#[0-9a-fA-F]{6})").Cast<Match>()
                .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        }

        private static void AssertContrast(string foreground, string background, double minimum, string what)
        {
            double ratio = Contrast(foreground, background);
            Assert.True(ratio >= minimum, $"{what}: {foreground} on {background} is {ratio:0.00}:1, below {minimum}:1");
        }

        /// <summary>The WCAG 2.1 contrast ratio of two sRGB colours.</summary>
        private static double Contrast(string a, string b)
        {
            double la = Luminance(a), lb = Luminance(b);
            return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
        }

        private static double Luminance(string hex)
        {
            double Channel(int at)
            {
                double c = int.Parse(hex.Substring(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
                return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
            }
            return 0.2126 * Channel(1) + 0.7152 * Channel(3) + 0.0722 * Channel(5);
        }
    }
}
