namespace Newtonsoft.Json
{
    /// <summary>Marks this assembly as the stand-in older Newtonsoft.Json.</summary>
    public static class OlderJsonMarker
    {
        public const string Description = "stand-in Newtonsoft.Json 12.0.0.0";
    }
}
