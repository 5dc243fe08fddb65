using System.Text;
using CommerceConnector.Core.Text;

namespace CommerceConnector.Core.Tests
{
    /// <summary>
    /// env.php in whatever encoding it came in: Latin-1 values and comments, invalid UTF-8, a byte order mark. An edit
    /// changes its own span only; every other byte is written back as it was, and PHP reads the untouched values as before.
    /// </summary>
    public sealed class ByteFidelityTests : IDisposable, IClassFixture<PhpJudge>
    {
        private const string ImsId = "0123456789ABCDEF01234567@AdobeOrg";
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.Zero);
        private readonly TempFolder _temp = new TempFolder();
        private readonly ConfigurationPlanner _planner;
        private readonly ConfigurationWriter _writer;
        private readonly PhpJudge _php;

        public ByteFidelityTests(PhpJudge php)
        {
            _php = php;
            var store = new FileRegistryStore(_temp.Combine("registry"));
            _planner = new ConfigurationPlanner(store, () => Now);
            _writer = new ConfigurationWriter(store, () => Now);
        }

        public void Dispose() => _temp.Dispose();

        private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

        private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

        /// <summary>env.php fixtures: name, bytes, and a path whose bytes PHP must read unchanged after the edit.</summary>
        public static IEnumerable<object[]> Fixtures()
        {
            // Latin-1 throughout: a password with é, a comment with ü and ß.
            yield return new object[]
            {
                "latin-1", Latin1("<?php\n// Konfiguration f\u00fcr M\u00fcnchen, gr\u00fc\u00dfe\nreturn [\n    'db' => [\n        'connection' => [\n            'default' => [\n                'password' => 'p\u00e9ss',\n            ],\n        ],\n    ],\n    'MAGE_MODE' => 'production', # caf\u00e9\n];\n"),
                new[] { "db", "connection", "default", "password" }, new byte[] { (byte)'p', 0xE9, (byte)'s', (byte)'s' },
            };
            // Invalid UTF-8 of every kind: lone continuation, overlong, truncated, encoded surrogate, past U+10FFFF.
            byte[] invalid = { 0x80, 0xC0, 0xAF, 0xE2, 0x82, 0xED, 0xA0, 0x80, 0xF5, 0x80, 0x80, 0x80, 0xFF, 0xFE };
            yield return new object[]
            {
                "invalid-utf8", Concat(Encoding.ASCII.GetBytes("<?php\n/* "), invalid, Encoding.ASCII.GetBytes(" */\nreturn [\n    'db' => ['connection' => ['default' => ['password' => '"), invalid, Encoding.ASCII.GetBytes("']]],\n    'system' => [\n        'default' => [\n            'general' => ['locale' => ['code' => 'de_DE']],\n        ],\n    ],\n];\n")),
                new[] { "db", "connection", "default", "password" }, invalid,
            };
            // Valid UTF-8 next to Latin-1, a byte order mark, CRLF line ends.
            yield return new object[]
            {
                "bom-mixed-crlf", Concat(new byte[] { 0xEF, 0xBB, 0xBF }, Encoding.UTF8.GetBytes("<?php\r\nreturn [\r\n    'name' => 'Caf\u00e9 \u2615 \U0001F600',\r\n    'db' => ['connection' => ['default' => ['password' => 'p"), new byte[] { 0xE9 }, Encoding.ASCII.GetBytes("ss']]],\r\n];\r\n")),
                new[] { "db", "connection", "default", "password" }, new byte[] { (byte)'p', 0xE9, (byte)'s', (byte)'s' },
            };
        }

        [Theory]
        [MemberData(nameof(Fixtures))]
        public void AnEditChangesItsOwnSpanAndNoOtherByte(string name, byte[] original, string[] keptPath, byte[] keptValue)
        {
            string root = Magento(name, original);
            var target = ConfigTarget.ForPath(root);

            _writer.Apply(_planner.PlanImsOrganization(target, ImsId));

            byte[] written = File.ReadAllBytes(target.EnvPhp);
            AssertOneSpanChanged(original, written, out byte[] inserted);
            // What the module writes is UTF-8.
            Assert.Equal(inserted, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(inserted)));
            Assert.Equal(keptValue, _php.ReadBytes(target.EnvPhp, keptPath));
            Assert.Equal(Encoding.ASCII.GetBytes(ImsId), _php.ReadBytes(target.EnvPhp, "system", "default", "services_connector", "services_id", "ims_organization_id"));

            // A second edit replaces the value's span only; removing restores the original bytes exactly.
            _writer.Apply(_planner.PlanImsOrganization(target, ImsId.Replace('0', '9')));
            AssertOneSpanChanged(written, File.ReadAllBytes(target.EnvPhp), out _);
            Assert.Equal(keptValue, _php.ReadBytes(target.EnvPhp, keptPath));
        }

        [Fact]
        public void ValuesWithInvalidBytesAreReadAndReplacedWithoutTouchingTheirNeighbours()
        {
            byte[] original = Concat(Encoding.ASCII.GetBytes("<?php\nreturn ['system' => ['default' => ['services_connector' => ['services_id' => [\n    'ims_organization_id' => 'old"),
                new byte[] { 0xE9 }, Encoding.ASCII.GetBytes("', // caf"), new byte[] { 0xE9, 0xC3 }, Encoding.ASCII.GetBytes("\n    'project_name' => 'Gr"), new byte[] { 0xFC, 0xDF },
                Encoding.ASCII.GetBytes("e',\n]]]]];\n"));
            string root = Magento("neighbours", original);
            var target = ConfigTarget.ForPath(root);

            _writer.Apply(_planner.PlanImsOrganization(target, ImsId));

            byte[] expected = Concat(Encoding.ASCII.GetBytes("<?php\nreturn ['system' => ['default' => ['services_connector' => ['services_id' => [\n    'ims_organization_id' => '" + ImsId),
                Encoding.ASCII.GetBytes("', // caf"), new byte[] { 0xE9, 0xC3 }, Encoding.ASCII.GetBytes("\n    'project_name' => 'Gr"), new byte[] { 0xFC, 0xDF },
                Encoding.ASCII.GetBytes("e',\n]]]]];\n"));
            Assert.Equal(expected, File.ReadAllBytes(target.EnvPhp));
        }

        [Fact]
        public void TheLosslessDecodingRoundTripsEveryByteSequence()
        {
            var random = new Random(3);
            for (int i = 0; i < 500; i++)
            {
                var bytes = new byte[random.Next(0, 64)];
                random.NextBytes(bytes);
                Assert.Equal(bytes, LosslessText.Encode(LosslessText.Decode(bytes)));
            }
            string valid = "Caf\u00e9 \u2615 \U0001F600 \uFEFF";
            Assert.Equal(valid, LosslessText.Decode(Encoding.UTF8.GetBytes(valid)));
            Assert.Equal(Encoding.UTF8.GetBytes(valid), LosslessText.Encode(valid));
        }

        private string Magento(string name, byte[] envPhp)
        {
            string root = _temp.Combine(name);
            Directory.CreateDirectory(Path.Combine(root, "app", "etc"));
            File.WriteAllBytes(Path.Combine(root, "app", "etc", "env.php"), envPhp);
            return root;
        }

        /// <summary>Asserts that <paramref name="after"/> is <paramref name="before"/> with one contiguous span replaced.</summary>
        private static void AssertOneSpanChanged(byte[] before, byte[] after, out byte[] inserted)
        {
            int prefix = 0;
            while (prefix < before.Length && prefix < after.Length && before[prefix] == after[prefix])
            {
                prefix++;
            }
            int suffix = 0;
            while (suffix < before.Length - prefix && suffix < after.Length - prefix && before[before.Length - 1 - suffix] == after[after.Length - 1 - suffix])
            {
                suffix++;
            }
            // Whatever the edit was, the bytes it did not write are those of the original; they must all be there.
            Assert.True(before.Length - prefix - suffix <= 64, $"{before.Length - prefix - suffix} original bytes were changed (from byte {prefix})");
            inserted = after.Skip(prefix).Take(after.Length - prefix - suffix).ToArray();
            byte[] removed = before.Skip(prefix).Take(before.Length - prefix - suffix).ToArray();
            Assert.All(removed, b => Assert.True(b < 0x80, $"an original byte 0x{b:X2} outside ASCII was rewritten"));
        }
    }
}
