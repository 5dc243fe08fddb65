using System;
using System.Globalization;
using System.Text;

namespace CommerceConnector.Bench
{
    /// <summary>Renders the keys suite as markdown.</summary>
    internal static class KeysReport
    {
        private const string NotAvailable = "n/a";

        public static string Render(KeysResult result, MachineInfo machine, string configuration, DateTimeOffset startedAt, TimeSpan duration)
        {
            KeysPlan plan = result.Plan;
            bool compared = result.OpenSslPath != null;
            string seconds = plan.Seconds.ToString(CultureInfo.InvariantCulture);
            var text = new StringBuilder();
            text.AppendLine($"API key and JWT benchmark, {startedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, " +
                            $"{plan.Name} run ({configuration} build), {duration.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s in all.");
            text.AppendLine();
            text.AppendLine($"- Machine: {machine.LogicalProcessors} logical processors, {machine.CpuModel}");
            text.AppendLine($"- Runtime: {machine.Runtime} on {machine.OperatingSystem}; .NET's RSA runs on {result.DotNetCrypto}");
            text.AppendLine(compared
                ? $"- openssl program: `{result.OpenSslPath}`, {result.OpenSslVersion}"
                : "- openssl program: none found (PATH or --openssl), so Core is measured alone and there are no ratios.");
            text.AppendLine($"- Key generation: {plan.KeygenRounds} timed rounds after {plan.KeygenWarmUp} untimed one(s); each round generates one key with Core" +
                            (compared ? ", then one with `openssl genpkey`, then runs `openssl version`" : string.Empty) +
                            ". Median and p95 (nearest rank) in milliseconds. " +
                            $"Every key was read back with PrivateKeyText.ReadStrict (clean PKCS#8 PEM, {KeysResult.Bits} bits); all {result.KeysChecked} keys were distinct.");
            text.AppendLine($"- Sign and verify: one thread, one {seconds} s loop per row after {plan.WarmUpSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s untimed warm-up, " +
                            "on one 2048-bit key generated the Core way and imported from its PEM" +
                            (compared ? $"; `openssl speed -seconds {seconds} rsa{KeysResult.Bits}` in the same run" : string.Empty) + ". " +
                            $"All {result.TokensChecked:N0} signed tokens were verified untimed (API key, 300 s lifetime, distinct ids); " +
                            "the timed verify loop verifies those same tokens in turn. Before timing, tampered, foreign-key and expired tokens were refused with JwtInvalid.");
            text.AppendLine();

            text.AppendLine($"| Key generation, {KeysResult.Bits} bits | Repeats | Median (ms) | p95 (ms) |");
            text.AppendLine("|---|---:|---:|---:|");
            AppendRow(text, result.CoreKeygen);
            AppendRow(text, result.CoreEncoding);
            if (compared)
            {
                AppendRow(text, result.OpenSslGenpkey);
                AppendRow(text, result.OpenSslStartUp);
                text.AppendLine($"| openssl genpkey minus start-up (difference of the two medians) | | {Ms(KeygenWithoutStartUp(result))} | |");
            }
            text.AppendLine();

            if (compared)
            {
                double core = result.CoreKeygen.Median;
                double raw = result.OpenSslGenpkey.Median;
                double net = KeygenWithoutStartUp(result);
                text.AppendLine("| Key generation, Core / openssl (time; above 1: Core slower) | Medians (ms) | Ratio |");
                text.AppendLine("|---|---:|---:|");
                text.AppendLine($"| raw: Core / openssl genpkey | {Report.Ms(core)} / {Report.Ms(raw)} | {Ratio(core, raw)} |");
                text.AppendLine($"| start-up subtracted: Core / (openssl genpkey - openssl version) | {Report.Ms(core)} / {Ms(net)} | {Ratio(core, net)} |");
                text.AppendLine();
            }

            text.AppendLine($"| Sign and verify, {KeysResult.Bits}-bit key, one thread | Operations | Seconds | Per second | µs each | Per second, Core / openssl speed |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|");
            AppendThroughput(text, result.JwtSign, result.OpenSslSignPerSecond);
            AppendThroughput(text, result.RsaSign, result.OpenSslSignPerSecond);
            if (result.OpenSslSignPerSecond.HasValue)
            {
                AppendOpenSsl(text, "sign/s", result.OpenSslSignPerSecond.Value, seconds);
            }
            AppendThroughput(text, result.JwtVerify, result.OpenSslVerifyPerSecond);
            AppendThroughput(text, result.RsaVerify, result.OpenSslVerifyPerSecond);
            if (result.OpenSslVerifyPerSecond.HasValue)
            {
                AppendOpenSsl(text, "verify/s", result.OpenSslVerifyPerSecond.Value, seconds);
            }
            text.AppendLine();
            text.AppendLine("A JWT sign or verify includes building or parsing the JSON claims and the base64url work on top of the RSA operation " +
                            "(the \".NET alone\" rows, which still hash the input with SHA-256)" +
                            (compared ? "; `openssl speed` times the bare RSA private-key (sign) and public-key (verify) operation on a short fixed input, without hashing." : "."));
            return text.ToString();
        }

        /// <summary>openssl genpkey's median wall time minus openssl version's: the key generation without process start-up (approximate).</summary>
        private static double KeygenWithoutStartUp(KeysResult result) => result.OpenSslGenpkey.Median - result.OpenSslStartUp.Median;

        private static void AppendRow(StringBuilder text, Sample sample) =>
            text.AppendLine($"| {sample.Operation} | {sample.Repeats.ToString(CultureInfo.InvariantCulture)} | {Report.Ms(sample.Median)} | {Report.Ms(sample.P95)} |");

        private static void AppendThroughput(StringBuilder text, Throughput throughput, double? openSslPerSecond)
        {
            string ratio = openSslPerSecond.HasValue ? Ratio(throughput.PerSecond, openSslPerSecond.Value) : NotAvailable;
            text.AppendLine($"| {throughput.Operation} | {throughput.Count.ToString("N0", CultureInfo.InvariantCulture)} | " +
                            $"{throughput.Seconds.ToString("F2", CultureInfo.InvariantCulture)} | {PerSecond(throughput.PerSecond)} | " +
                            $"{throughput.MicrosecondsEach.ToString("F1", CultureInfo.InvariantCulture)} | {ratio} |");
        }

        private static void AppendOpenSsl(StringBuilder text, string column, double perSecond, string seconds) =>
            text.AppendLine($"| openssl speed rsa{KeysResult.Bits}: {column} | | {seconds} | {PerSecond(perSecond)} | " +
                            $"{(1e6 / perSecond).ToString("F1", CultureInfo.InvariantCulture)} | 1 |");

        private static string PerSecond(double value) =>
            value.ToString(value >= 100 ? "N0" : "F1", CultureInfo.InvariantCulture);

        private static string Ms(double value) => value > 0 ? Report.Ms(value) : NotAvailable;

        private static string Ratio(double numerator, double denominator) =>
            denominator > 0 ? (numerator / denominator).ToString("F2", CultureInfo.InvariantCulture) : NotAvailable;
    }
}
