namespace CommerceConnector.Core.Php
{
    internal static class PhpErrors
    {
        public static ConnectorException Unsupported(string? path, int line, string why) =>
            new ConnectorException(ErrorIds.PhpSyntaxUnsupported, ConnectorErrorCategory.InvalidData, path,
                $"{(path ?? "The PHP file")} line {line}: {why}, which CommerceConnector does not edit safely. Nothing was changed. " +
                "Set the value with 'bin/magento config:set --lock-env' instead, or simplify that part of the file.");
    }
}
