using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CommerceConnector.Core.DataExport
{
    /// <summary>
    /// Reads the data export logs of a Magento root (var/log/commerce-data-export*.log, saas-export*.log): Monolog lines
    /// "[time] channel.LEVEL: message context extra", the message JSON ({"feed","operation","status","elapsed",...}) or
    /// text ("Export error. API request was not successful." with its context). Lines it cannot parse are kept as raw
    /// text and counted, never dropped.
    /// </summary>
    public sealed class DataExportLog
    {
        private static readonly Regex LinePattern = new Regex(@"^\[(?<time>[^\]]+)\]\s+(?<channel>[^\s:]+)\.(?<level>[A-Z]+):\s?(?<rest>.*)$", RegexOptions.CultureInvariant);
        private static readonly Regex ErrorCodePattern = new Regex(@"\bCDE\d+-\d+\b", RegexOptions.CultureInvariant);
        private static readonly string[] ErrorLevels = { "ERROR", "CRITICAL", "ALERT", "EMERGENCY" };

        private DataExportLog(IReadOnlyList<DataExportLogEntry> entries, int unparsed) =>
            (Entries, UnparsedLines) = (entries, unparsed);

        public IReadOnlyList<DataExportLogEntry> Entries { get; }

        /// <summary>Lines kept as raw text because they are not Monolog lines.</summary>
        public int UnparsedLines { get; }

        /// <summary>The log files of a Magento root, in name order.</summary>
        public static IReadOnlyList<string> Files(string root)
        {
            string folder = Path.Combine(root, "var", "log");
            if (!Directory.Exists(folder))
            {
                return Array.Empty<string>();
            }
            return Directory.GetFiles(folder, "commerce-data-export*.log").Concat(Directory.GetFiles(folder, "saas-export*.log"))
                .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal).ToList();
        }

        /// <summary>
        /// The entries of the root's logs that match: feeds by wildcard (none: all), at or after <paramref name="since"/>,
        /// errors only. A raw line goes with the entry before it.
        /// </summary>
        public static DataExportLog Read(string root, string instance, IReadOnlyList<string>? feedPatterns, DateTimeOffset? since, bool errorsOnly)
        {
            var matchers = (feedPatterns ?? Array.Empty<string>()).Select(Text.Wildcard.Matcher).ToList();
            var entries = new List<DataExportLogEntry>();
            int unparsed = 0;
            foreach (string file in Files(root))
            {
                bool errorFile = Path.GetFileNameWithoutExtension(file).EndsWith("-errors", StringComparison.OrdinalIgnoreCase);
                bool keepPrevious = false;
                int number = 0;
                foreach (string line in ReadLines(file))
                {
                    number++;
                    if (line.Length == 0)
                    {
                        continue;
                    }
                    var entry = Parse(line);
                    entry.Instance = instance;
                    entry.File = Path.GetFileName(file);
                    entry.Line = number;
                    entry.IsError = errorFile || (entry.Level != null && ErrorLevels.Contains(entry.Level));
                    if (!entry.Parsed)
                    {
                        unparsed++;
                        if (keepPrevious)
                        {
                            entries.Add(entry);
                        }
                        continue;
                    }
                    keepPrevious = (since == null || entry.Time >= since)
                        && (!errorsOnly || entry.IsError)
                        && (matchers.Count == 0 || (entry.Feed != null && matchers.Any(m => m(entry.Feed))));
                    if (keepPrevious)
                    {
                        entries.Add(entry);
                    }
                }
            }
            return new DataExportLog(entries, unparsed);
        }

        private static IEnumerable<string> ReadLines(string file)
        {
            // Magento keeps writing while we read: share the file.
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var reader = new StreamReader(stream))
            {
                string line;
                while ((line = reader.ReadLine()) != null)
                {
                    yield return line;
                }
            }
        }

        /// <summary>One line as an entry; Parsed is false when it is not a Monolog line.</summary>
        internal static DataExportLogEntry Parse(string line)
        {
            var entry = new DataExportLogEntry { Raw = line };
            var match = LinePattern.Match(line);
            if (!match.Success || !DateTimeOffset.TryParse(match.Groups["time"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                entry.Message = line;
                return entry;
            }
            entry.Parsed = true;
            entry.Time = time;
            entry.Channel = match.Groups["channel"].Value;
            entry.Level = match.Groups["level"].Value;
            string rest = match.Groups["rest"].Value;
            var (message, json) = SplitMessage(rest);
            entry.Message = message;
            foreach (var obj in json)
            {
                entry.Feed = entry.Feed ?? Field(obj, "feed");
                entry.Operation = entry.Operation ?? Field(obj, "operation");
                entry.Status = entry.Status ?? Field(obj, "status");
                entry.Elapsed = entry.Elapsed ?? Field(obj, "elapsed");
                entry.RequestId = entry.RequestId ?? Field(obj, "requestid");
                entry.StatusCode = entry.StatusCode ?? Field(obj, "statuscode");
            }
            var code = ErrorCodePattern.Match(rest);
            entry.ErrorCode = code.Success ? code.Value : null;
            return entry;
        }

        /// <summary>The message and the JSON objects in the line (the message itself when it is JSON, then the context).</summary>
        private static (string Message, List<JObject> Json) SplitMessage(string rest)
        {
            var objects = new List<JObject>();
            if (rest.StartsWith("{", StringComparison.Ordinal) && TryReadObject(rest, 0, out var messageObject, out int end))
            {
                objects.Add(messageObject);
                AddObjectsFrom(rest, end, objects);
                return (rest, objects);
            }
            for (int i = rest.IndexOf(" {", StringComparison.Ordinal); i >= 0; i = rest.IndexOf(" {", i + 1, StringComparison.Ordinal))
            {
                if (TryReadObject(rest, i + 1, out var context, out _))
                {
                    objects.Add(context);
                    return (rest.Substring(0, i).Trim(), objects);
                }
            }
            return (TrimEmptyContext(rest), objects);
        }

        private static void AddObjectsFrom(string text, int start, List<JObject> objects)
        {
            for (int i = text.IndexOf('{', Math.Min(start, text.Length)); i >= 0 && i < text.Length; i = text.IndexOf('{', i + 1))
            {
                if (TryReadObject(text, i, out var found, out int end))
                {
                    objects.Add(found);
                    i = end - 1;
                }
            }
        }

        private static string TrimEmptyContext(string rest) => Regex.Replace(rest, @"(\s+\[\])+\s*$", string.Empty);

        private static bool TryReadObject(string text, int start, [NotNullWhen(true)] out JObject? value, out int end)
        {
            value = null;
            end = start;
            try
            {
                using (var reader = new JsonTextReader(new StringReader(text.Substring(start))) { DateParseHandling = DateParseHandling.None })
                {
                    value = JObject.Load(reader);
                    end = start + reader.LinePosition;
                    return true;
                }
            }
            catch (JsonException)
            {
                return false;
            }
        }

        /// <summary>A property by its name, ignoring case, '-', '_' and spaces (request_id, X-Request-Id, requestId).</summary>
        private static string? Field(JObject obj, string name)
        {
            foreach (var property in obj.Properties())
            {
                string key = property.Name.Replace("-", string.Empty).Replace("_", string.Empty).Replace(" ", string.Empty);
                if ((key.Equals(name, StringComparison.OrdinalIgnoreCase) || (name == "requestid" && key.EndsWith(name, StringComparison.OrdinalIgnoreCase)))
                    && property.Value.Type != JTokenType.Object && property.Value.Type != JTokenType.Array && property.Value.Type != JTokenType.Null)
                {
                    return property.Value.ToString(Formatting.None).Trim('"');
                }
            }
            return null;
        }
    }
}
