// netstandard2.0 has no nullable-analysis attributes; the compiler honours these by their names (.NET declares the same).
namespace System.Diagnostics.CodeAnalysis
{
    /// <summary>The return value is not null when the named parameter is not null.</summary>
    [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.ReturnValue, AllowMultiple = true, Inherited = false)]
    internal sealed class NotNullIfNotNullAttribute : Attribute
    {
        public NotNullIfNotNullAttribute(string parameterName) => ParameterName = parameterName;

        public string ParameterName { get; }
    }
}
