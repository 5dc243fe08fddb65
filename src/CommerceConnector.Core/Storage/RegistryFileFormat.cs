using CommerceConnector.Core.Storage.Records;
using Newtonsoft.Json;

namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// registry.json's text and a <see cref="RegistryDocument"/>, converted through the storage records with the file
    /// store's serializer settings: for measuring the serializer on its own (bench) without restating the schema. The
    /// file store itself adds locking, validation, migration and atomic replacement around the same conversion.
    /// </summary>
    public static class RegistryFileFormat
    {
        private static readonly JsonSerializer Serializer = JsonSerializer.Create(FileRegistryStore.SerializerSettings);

        /// <summary>The document a registry.json text holds (not validated, not migrated).</summary>
        public static RegistryDocument? Read(TextReader text)
        {
            using (var reader = new JsonTextReader(text))
            {
                return Serializer.Deserialize<RegistryFile>(reader)?.ToDocument();
            }
        }

        /// <summary>Writes <paramref name="document"/> as the file store writes registry.json.</summary>
        public static void Write(RegistryDocument document, TextWriter text) => Serializer.Serialize(text, document.ToFile());
    }
}
