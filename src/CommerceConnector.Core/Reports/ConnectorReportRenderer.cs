using System.Net;
using CommerceConnector.Core.DataExport;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Storage;

namespace CommerceConnector.Core.Reports
{
    /// <summary>
    /// Renders a <see cref="ConnectorReport"/> as one self-contained HTML page: its style sheet inline, no script, no
    /// font or image from anywhere (a Content-Security-Policy forbids any load), every value HTML-encoded. Readable at a
    /// phone's width and in print; states carried by a word and a symbol as well as a colour; colours that pass WCAG AA
    /// (text at least 4.5:1, bar segments at least 3:1 against white).
    /// </summary>
    public static class ConnectorReportRenderer
    {
        /// <summary>The page for <paramref name="report"/>.</summary>
        public static string Render(ConnectorReport report)
        {
            if (report == null)
            {
                throw new ArgumentNullException(nameof(report));
            }
            var html = new StringBuilder(16384);
            string account = string.IsNullOrEmpty(report.AccountName) ? report.MageId : report.AccountName;
            html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .Append("<meta name=\"generator\" content=\"CommerceConnector Export-ConnectorReport\">\n")
                .Append("<title>Commerce Services Connector report: ").Append(E(account)).Append("</title>\n")
                .Append("<style>").Append(ReportStyleSheet.Css).Append("\n</style>\n</head>\n<body>\n");

            html.Append("<header>\n<h1>Commerce Services Connector report</h1>\n<p class=\"account\">Account <strong>").Append(E(account))
                .Append("</strong> (MageID <code>").Append(E(report.MageId)).Append("</code>, ").Append(E(report.Edition))
                .Append(") &middot; ").Append(report.Instances.Count.ToString(CultureInfo.InvariantCulture)).Append(report.Instances.Count == 1 ? " instance" : " instances")
                .Append(" &middot; generated <time datetime=\"").Append(E(report.GeneratedAt.ToString("o", CultureInfo.InvariantCulture))).Append("\">")
                .Append(E(report.GeneratedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))).Append(" UTC</time></p>\n");
            html.Append("<ul class=\"totals\" aria-label=\"Instances by state\">\n");
            foreach (ReportState state in Enum.GetValues(typeof(ReportState)))
            {
                html.Append("<li class=\"").Append(state).Append("\" data-state=\"").Append(state).Append("\" data-count=\"").Append(report.Count(state).ToString(CultureInfo.InvariantCulture)).Append("\">")
                    .Append(Symbol(state)).Append(' ').Append(report.Count(state).ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Words(state)).Append("</li>\n");
            }
            html.Append("</ul>\n</header>\n");

            if (report.Instances.Count > 1)
            {
                html.Append("<nav aria-label=\"Instances\">\n<ol>\n");
                foreach (var instance in report.Instances)
                {
                    html.Append("<li><a href=\"#").Append(Anchor(instance.Name)).Append("\">").Append(E(instance.Name)).Append("</a> &middot; ")
                        .Append(Symbol(instance.State)).Append(' ').Append(Words(instance.State)).Append("</li>\n");
                }
                html.Append("</ol>\n</nav>\n");
            }

            html.Append("<main>\n");
            if (report.Instances.Count == 0)
            {
                html.Append("<p class=\"note\">No instance is registered under this account.</p>\n");
            }
            foreach (var instance in report.Instances)
            {
                Instance(html, instance);
            }
            html.Append("</main>\n<footer>\n<h2>How to read this page</h2>\n<ul class=\"legend\">\n")
                .Append("<li><span class=\"key\" style=\"background:var(--sent)\"></span>Submitted to service</li>\n")
                .Append("<li><span class=\"key seg retry\"></span>Failed, will retry</li>\n")
                .Append("<li><span class=\"key seg attention\"></span>Failed, require attention</li>\n")
                .Append("<li><span class=\"key seg awaiting\"></span>Awaiting submission</li>\n</ul>\n")
                .Append("<p>Instances that need attention come first. Counts follow the Admin's Data Feed Sync Status page and come from each store's own database; ")
                .Append("API keys are shown by the fingerprint of their public key only. No private key, password or API key id is on this page. ")
                .Append("Made by Export-ConnectorReport (CommerceConnector).</p>\n</footer>\n</body>\n</html>\n");
            return html.ToString();
        }

        /// <summary>
        /// Writes <paramref name="html"/> to <paramref name="path"/> atomically (a temporary file beside it, renamed into
        /// place): an interrupted write leaves the previous report, never half a page.
        /// </summary>
        public static void Write(string path, string html)
        {
            string full = Path.GetFullPath(path);
            string folder = Path.GetDirectoryName(full);
            if (!Directory.Exists(folder))
            {
                throw new ConnectorException(ErrorIds.ConnectorReportWriteFailed, ConnectorErrorCategory.WriteError, full,
                    $"The folder {folder} does not exist: create it, or give -Path a file in an existing folder.");
            }
            if (Directory.Exists(full))
            {
                throw new ConnectorException(ErrorIds.ConnectorReportWriteFailed, ConnectorErrorCategory.WriteError, full,
                    $"{full} is a folder: give -Path a file name, such as {Path.Combine(full, "connector-report.html")}.");
            }
            try
            {
                using (var temp = AtomicFile.WriteTemporary(full, new UTF8Encoding(false).GetBytes(html), null))
                {
                    temp.Commit(t =>
                    {
                        if (File.Exists(full))
                        {
                            File.Replace(t, full, null);
                        }
                        else
                        {
                            File.Move(t, full);
                        }
                    });
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new ConnectorException(ErrorIds.ConnectorReportWriteFailed, ConnectorErrorCategory.WriteError, full,
                    $"The report could not be written to {full} ({e.Message}): check that the folder is writable; any previous report there is unchanged.", e);
            }
        }

        private static void Instance(StringBuilder html, InstanceReport instance)
        {
            html.Append("<section class=\"instance state-").Append(instance.State).Append("\" id=\"").Append(Anchor(instance.Name))
                .Append("\" data-instance=\"").Append(E(instance.Name)).Append("\" data-state=\"").Append(instance.State).Append("\">\n")
                .Append("<h2><span class=\"badge\">").Append(Symbol(instance.State)).Append(' ').Append(Words(instance.State)).Append("</span> <span class=\"name\">")
                .Append(E(instance.Name)).Append("</span></h2>\n")
                .Append("<p class=\"summary\">").Append(E(instance.Summary)).Append("</p>\n");

            html.Append("<dl class=\"facts\">\n");
            Fact(html, "Role", E(instance.Role.ToString()));
            Fact(html, "Environment", instance.Environment == null ? Unset() : E(instance.Environment));
            Fact(html, "SaaS project", Named(instance.ProjectName, instance.ProjectId));
            Fact(html, "Data space", Named(instance.DataSpaceName, instance.DataSpaceId) + (string.IsNullOrEmpty(instance.DataSpaceType) ? string.Empty : " (" + E(instance.DataSpaceType) + ")"));
            html.Append("</dl>\n");

            html.Append("<h3>API keys</h3>\n");
            if (instance.Keys.Count == 0)
            {
                html.Append("<p class=\"note\">No API key is configured.</p>\n");
            }
            else
            {
                html.Append("<table class=\"keys\">\n<thead><tr><th scope=\"col\">Environment</th><th scope=\"col\">Name</th><th scope=\"col\">Key fingerprint (SHA-256)</th><th scope=\"col\">State</th></tr></thead>\n<tbody>\n");
                foreach (var key in instance.Keys)
                {
                    html.Append("<tr data-environment=\"").Append(key.Environment).Append("\"><td data-label=\"Environment\">").Append(key.Environment)
                        .Append(key.Selected ? " (in use)" : string.Empty).Append("</td><td data-label=\"Name\">").Append(key.Name == null ? Unset() : E(key.Name))
                        .Append("</td><td data-label=\"Fingerprint\"><code>").Append(key.Fingerprint == null ? "(none)" : E(key.Fingerprint))
                        .Append("</code></td><td data-label=\"State\">").Append(KeyState(key.State)).Append("</td></tr>\n");
                }
                html.Append("</tbody>\n</table>\n");
            }

            html.Append("<h3>Checks</h3>\n");
            var problems = instance.Checks.Where(c => c.Verdict != CheckVerdict.Passed).OrderBy(c => c.Verdict == CheckVerdict.Failed ? 0 : 1).ToList();
            var passed = instance.Checks.Where(c => c.Verdict == CheckVerdict.Passed).ToList();
            if (problems.Count > 0)
            {
                html.Append("<ul class=\"checks\">\n");
                foreach (var check in problems)
                {
                    Check(html, check);
                }
                html.Append("</ul>\n");
            }
            if (passed.Count > 0)
            {
                // Passed checks are folded (a details element needs no script): what went wrong stays in view.
                html.Append("<details class=\"passed\"><summary><span class=\"verdict Passed\">&#x2714; ").Append(passed.Count.ToString(CultureInfo.InvariantCulture))
                    .Append(passed.Count == 1 ? " check passed" : " checks passed").Append("</span></summary>\n<ul class=\"checks\">\n");
                foreach (var check in passed)
                {
                    Check(html, check);
                }
                html.Append("</ul>\n</details>\n");
            }

            html.Append("<h3>Data export feeds</h3>\n");
            if (instance.DatabaseNote != null)
            {
                html.Append("<p class=\"note database\">").Append(E(instance.DatabaseNote)).Append("</p>\n");
            }
            if (instance.Feeds.Count > 0)
            {
                html.Append("<ul class=\"feeds\">\n");
                foreach (var feed in instance.Feeds.OrderBy(f => FeedOrder(f.Health)))
                {
                    Feed(html, feed);
                }
                html.Append("</ul>\n");
            }
            if (instance.NewestErrors.Count > 0)
            {
                html.Append("<h3>Newest errors</h3>\n<table class=\"errors\">\n<thead><tr><th scope=\"col\">Modified</th><th scope=\"col\">Feed</th><th scope=\"col\">Item</th><th scope=\"col\">Status</th><th scope=\"col\">Error</th></tr></thead>\n<tbody>\n");
                foreach (var error in instance.NewestErrors)
                {
                    html.Append("<tr><td data-label=\"Modified\">").Append(error.ModifiedAt == null ? Unset() : E(error.ModifiedAt.Value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)))
                        .Append("</td><td data-label=\"Feed\">").Append(E(error.Feed)).Append("</td><td data-label=\"Item\"><code>").Append(E(error.SourceEntityId))
                        .Append("</code></td><td data-label=\"Status\">").Append(E(error.StatusLabel)).Append("</td><td data-label=\"Error\">")
                        .Append(error.Error == null ? Unset() : E(error.Error)).Append("</td></tr>\n");
                }
                html.Append("</tbody>\n</table>\n");
            }
            html.Append("</section>\n");
        }

        private static void Check(StringBuilder html, Instances.ConfigCheck check)
        {
            html.Append("<li class=\"check\" data-check=\"").Append(E(check.Name)).Append("\" data-verdict=\"").Append(check.Verdict).Append("\">")
                .Append("<span class=\"verdict ").Append(check.Verdict).Append("\">").Append(Verdict(check.Verdict)).Append("</span> <strong>")
                .Append(E(check.Name)).Append("</strong>");
            if (!string.IsNullOrEmpty(check.Message))
            {
                html.Append("<p>").Append(E(check.Message)).Append("</p>");
            }
            if (!string.IsNullOrEmpty(check.Fix))
            {
                html.Append("<p class=\"fix\">Fix: <code>").Append(E(check.Fix)).Append("</code></p>");
            }
            html.Append("</li>\n");
        }

        private static void Feed(StringBuilder html, DataExportStatus feed)
        {
            long submitted = feed.Submitted;
            long retry = feed.FailedWillRetry ?? 0;
            long attention = feed.FailedRequireAttention ?? 0;
            long awaiting = feed.AwaitingSubmission ?? 0;
            long total = submitted + retry + attention + awaiting;
            html.Append("<li class=\"feed\" data-feed=\"").Append(E(feed.Feed)).Append("\" data-health=\"").Append(feed.Health)
                .Append("\" data-submitted=\"").Append(R(submitted)).Append("\" data-retry=\"").Append(R(retry))
                .Append("\" data-attention=\"").Append(R(attention)).Append("\" data-awaiting=\"").Append(R(awaiting)).Append("\">")
                .Append("<div class=\"feed-head\"><strong>").Append(E(feed.Feed)).Append("</strong><span class=\"health ").Append(feed.Health).Append("\">")
                .Append(HealthWords(feed.Health)).Append("</span></div>");
            if (feed.Health == DataExportHealth.NotInstalled)
            {
                html.Append("<p class=\"counts note\">No feed table: the feed's module is not installed.</p></li>\n");
                return;
            }
            string label = $"{feed.Feed}: {N(submitted)} submitted, {N(retry)} will retry, {N(attention)} need attention, {N(awaiting)} awaiting submission";
            html.Append("<div class=\"bar\" role=\"img\" aria-label=\"").Append(E(label)).Append("\">");
            Segment(html, "submitted", submitted, total);
            Segment(html, "retry", retry, total);
            Segment(html, "attention", attention, total);
            Segment(html, "awaiting", awaiting, total);
            html.Append("</div><p class=\"counts\"><span>").Append(N(submitted)).Append(" submitted</span> &middot; <span>")
                .Append(feed.Kind == DataExportKind.Legacy ? "&ndash;" : N(retry)).Append(" will retry</span> &middot; <span>")
                .Append(feed.Kind == DataExportKind.Legacy ? "&ndash;" : N(attention)).Append(" need attention</span> &middot; <span>")
                .Append(feed.AwaitingSubmission == null ? "&ndash;" : N(awaiting)).Append(" awaiting</span>");
            if (feed.LockedBy != null)
            {
                html.Append(" &middot; <span>locked by <code>").Append(E(feed.LockedBy)).Append("</code></span>");
            }
            html.Append("</p></li>\n");
        }

        private static void Segment(StringBuilder html, string kind, long count, long total)
        {
            if (count <= 0 || total <= 0)
            {
                return;
            }
            // At least a sliver, so that a handful of failures among millions still shows.
            double percent = Math.Max(0.75, count * 100.0 / total);
            html.Append("<span class=\"seg ").Append(kind).Append("\" style=\"width:").Append(percent.ToString("0.###", CultureInfo.InvariantCulture)).Append("%\"></span>");
        }

        private static void Fact(StringBuilder html, string term, string value) =>
            html.Append("<dt>").Append(term).Append("</dt><dd>").Append(value).Append("</dd>\n");

        private static string Named(string? name, string? id)
        {
            if (string.IsNullOrEmpty(name) && string.IsNullOrEmpty(id))
            {
                return Unset();
            }
            return (string.IsNullOrEmpty(name) ? string.Empty : E(name) + " ") + (string.IsNullOrEmpty(id) ? string.Empty : "<code>" + E(id) + "</code>");
        }

        private static string Unset() => "<span class=\"note\">(not set)</span>";

        private static string KeyState(string state) =>
            state == "Active" ? "&#x2714; Active" : state == "Revoked" ? "&#x2716; Revoked" : "&#x25B2; " + E(state);

        private static int FeedOrder(DataExportHealth health)
        {
            switch (health)
            {
                case DataExportHealth.NeedsAttention: return 0;
                case DataExportHealth.Retrying: return 1;
                case DataExportHealth.Backlog: return 2;
                case DataExportHealth.Ok: return 3;
                default: return 4;
            }
        }

        private static string Symbol(ReportState state) =>
            state == ReportState.NeedsAttention ? "&#x2716;" : state == ReportState.Warning ? "&#x25B2;" : "&#x2714;";

        private static string Words(ReportState state) =>
            state == ReportState.NeedsAttention ? "Needs attention" : state == ReportState.Warning ? "Warning" : "OK";

        private static string Verdict(CheckVerdict verdict) =>
            verdict == CheckVerdict.Failed ? "&#x2716; Failed" : verdict == CheckVerdict.Skipped ? "&#x2013; Skipped" : "&#x2714; Passed";

        private static string HealthWords(DataExportHealth health)
        {
            switch (health)
            {
                case DataExportHealth.NeedsAttention: return "&#x2716; Needs attention";
                case DataExportHealth.Retrying: return "&#x25B2; Retrying";
                case DataExportHealth.Backlog: return "&#x25B2; Backlog";
                case DataExportHealth.NotInstalled: return "&#x2013; Not installed";
                default: return "&#x2714; Ok";
            }
        }

        private static string Anchor(string name) =>
            "instance-" + new string((name ?? string.Empty).ToLowerInvariant().Select(c => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ? c : '-').ToArray());

        private static string R(long value) => value.ToString(CultureInfo.InvariantCulture);

        private static string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

        private static string E(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);
    }
}
