namespace CommerceConnector.Core.Php
{
    public enum PhpValueKind
    {
        String,
        Integer,
        Float,
        Boolean,
        Null,
        Array,

        /// <summary>An expression PHP evaluates at run time: a call such as getenv('X'), a constant, a concatenation.</summary>
        Expression,
    }
}
