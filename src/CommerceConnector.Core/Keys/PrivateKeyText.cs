using System.Security.Cryptography;
using static CommerceConnector.Core.Keys.PemScan;

namespace CommerceConnector.Core.Keys
{
    /// <summary>
    /// Reads private keys the way they arrive in practice. <see cref="Repair"/> fixes what copy-paste and pipelines do
    /// to PEM text (lost or literal newlines, CRLF, quotes, shortened dash runs, other wrap widths, PKCS#1) and refuses,
    /// with a typed error, what is not an unencrypted RSA private key. <see cref="ReadStrict"/> accepts only clean
    /// PKCS#8 PEM. No message ever contains key material.
    /// </summary>
    public static class PrivateKeyText
    {
        public const string Pkcs8Label = "PRIVATE KEY";
        private const string Pkcs1Label = "RSA PRIVATE KEY";

        // Longest first, so that "RSA PRIVATE KEY" is not read as "PRIVATE KEY".
        private static readonly string[] Labels =
        {
            "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY", "OPENSSH PRIVATE KEY", "PRIVATE KEY",
            "RSA PUBLIC KEY", "PUBLIC KEY", "NEW CERTIFICATE REQUEST", "CERTIFICATE REQUEST", "TRUSTED CERTIFICATE", "CERTIFICATE", "X509 CRL",
        };

        /// <summary>Reads a key that must already be clean PKCS#8 PEM; anything repairable fails with <c>PrivateKeyNeedsRepair</c>.</summary>
        public static PrivateKeyReading ReadStrict(string text)
        {
            var reading = Repair(text);
            if (reading.Fixes.Count > 0)
            {
                throw new ConnectorException(ErrorIds.PrivateKeyNeedsRepair, ConnectorErrorCategory.InvalidData, null,
                    "The private key is an RSA key but not clean PKCS#8 PEM: " + string.Join("; ", reading.Fixes) +
                    ". Run Repair-ConnectorPrivateKey on it and use the key it writes.");
            }
            return reading;
        }

        /// <summary>Reads a private key from damaged or differently formatted text and returns it as clean PKCS#8 PEM.</summary>
        public static PrivateKeyReading Repair(string? text)
        {
            if (Strings.IsNullOrWhiteSpace(text))
            {
                throw Error(ErrorIds.PrivateKeyEmpty, ConnectorErrorCategory.InvalidArgument, "The private key text is empty. Give the PEM text or the path of the key file you downloaded when the key was generated.");
            }
            var fixes = new List<string>();
            string s = text;

            if (s.Contains("\\n") || s.Contains("\\r"))
            {
                s = s.Replace("\\r\\n", "\n").Replace("\\n", "\n").Replace("\\r", "\n");
                fixes.Add("literal \\n sequences stood where line breaks belong");
            }
            if (s.IndexOf('\r') >= 0)
            {
                s = s.Replace("\r\n", "\n").Replace('\r', '\n');
                fixes.Add("the lines ended in CRLF");
            }
            string unquoted = StripQuotes(s.Trim());
            if (unquoted.Length != s.Trim().Length)
            {
                fixes.Add("the key was wrapped in quotes");
            }
            s = unquoted;

            var begin = PemMarker.Find(s, "BEGIN", Labels, 0);
            if (begin == null)
            {
                return FromBareBase64(s, fixes);
            }
            string label = begin.Label;
            RefuseNonRsaPrivate(label, s);

            if (!begin.IsClean)
            {
                fixes.Add("the BEGIN line did not have five dashes on each side");
            }
            if (begin.Index > 0)
            {
                fixes.Add("there was text before the BEGIN line");
            }

            int bodyStart = begin.Index + begin.Length;
            var end = PemMarker.Find(s, "END", Labels, bodyStart);
            string body;
            if (end != null)
            {
                if (end.Label != label)
                {
                    throw Error(ErrorIds.PrivateKeyDamaged, ConnectorErrorCategory.InvalidData,
                        $"The key text begins as '{label}' but ends as '{end.Label}'. Use the complete key file as it was downloaded.");
                }
                if (!end.IsClean)
                {
                    fixes.Add("the END line did not have five dashes on each side");
                }
                if (end.Index + end.Length < s.Length)
                {
                    fixes.Add("there was text after the END line");
                }
                body = s.Substring(bodyStart, end.Index - bodyStart);
            }
            else
            {
                body = s.Substring(bodyStart);
                fixes.Add("the END line was missing");
            }

            if (label == Pkcs1Label)
            {
                body = DropPkcs1Headers(body, fixes);
            }
            byte[] der = DecodeBody(body, fixes);

            RSAParameters key;
            if (label == Pkcs8Label)
            {
                key = DecodeEither(der, pkcs8First: true, out bool wasPkcs1);
                if (wasPkcs1)
                {
                    fixes.Add("the key was PKCS#1 labelled as PKCS#8");
                    der = RsaKeyCodec.EncodePkcs8(key);
                }
            }
            else
            {
                key = DecodeEither(der, pkcs8First: false, out bool wasPkcs1);
                fixes.Add(wasPkcs1 ? "the key was PKCS#1 (BEGIN RSA PRIVATE KEY), not PKCS#8" : "PKCS#8 content carried the PKCS#1 label");
                if (wasPkcs1)
                {
                    der = RsaKeyCodec.EncodePkcs8(key);
                }
            }
            return new PrivateKeyReading(ToPem(Pkcs8Label, der), key, fixes);
        }

        /// <summary>PEM text for <paramref name="der"/>: base64 in 64-character lines, LF line ends, a final newline.</summary>
        public static string ToPem(string label, byte[] der)
        {
            string base64 = Convert.ToBase64String(der);
            var builder = new StringBuilder(base64.Length + base64.Length / 64 + 64);
            builder.Append("-----BEGIN ").Append(label).Append("-----\n");
            for (int i = 0; i < base64.Length; i += 64)
            {
                builder.Append(base64, i, Math.Min(64, base64.Length - i)).Append('\n');
            }
            builder.Append("-----END ").Append(label).Append("-----\n");
            return builder.ToString();
        }

        private static PrivateKeyReading FromBareBase64(string s, List<string> fixes)
        {
            string compact = WithoutWhitespace(s);
            if (compact.Length >= 64 && IsBase64Body(compact))
            {
                byte[]? der;
                try
                {
                    der = Convert.FromBase64String(Pad(compact));
                }
                catch (FormatException)
                {
                    der = null;
                }
                if (der != null)
                {
                    RSAParameters key;
                    bool wasPkcs1;
                    try
                    {
                        key = DecodeEither(der, pkcs8First: true, out wasPkcs1);
                    }
                    catch (ConnectorException)
                    {
                        throw NotPem();
                    }
                    fixes.Add("the BEGIN and END lines were missing");
                    if (wasPkcs1)
                    {
                        fixes.Add("the key was PKCS#1, not PKCS#8");
                        der = RsaKeyCodec.EncodePkcs8(key);
                    }
                    return new PrivateKeyReading(ToPem(Pkcs8Label, der), key, fixes);
                }
            }
            throw NotPem();
        }

        private static ConnectorException NotPem() =>
            Error(ErrorIds.PrivateKeyNotPem, ConnectorErrorCategory.InvalidData,
                "The text is not a PEM private key: no '-----BEGIN PRIVATE KEY-----' line was found. Give the private key file you downloaded when the API key was generated.");

        private static void RefuseNonRsaPrivate(string label, string text)
        {
            switch (label)
            {
                case "ENCRYPTED PRIVATE KEY":
                    throw Error(ErrorIds.PrivateKeyEncrypted, ConnectorErrorCategory.InvalidData,
                        "The private key is encrypted with a passphrase (BEGIN ENCRYPTED PRIVATE KEY). Commerce needs it unencrypted: run 'openssl pkcs8 -in encrypted.pem -out key.pem' and give key.pem.");
                case "RSA PRIVATE KEY":
                    if (HasEncryptedProcType(text))
                    {
                        throw Error(ErrorIds.PrivateKeyEncrypted, ConnectorErrorCategory.InvalidData,
                            "The private key is encrypted with a passphrase (Proc-Type: 4,ENCRYPTED). Commerce needs it unencrypted: run 'openssl rsa -in encrypted.pem -out key.pem' and give key.pem.");
                    }
                    return;
                case "PRIVATE KEY":
                    return;
                case "PUBLIC KEY":
                case "RSA PUBLIC KEY":
                    throw Error(ErrorIds.PrivateKeyIsPublicKey, ConnectorErrorCategory.InvalidData,
                        $"This is a public key (BEGIN {label}), not the private key. The private key was offered once, when the API key was generated; if it is lost, generate a new key with New-ConnectorApiKey.");
                case "CERTIFICATE":
                case "TRUSTED CERTIFICATE":
                case "CERTIFICATE REQUEST":
                case "NEW CERTIFICATE REQUEST":
                case "X509 CRL":
                    throw Error(ErrorIds.PrivateKeyIsCertificate, ConnectorErrorCategory.InvalidData,
                        $"This is a certificate or certificate request (BEGIN {label}), not a private key. Give the private key file (BEGIN PRIVATE KEY) you downloaded when the API key was generated.");
                case "OPENSSH PRIVATE KEY":
                    throw Error(ErrorIds.PrivateKeyNotRsa, ConnectorErrorCategory.InvalidData,
                        "This is an OpenSSH private key. Commerce needs PKCS#8 PEM: convert a copy with 'ssh-keygen -p -m PKCS8 -f copy-of-key' (RSA keys only), or use the key downloaded from the Commerce API portal.");
                default:
                    throw Error(ErrorIds.PrivateKeyNotRsa, ConnectorErrorCategory.InvalidData,
                        $"This is not an RSA private key (BEGIN {label}). Commerce Services API keys are RSA keys: give the private key downloaded when the API key was generated.");
            }
        }

        private static string DropPkcs1Headers(string body, List<string> fixes)
        {
            var lines = body.Split('\n');
            var kept = lines.Where(l => l.IndexOf(':') < 0).ToArray();
            if (kept.Length != lines.Length)
            {
                fixes.Add("the key had PEM headers");
            }
            return string.Join("\n", kept);
        }

        private static byte[] DecodeBody(string body, List<string> fixes)
        {
            string[] raw = body.Split('\n').Where(l => l.Trim(' ', '\t').Length > 0).ToArray();
            string[] lines = raw.Select(l => l.Trim(' ', '\t')).ToArray();
            if (raw.Where((l, i) => l.Length != lines[i].Length).Any())
            {
                fixes.Add("the lines of the key were indented or had trailing spaces");
            }
            string compact = string.Concat(lines);
            if (compact.IndexOfAny(new[] { ' ', '\t' }) >= 0)
            {
                compact = compact.Replace(" ", string.Empty).Replace("\t", string.Empty);
                fixes.Add("the base64 text had spaces inside its lines");
            }
            if (compact.Length == 0)
            {
                throw Error(ErrorIds.PrivateKeyDamaged, ConnectorErrorCategory.InvalidData, "The key has BEGIN and END lines but nothing between them. Use the complete key file as it was downloaded.");
            }
            if (!IsBase64Body(compact))
            {
                throw Error(ErrorIds.PrivateKeyDamaged, ConnectorErrorCategory.InvalidData,
                    "The key's body is not base64: it contains characters a PEM key never has. Use the key file as it was downloaded, or run Repair-ConnectorPrivateKey on the original text.");
            }
            if (compact.Length % 4 != 0)
            {
                if (compact.Length % 4 == 1 || compact.EndsWith("=", StringComparison.Ordinal))
                {
                    throw Error(ErrorIds.PrivateKeyDamaged, ConnectorErrorCategory.InvalidData, "The key's base64 text is truncated or has characters missing. Use the complete key file as it was downloaded.");
                }
                compact = Pad(compact);
                fixes.Add("the base64 padding was missing");
            }
            if (lines.Length == 1 && compact.Length > 64)
            {
                fixes.Add("the line breaks inside the key were lost (one long line)");
            }
            else if (lines.Take(lines.Length - 1).Any(l => l.Length != 64) || lines[lines.Length - 1].Length > 64)
            {
                fixes.Add("the base64 text was wrapped at another width than 64");
            }
            try
            {
                return Convert.FromBase64String(compact);
            }
            catch (FormatException)
            {
                throw Error(ErrorIds.PrivateKeyDamaged, ConnectorErrorCategory.InvalidData, "The key's base64 text cannot be decoded. Use the key file as it was downloaded.");
            }
        }

        private static RSAParameters DecodeEither(byte[] der, bool pkcs8First, out bool wasPkcs1)
        {
            KeyFormatException first;
            try
            {
                wasPkcs1 = !pkcs8First;
                return pkcs8First ? RsaKeyCodec.DecodePkcs8(der) : RsaKeyCodec.DecodePkcs1(der);
            }
            catch (KeyFormatException e)
            {
                first = e;
            }
            try
            {
                wasPkcs1 = pkcs8First;
                return pkcs8First ? RsaKeyCodec.DecodePkcs1(der) : RsaKeyCodec.DecodePkcs8(der);
            }
            catch (KeyFormatException)
            {
                string why = first.Message;
                if (why.Contains("not an RSA key"))
                {
                    throw Error(ErrorIds.PrivateKeyNotRsa, ConnectorErrorCategory.InvalidData,
                        $"The private key is well-formed but {why}. Commerce Services API keys are RSA keys.");
                }
                throw Error(ErrorIds.PrivateKeyDamaged, ConnectorErrorCategory.InvalidData,
                    $"The private key cannot be read: {why}. Use the key file as it was downloaded; if it is lost, generate a new key with New-ConnectorApiKey.");
            }
        }

        private static ConnectorException Error(string id, ConnectorErrorCategory category, string message) =>
            new ConnectorException(id, category, null, message);
    }
}
