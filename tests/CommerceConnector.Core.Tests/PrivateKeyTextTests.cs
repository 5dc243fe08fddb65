using System.Security.Cryptography;

namespace CommerceConnector.Core.Tests
{
    public sealed class PrivateKeyTextTests : IClassFixture<OpenSslKeys>
    {
        private readonly OpenSslKeys _keys;

        public PrivateKeyTextTests(OpenSslKeys keys)
        {
            _keys = keys;
        }

        [Fact]
        public void OpensslPkcs8IsReadStrictlyWithItsFingerprintAndComesBackByteIdentical()
        {
            var reading = PrivateKeyText.ReadStrict(_keys.Pkcs8);

            Assert.Empty(reading.Fixes);
            Assert.Equal(2048, reading.KeySize);
            Assert.Equal(_keys.Fingerprint, reading.Fingerprint);
            Assert.Equal(_keys.Pkcs8, reading.Pem);
        }

        [Fact]
        public void AGeneratedKeyIsReadByOpensslAsTheSameKey()
        {
            using var rsa = RSA.Create(2048);
            string pem = PrivateKeyText.ToPem("PRIVATE KEY", RsaKeyCodec.EncodePkcs8(rsa.ExportParameters(true)));
            string path = _keys.TempPath("ours.pem");
            System.IO.File.WriteAllText(path, pem);

            // openssl re-encodes it as PKCS#8: byte-identical text means both agree on every field.
            Assert.Equal(pem, OpenSsl.Run("pkcs8", "-topk8", "-nocrypt", "-in", path));
            Assert.Contains("Private-Key: (2048 bit", OpenSsl.Run("pkey", "-in", path, "-noout", "-text"));
            Assert.Equal(rsa.ExportPkcs8PrivateKeyPem().Replace("\r", string.Empty) + "\n", pem);
        }

        [Fact]
        public void Pkcs1IsConvertedToTheSamePkcs8OpensslWrites()
        {
            var strict = Assert.Throws<ConnectorException>(() => PrivateKeyText.ReadStrict(_keys.Pkcs1));
            Assert.Equal(ErrorIds.PrivateKeyNeedsRepair, strict.ErrorId);
            Assert.Contains("PKCS#1", strict.Message);
            Assert.Contains("Repair-ConnectorPrivateKey", strict.Message);

            var repaired = PrivateKeyText.Repair(_keys.Pkcs1);
            Assert.Equal(_keys.Pkcs8, repaired.Pem);
            Assert.Equal(new[] { "the key was PKCS#1 (BEGIN RSA PRIVATE KEY), not PKCS#8" }, repaired.Fixes);
        }

        public static IEnumerable<object[]> BrokenForms() => new[]
        {
            new object[] { "OneLongLine", "the line breaks inside the key were lost (one long line)" },
            new object[] { "LiteralNewlines", "literal \\n sequences stood where line breaks belong" },
            new object[] { "Crlf", "the lines ended in CRLF" },
            new object[] { "DoubleQuoted", "the key was wrapped in quotes" },
            new object[] { "SingleQuotedWithSpaces", "the key was wrapped in quotes" },
            new object[] { "ShortDashes", "the BEGIN line did not have five dashes on each side" },
            new object[] { "Wrapped76", "the base64 text was wrapped at another width than 64" },
            new object[] { "IndentedLines", "the lines of the key were indented or had trailing spaces" },
            new object[] { "NoHeaders", "the BEGIN and END lines were missing" },
            new object[] { "EnvVarStyle", "literal \\n sequences stood where line breaks belong" },
        };

        private string Break(string form)
        {
            string pem = _keys.Pkcs8;
            string body = _keys.Body;
            switch (form)
            {
                case "OneLongLine": return "-----BEGIN PRIVATE KEY----- " + body + " -----END PRIVATE KEY-----";
                case "LiteralNewlines": return pem.TrimEnd('\n').Replace("\n", "\\n");
                case "Crlf": return pem.Replace("\n", "\r\n");
                case "DoubleQuoted": return "\"" + pem + "\"";
                case "SingleQuotedWithSpaces": return "  '" + pem + "'  ";
                case "ShortDashes": return pem.Replace("-----BEGIN PRIVATE KEY-----", "----BEGIN PRIVATE KEY---").Replace("-----END PRIVATE KEY-----", "---END PRIVATE KEY----");
                case "Wrapped76": return "-----BEGIN PRIVATE KEY-----\n" + string.Join("\n", Chunks(body, 76)) + "\n-----END PRIVATE KEY-----\n";
                case "IndentedLines": return string.Join("\n", pem.Split('\n').Select(l => "    " + l));
                case "NoHeaders": return string.Join("\n", Chunks(body, 64));
                case "EnvVarStyle": return "\"" + pem.TrimEnd('\n').Replace("\n", "\\n") + "\"";
                default: throw new ArgumentOutOfRangeException(nameof(form));
            }
        }

        private static IEnumerable<string> Chunks(string s, int width)
        {
            for (int i = 0; i < s.Length; i += width)
            {
                yield return s.Substring(i, Math.Min(width, s.Length - i));
            }
        }

        [Theory]
        [MemberData(nameof(BrokenForms))]
        public void EachWayKeysBreakIsRepairedToTheOriginalAndRefusedByTheStrictReader(string form, string fix)
        {
            string broken = Break(form);

            var repaired = PrivateKeyText.Repair(broken);
            Assert.Equal(_keys.Pkcs8, repaired.Pem);
            Assert.Contains(fix, repaired.Fixes);

            var strict = Assert.Throws<ConnectorException>(() => PrivateKeyText.ReadStrict(broken));
            Assert.Equal(ErrorIds.PrivateKeyNeedsRepair, strict.ErrorId);
            Assert.Contains(fix, strict.Message);
            _keys.AssertNoKeyMaterial(strict.Message);
        }

        [Fact]
        public void AllBreakagesAtOnceAreRepairedToo()
        {
            string broken = "'" + Break("ShortDashes").Replace("\n", "\\r\\n") + "'";
            var repaired = PrivateKeyText.Repair(broken);
            Assert.Equal(_keys.Pkcs8, repaired.Pem);
            Assert.Equal(3, repaired.Fixes.Count(f => f.Contains("quotes") || f.Contains("literal") || f.Contains("BEGIN line")));
        }

        [Fact]
        public void APkcs1KeyInOneLineWithLiteralNewlinesIsRepairedToPkcs8()
        {
            var repaired = PrivateKeyText.Repair(_keys.Pkcs1.TrimEnd('\n').Replace("\n", "\\n"));
            Assert.Equal(_keys.Pkcs8, repaired.Pem);
        }

        public static IEnumerable<object[]> NotUsable() => new[]
        {
            new object[] { "PublicKey", ErrorIds.PrivateKeyIsPublicKey, "public key" },
            new object[] { "RsaPublicKey", ErrorIds.PrivateKeyIsPublicKey, "public key" },
            new object[] { "Certificate", ErrorIds.PrivateKeyIsCertificate, "certificate" },
            new object[] { "EncryptedPkcs8", ErrorIds.PrivateKeyEncrypted, "openssl pkcs8" },
            new object[] { "EncryptedPkcs1", ErrorIds.PrivateKeyEncrypted, "openssl rsa" },
            new object[] { "EcKey", ErrorIds.PrivateKeyNotRsa, "1.2.840.10045.2.1" },
            new object[] { "Ed25519Key", ErrorIds.PrivateKeyNotRsa, "Ed25519" },
            new object[] { "Garbage", ErrorIds.PrivateKeyNotPem, "BEGIN PRIVATE KEY" },
            new object[] { "Empty", ErrorIds.PrivateKeyEmpty, "empty" },
            new object[] { "Truncated", ErrorIds.PrivateKeyDamaged, "downloaded" },
            new object[] { "BadBase64", ErrorIds.PrivateKeyDamaged, "not base64" },
            new object[] { "EmptyBody", ErrorIds.PrivateKeyDamaged, "nothing between them" },
            new object[] { "MismatchedEnd", ErrorIds.PrivateKeyDamaged, "ends as" },
            new object[] { "OpenSsh", ErrorIds.PrivateKeyNotRsa, "ssh-keygen" },
        };

        private string Unusable(string what)
        {
            switch (what)
            {
                case "PublicKey": return _keys.PublicKey;
                case "RsaPublicKey": return _keys.RsaPublicKey;
                case "Certificate": return _keys.Certificate;
                case "EncryptedPkcs8": return _keys.EncryptedPkcs8;
                case "EncryptedPkcs1": return _keys.EncryptedPkcs1;
                case "EcKey": return _keys.EcKey;
                case "Ed25519Key": return _keys.Ed25519Key;
                case "Garbage": return "this is not a key at all, just a sentence someone pasted";
                case "Empty": return "  \n ";
                case "Truncated": return string.Join("\n", _keys.Pkcs8.Split('\n').Take(12)) + "\n-----END PRIVATE KEY-----\n";
                case "BadBase64": return _keys.Pkcs8.Replace(_keys.Body.Substring(100, 4), "%$#!");
                case "EmptyBody": return "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n";
                case "MismatchedEnd": return _keys.Pkcs8.Replace("END PRIVATE KEY", "END RSA PRIVATE KEY");
                case "OpenSsh": return "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n";
                default: throw new ArgumentOutOfRangeException(nameof(what));
            }
        }

        [Theory]
        [MemberData(nameof(NotUsable))]
        public void WhatIsNotAnUnencryptedRsaPrivateKeyGetsATypedErrorSayingWhatItIs(string what, string errorId, string hint)
        {
            string text = Unusable(what);

            var repair = Assert.Throws<ConnectorException>(() => PrivateKeyText.Repair(text));
            var strict = Assert.Throws<ConnectorException>(() => PrivateKeyText.ReadStrict(text));

            Assert.Equal(errorId, repair.ErrorId);
            Assert.Equal(errorId, strict.ErrorId);
            Assert.Contains(hint, repair.Message, StringComparison.OrdinalIgnoreCase);
            _keys.AssertNoKeyMaterial(repair.Message);
            _keys.AssertNoKeyMaterial(repair.ToString());
        }

        [Fact]
        public void TenThousandRandomMutationsGiveATypedErrorOrTheRightKeyNeverAnythingElse()
        {
            var original = PrivateKeyText.ReadStrict(_keys.Pkcs8).Key;
            var sources = new[] { _keys.Pkcs8, _keys.Pkcs1 };
            var random = new Random(20261122);
            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-\n\r \\\"'";
            int typed = 0, right = 0;
            var ids = new HashSet<string>();

            for (int i = 0; i < 10_000; i++)
            {
                char[] text = sources[i % 2].ToCharArray();
                var list = text.ToList();
                int edits = 1 + random.Next(4);
                for (int e = 0; e < edits && list.Count > 0; e++)
                {
                    int at = random.Next(list.Count);
                    switch (random.Next(6))
                    {
                        case 0: list[at] = alphabet[random.Next(alphabet.Length)]; break;
                        case 1: list.RemoveAt(at); break;
                        case 2: list.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                        case 3: list.RemoveRange(at, Math.Min(list.Count - at, random.Next(1, 200))); break;
                        case 4:
                            int from = random.Next(list.Count), length = Math.Min(list.Count - from, random.Next(1, 80));
                            list.InsertRange(at, list.GetRange(from, length));
                            break;
                        default: list[at] = (char)random.Next(0, 0x3000); break;
                    }
                }
                string mutated = new string(list.ToArray());
                try
                {
                    var reading = PrivateKeyText.Repair(mutated);
                    Assert.True(RsaKeyCodec.SamePublicKey(original, reading.Key) && reading.Key.D.AsSpan().SequenceEqual(original.D),
                        $"mutation {i} produced a different key instead of an error");
                    Assert.Equal(_keys.Pkcs8, reading.Pem);
                    right++;
                }
                catch (ConnectorException e)
                {
                    Assert.StartsWith("PrivateKey", e.ErrorId);
                    ids.Add(e.ErrorId);
                    typed++;
                }
            }

            Assert.Equal(10_000, typed + right);
            // Both outcomes must really occur: harmless edits (white space, padding bits) give the key back.
            Assert.True(typed > 1000 && right >= 20, $"typed errors {typed}, right keys {right}");
            Assert.Contains(ErrorIds.PrivateKeyDamaged, ids);
        }
    }
}
