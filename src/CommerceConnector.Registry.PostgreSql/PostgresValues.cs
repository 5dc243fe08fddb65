using Newtonsoft.Json;
using Newtonsoft.Json.Converters;

namespace CommerceConnector.Registry.PostgreSql
{
    /// <summary>
    /// Conversions between registry objects and PostgreSQL values shared by <see cref="PostgresRowReader"/> and
    /// <see cref="PostgresRowWriter"/>: the JSON settings of jsonb columns, UTC timestamps, folded Mage IDs, nullable
    /// columns and enum names (an unknown name is a RegistryCorrupt error).
    /// </summary>
    internal static class PostgresValues
    {
        internal static readonly JsonSerializerSettings JsonSettings = new JsonSerializerSettings
        {
            Converters = { new StringEnumConverter() },
            DateTimeZoneHandling = DateTimeZoneHandling.Utc,
            DateParseHandling = DateParseHandling.DateTimeOffset,
            NullValueHandling = NullValueHandling.Ignore,
        };

        internal sealed class JsonbValue
        {
            public JsonbValue(string text)
            {
                Text = text;
            }

            public string Text { get; }
        }

        internal static JsonbValue Jsonb(object value) => new JsonbValue(JsonConvert.SerializeObject(value, JsonSettings));

        internal static object Utc(DateTimeOffset value) => value.ToUniversalTime();

        internal static object? Utc(DateTimeOffset? value) => value.HasValue ? (object)value.Value.ToUniversalTime() : null;

        internal static string Fold(string? mageId) => (mageId ?? string.Empty).Trim().ToUpperInvariant();

        internal static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

        internal static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(ordinal);

        internal static TEnum Parse<TEnum>(string value) where TEnum : struct =>
            Enum.TryParse(value, ignoreCase: false, out TEnum parsed) ? parsed
                : throw new ConnectorException(ErrorIds.RegistryCorrupt, ConnectorErrorCategory.InvalidData, value,
                    $"The registry database holds '{value}', which is not a {typeof(TEnum).Name} this version knows. Update the CommerceConnector module.");
    }
}
