using System.Collections;
using CommerceConnector.Core.Storage.Records;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// Writes a <see cref="RegistryFile"/> exactly as Newtonsoft.Json's indented serialization of it reads, while reusing
    /// the text of every record that is the same as the record at the same place in the file written before: a change
    /// to one instance of 1,000 serializes one record, not 2,000 (at 1,000 instances about 3 ms of a command's CPU).
    /// </summary>
    /// <remarks>
    /// Newtonsoft still writes all of it: the document's frame (its properties in the contract's order, names,
    /// <c>ShouldSerialize</c> rules and commas) through a <see cref="JsonTextWriter"/> driven from the contract, and each
    /// record's text by serializing the record alone and indenting it to its depth; a kept text goes in through
    /// <see cref="JsonWriter.WriteRawValue(string)"/>. The landed registry fixtures are written back byte for byte, and a
    /// test compares the output with a plain serialization of documents changed in many ways.
    /// </remarks>
    internal sealed class RegistryFileText
    {
        /// <summary>How far a record stands in: a top-level list's elements are at depth 2.</summary>
        private const string RecordIndent = "    ";

        /// <summary>How many records this thread serialized (tests tell a kept text from a new one by it).</summary>
        [ThreadStatic]
        internal static int SerializedOnThisThread;

        private readonly Dictionary<string, string?[]> _texts;

        private RegistryFileText(Dictionary<string, string?[]> texts)
        {
            _texts = texts;
        }

        /// <summary>
        /// Writes <paramref name="file"/> to <paramref name="writer"/>; <paramref name="previous"/> is the file written
        /// before with its texts (<paramref name="previousText"/>), whose unchanged records are not serialized again.
        /// </summary>
        public static RegistryFileText Write(TextWriter writer, JsonSerializer serializer, RegistryFile file, RegistryFile? previous, RegistryFileText? previousText)
        {
            var contract = (JsonObjectContract)serializer.ContractResolver.ResolveContract(typeof(RegistryFile));
            var texts = new Dictionary<string, string?[]>(StringComparer.Ordinal);
            var json = new JsonTextWriter(writer) { Formatting = serializer.Formatting, CloseOutput = false };
            json.WriteStartObject();
            foreach (JsonProperty property in contract.Properties.Where(p => !p.Ignored && p.Readable).OrderBy(p => p.Order ?? -1))
            {
                if (property.ShouldSerialize != null && !property.ShouldSerialize(file))
                {
                    continue;
                }
                object? value = property.ValueProvider!.GetValue(file);
                if (value == null && (property.NullValueHandling ?? serializer.NullValueHandling) == NullValueHandling.Ignore)
                {
                    continue;
                }
                json.WritePropertyName(property.PropertyName!);
                if (value is IList list && property.PropertyType!.IsGenericType)
                {
                    IList? before = previous == null ? null : (IList?)property.ValueProvider.GetValue(previous);
                    string?[]? known = null;
                    previousText?._texts.TryGetValue(property.PropertyName!, out known);
                    texts[property.PropertyName!] = WriteList(json, serializer, writer.NewLine, list, before, known);
                }
                else if (property.Converter != null)
                {
                    property.Converter.WriteJson(json, value, serializer);
                }
                else
                {
                    serializer.Serialize(json, value);
                }
            }
            json.WriteEndObject();
            json.Flush();
            return new RegistryFileText(texts);
        }

        private static string?[] WriteList(JsonWriter json, JsonSerializer serializer, string newLine, IList items, IList? before, string?[]? known)
        {
            var texts = new string?[items.Count];
            json.WriteStartArray();
            for (int i = 0; i < items.Count; i++)
            {
                object? item = items[i];
                if (item == null)
                {
                    json.WriteNull();
                    continue;
                }
                string? text = known != null && before != null && i < before.Count && i < known.Length && known[i] != null && RecordComparer.Equal(before[i], item)
                    ? known[i]
                    : Serialize(serializer, newLine, item);
                json.WriteRawValue(text);
                texts[i] = text;
            }
            json.WriteEndArray();
            return texts;
        }

        /// <summary>One record's text as it stands inside the document: serialized alone, every line after the first indented to depth 2.</summary>
        private static string Serialize(JsonSerializer serializer, string newLine, object record)
        {
            SerializedOnThisThread++;
            using (var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = newLine })
            {
                serializer.Serialize(text, record);
                return text.ToString().Replace(newLine, newLine + RecordIndent);
            }
        }
    }
}
