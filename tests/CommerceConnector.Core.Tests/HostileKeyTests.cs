using System.Security.Cryptography;
using System.Text;

namespace CommerceConnector.Core.Tests
{
    /// <summary>
    /// Private key text as a hostile world sends it: dash runs, megabytes of one character, random bytes, mutations of a
    /// real key. Every answer is a module error id or the right key, and none takes long (a generous bound guards
    /// against hangs; no timing is asserted).
    /// </summary>
    public sealed class HostileKeyTests
    {
        private const int OneMiB = 1024 * 1024;

        private static readonly string[] KeyErrorIds =
        {
            ErrorIds.PrivateKeyEmpty, ErrorIds.PrivateKeyNotPem, ErrorIds.PrivateKeyIsPublicKey, ErrorIds.PrivateKeyIsCertificate,
            ErrorIds.PrivateKeyEncrypted, ErrorIds.PrivateKeyNotRsa, ErrorIds.PrivateKeyDamaged, ErrorIds.PrivateKeyNeedsRepair,
        };

        /// <summary>Runs <paramref name="action"/> and fails if it has not finished within a generous hang bound.</summary>
        internal static T WithinHangBound<T>(string what, Func<T> action, int seconds = 10)
        {
            var task = Task.Run(action);
            if (!task.Wait(TimeSpan.FromSeconds(seconds)))
            {
                throw new Xunit.Sdk.XunitException($"{what} did not finish within {seconds} s: a parser is not linear in its input.");
            }
            return task.Result;
        }

        /// <summary>What reading <paramref name="text"/> gives: "key:&lt;fingerprint&gt;" or "error:&lt;id&gt;".</summary>
        private static string Outcome(string what, string text, Func<string, PrivateKeyReading> read) =>
            WithinHangBound(what, () =>
            {
                try
                {
                    return "key:" + read(text).Fingerprint;
                }
                catch (ConnectorException e)
                {
                    Assert.Contains(e.ErrorId, KeyErrorIds);
                    return "error:" + e.ErrorId;
                }
            });

        public static IEnumerable<object[]> DashRuns() => new[]
        {
            new object[] { "only dashes", new string('-', OneMiB - 16) },
            new object[] { "dashes then BEGIN", new string('-', 256 * 1024) + "BEGIN PRIVATE KEY" },
            new object[] { "BEGIN line then dashes", "-----BEGIN PRIVATE KEY-----\n" + new string('-', 256 * 1024) },
            new object[] { "dashes and spaces", string.Concat(Enumerable.Repeat("- ", 256 * 1024)) },
            new object[] { "BEGIN words", string.Concat(Enumerable.Repeat("-BEGIN ", 128 * 1024)) },
            new object[] { "END words after BEGIN", "-----BEGIN PRIVATE KEY-----\n" + string.Concat(Enumerable.Repeat("-END ", 128 * 1024)) },
            new object[] { "quotes", new string('"', OneMiB - 16) },
            new object[] { "alternating quotes", string.Concat(Enumerable.Repeat("'\"", OneMiB / 2 - 8)) },
            new object[] { "label whitespace", "-----BEGIN RSA" + new string('\t', 256 * 1024) + "X" },
        };

        [Theory]
        [MemberData(nameof(DashRuns))]
        public void ALongRunOfDashesOrQuotesIsAnsweredPromptlyWithAModuleError(string shape, string text)
        {
            string outcome = Outcome(shape, text, PrivateKeyText.Repair);
            Assert.StartsWith("error:", outcome);
            Assert.StartsWith("error:", Outcome(shape, text, PrivateKeyText.ReadStrict));
        }

        [Fact]
        public void AKeyWithHugeNumbersIsRefusedAsDamagedWithoutLongArithmetic()
        {
            // A well-formed PKCS#1 structure whose numbers are about 190 KB each: the size of a key is bounded first.
            var random = new Random(11);
            var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                writer.WriteInteger(0);
                for (int i = 0; i < 8; i++)
                {
                    var bytes = new byte[96 * 1024];
                    random.NextBytes(bytes);
                    bytes[0] = 0x7F;
                    writer.WriteIntegerUnsigned(bytes);
                }
            }
            string pem = PrivateKeyText.ToPem("RSA PRIVATE KEY", writer.Encode());
            Assert.True(pem.Length < OneMiB + 64 * 1024);

            Assert.Equal("error:" + ErrorIds.PrivateKeyDamaged, Outcome("huge numbers", pem, PrivateKeyText.Repair));
        }

        [Fact]
        public void TwoThousandMutatedKeysAreEachAModuleErrorOrTheSameKey()
        {
            using var rsa = RSA.Create(2048);
            string pem = PrivateKeyText.ToPem(PrivateKeyText.Pkcs8Label, RsaKeyCodec.EncodePkcs8(rsa.ExportParameters(true)));
            string fingerprint = PrivateKeyText.ReadStrict(pem).Fingerprint;
            var random = new Random(20261122);
            var outcomes = new Dictionary<string, int>();

            var cases = Mutations(pem, random).ToList();
            Assert.True(cases.Count >= 2000, $"{cases.Count} cases");
            foreach (var (name, text) in cases)
            {
                string outcome = Outcome(name, text, PrivateKeyText.Repair);
                if (outcome.StartsWith("key:", StringComparison.Ordinal))
                {
                    // Accepted means the very same key: never a different one.
                    Assert.True(outcome == "key:" + fingerprint, $"case '{name}' was read as a different key");
                }
                outcomes[outcome.StartsWith("key:", StringComparison.Ordinal) ? "same key" : outcome] = outcomes.TryGetValue(outcome, out int n) ? n + 1 : 1;
            }
            Assert.True(outcomes.Keys.Count(k => k.StartsWith("error:", StringComparison.Ordinal)) >= 3, string.Join(", ", outcomes.Select(o => o.Key + "=" + o.Value)));
        }

        private static IEnumerable<(string Name, string Text)> Mutations(string pem, Random random)
        {
            string body = string.Concat(pem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-", StringComparison.Ordinal)));
            for (int i = 0; i < 700; i++)
            {
                var chars = pem.ToCharArray();
                int at = random.Next(chars.Length);
                chars[at] = (char)(chars[at] ^ (1 << random.Next(7)));
                yield return ($"flip {i} at {at}", new string(chars));
            }
            for (int i = 0; i < 400; i++)
            {
                int length = random.Next(pem.Length);
                yield return ($"truncate {i} to {length}", pem.Substring(0, length));
            }
            for (int i = 0; i < 300; i++)
            {
                int at = random.Next(pem.Length);
                int run = random.Next(1, 1 << random.Next(1, 17));
                yield return ($"dash run {i} of {run} at {at}", pem.Insert(at, new string('-', run)));
            }
            for (int i = 0; i < 200; i++)
            {
                int at = random.Next(pem.Length);
                int count = random.Next(1, 64);
                yield return ($"delete {i} of {count} at {at}", pem.Remove(at, Math.Min(count, pem.Length - at)));
            }
            for (int i = 0; i < 200; i++)
            {
                var bytes = Encoding.UTF8.GetBytes(pem);
                for (int k = random.Next(1, 8); k > 0; k--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
                yield return ($"random bytes {i}", Encoding.GetEncoding("ISO-8859-1").GetString(bytes));
            }
            for (int i = 0; i < 150; i++)
            {
                int from = random.Next(body.Length), length = random.Next(1, 200);
                string piece = body.Substring(from, Math.Min(length, body.Length - from));
                yield return ($"body splice {i}", pem.Insert(random.Next(pem.Length), piece));
            }
            string[] wrappers = { "\"{0}\"", "'{0}'", "`{0}`", "  {0}  ", "{0}\r\n", "x{0}y", "{0}{0}" };
            for (int i = 0; i < 50; i++)
            {
                yield return ($"wrapped {i}", string.Format(wrappers[i % wrappers.Length], i % 2 == 0 ? pem : pem.Replace("\n", "\\n")));
            }

            // 1 MiB inputs: each shape a parser could spend quadratic time on.
            var big = new byte[OneMiB - 1];
            random.NextBytes(big);
            yield return ("1 MiB of random bytes", Encoding.GetEncoding("ISO-8859-1").GetString(big));
            yield return ("1 MiB of random UTF-8", Encoding.UTF8.GetString(big));
            yield return ("1 MiB of dashes", new string('-', OneMiB - 1));
            yield return ("1 MiB of base64", new string('A', OneMiB - 1));
            yield return ("1 MiB of base64 in a PEM", "-----BEGIN PRIVATE KEY-----\n" + new string('A', OneMiB - 64) + "\n-----END PRIVATE KEY-----\n");
            yield return ("1 MiB of literal newlines", string.Concat(Enumerable.Repeat("\\n", OneMiB / 2 - 1)));
            yield return ("1 MiB of CR", new string('\r', OneMiB - 1));
            yield return ("1 MiB of spaces inside a PEM", "-----BEGIN PRIVATE KEY-----\n" + body.Substring(0, 64) + new string(' ', OneMiB - 256) + "\n-----END PRIVATE KEY-----\n");
            yield return ("1 MiB of colons in PKCS#1", "-----BEGIN RSA PRIVATE KEY-----\n" + new string(':', OneMiB - 128) + "\n-----END RSA PRIVATE KEY-----\n");
            yield return ("1 MiB of Proc-Type", "-----BEGIN RSA PRIVATE KEY-----\n" + string.Concat(Enumerable.Repeat("Proc-Type:   ", OneMiB / 16)));
            yield return ("1 MiB of one long line", "-----BEGIN PRIVATE KEY----- " + string.Concat(Enumerable.Repeat(body, OneMiB / body.Length)) + " -----END PRIVATE KEY-----");
            yield return ("1 MiB of BEGIN", string.Concat(Enumerable.Repeat("BEGIN", OneMiB / 5)));
            yield return ("1 MiB of dash and tab", string.Concat(Enumerable.Repeat("-\t", OneMiB / 2)));
            yield return ("1 MiB of quotes around a key", new string('"', OneMiB / 2) + pem + new string('"', OneMiB / 2));
            yield return ("1 MiB of whitespace lines", string.Concat(Enumerable.Repeat(" \n", OneMiB / 2)));
            yield return ("1 MiB of a repeated key", string.Concat(Enumerable.Repeat(pem, OneMiB / pem.Length)));
        }
    }
}
