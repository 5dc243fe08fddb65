using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace CommerceConnector.Core.Keys
{
    /// <summary>
    /// DER encodings of RSA keys (netstandard2.0 has no PKCS#8 API): PKCS#8 PrivateKeyInfo, PKCS#1 RSAPrivateKey and
    /// X.509 SubjectPublicKeyInfo. Decoding checks that a private key's numbers belong together.
    /// </summary>
    public static class RsaKeyCodec
    {
        public const string RsaEncryptionOid = "1.2.840.113549.1.1.1";

        /// <summary>The largest modulus read (RSA keys in use have 2048 to 4096 bits; 16384 leaves room).</summary>
        public const int MaxKeyBits = 16384;

        private const int MaxNumberBytes = MaxKeyBits / 8 + 1;

        public static byte[] EncodePkcs8(RSAParameters key)
        {
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                writer.WriteInteger(0);
                WriteRsaAlgorithm(writer);
                writer.WriteOctetString(EncodePkcs1(key));
            }
            return writer.Encode();
        }

        public static byte[] EncodePkcs1(RSAParameters key)
        {
            if (key.D == null || key.P == null || key.Q == null)
            {
                throw new ArgumentException("A private key is required.", nameof(key));
            }
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                writer.WriteInteger(0);
                foreach (byte[] value in new[] { key.Modulus, key.Exponent, key.D, key.P, key.Q, key.DP, key.DQ, key.InverseQ })
                {
                    writer.WriteIntegerUnsigned(TrimLeadingZeros(value));
                }
            }
            return writer.Encode();
        }

        public static byte[] EncodeSubjectPublicKeyInfo(RSAParameters key)
        {
            var inner = new AsnWriter(AsnEncodingRules.DER);
            using (inner.PushSequence())
            {
                inner.WriteIntegerUnsigned(TrimLeadingZeros(key.Modulus));
                inner.WriteIntegerUnsigned(TrimLeadingZeros(key.Exponent));
            }
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                WriteRsaAlgorithm(writer);
                writer.WriteBitString(inner.Encode());
            }
            return writer.Encode();
        }

        /// <summary>Decodes a PKCS#8 PrivateKeyInfo holding an RSA key. Other algorithms are reported as such.</summary>
        public static RSAParameters DecodePkcs8(byte[] der)
        {
            return Decode(der, reader =>
            {
                var sequence = reader.ReadSequence();
                var version = sequence.ReadInteger();
                if (version != 0 && version != 1)
                {
                    throw new KeyFormatException($"PKCS#8 version {version} is not supported");
                }
                string oid = ReadAlgorithm(sequence);
                if (oid != RsaEncryptionOid)
                {
                    throw new KeyFormatException($"the key is not an RSA key (algorithm {Describe(oid)})");
                }
                byte[] pkcs1 = sequence.ReadOctetString();
                // Optional attributes [0] and public key [1] may follow; they are not needed.
                return DecodePkcs1(pkcs1);
            });
        }

        /// <summary>Decodes a PKCS#1 RSAPrivateKey and checks that its numbers form one key.</summary>
        public static RSAParameters DecodePkcs1(byte[] der)
        {
            return Decode(der, reader =>
            {
                var sequence = reader.ReadSequence();
                var version = sequence.ReadInteger();
                if (version != 0)
                {
                    throw new KeyFormatException("multi-prime RSA keys are not supported");
                }
                var n = ReadPositive(sequence);
                var e = ReadPositive(sequence);
                var d = ReadPositive(sequence);
                var p = ReadPositive(sequence);
                var q = ReadPositive(sequence);
                var dp = ReadPositive(sequence);
                var dq = ReadPositive(sequence);
                var qi = ReadPositive(sequence);
                if (sequence.HasData)
                {
                    throw new KeyFormatException("the RSA private key has unexpected trailing fields");
                }
                CheckConsistent(n, e, d, p, q, dp, dq, qi);
                int size = ToUnsigned(n).Length;
                int half = (size + 1) / 2;
                return new RSAParameters
                {
                    Modulus = ToUnsigned(n),
                    Exponent = ToUnsigned(e),
                    D = ToUnsigned(d, size),
                    P = ToUnsigned(p, half),
                    Q = ToUnsigned(q, half),
                    DP = ToUnsigned(dp, half),
                    DQ = ToUnsigned(dq, half),
                    InverseQ = ToUnsigned(qi, half),
                };
            });
        }

        /// <summary>Decodes an X.509 SubjectPublicKeyInfo holding an RSA public key.</summary>
        public static RSAParameters DecodeSubjectPublicKeyInfo(byte[] der)
        {
            return Decode(der, reader =>
            {
                var sequence = reader.ReadSequence();
                string oid = ReadAlgorithm(sequence);
                if (oid != RsaEncryptionOid)
                {
                    throw new KeyFormatException($"the public key is not an RSA key (algorithm {Describe(oid)})");
                }
                byte[] bits = sequence.ReadBitString(out int unused);
                if (unused != 0 || sequence.HasData)
                {
                    throw new KeyFormatException("the public key's bit string is malformed");
                }
                return DecodePkcs1PublicKey(bits);
            });
        }

        /// <summary>Decodes a PKCS#1 RSAPublicKey (modulus, exponent).</summary>
        public static RSAParameters DecodePkcs1PublicKey(byte[] der)
        {
            return Decode(der, reader =>
            {
                var sequence = reader.ReadSequence();
                var n = ReadPositive(sequence);
                var e = ReadPositive(sequence);
                if (sequence.HasData)
                {
                    throw new KeyFormatException("the RSA public key has unexpected trailing fields");
                }
                return new RSAParameters { Modulus = ToUnsigned(n), Exponent = ToUnsigned(e) };
            });
        }

        /// <summary>The public half of a key pair.</summary>
        public static RSAParameters PublicPart(RSAParameters key) => new RSAParameters { Modulus = key.Modulus, Exponent = key.Exponent };

        /// <summary>The modulus length in bits.</summary>
        public static int KeySizeInBits(RSAParameters key)
        {
            var n = new BigInteger(ToLittleEndianPositive(key.Modulus));
            int bits = 0;
            while (n > 0)
            {
                n >>= 1;
                bits++;
            }
            return bits;
        }

        /// <summary>Lower-case hex SHA-256 of the DER SubjectPublicKeyInfo (what <c>openssl pkey -pubout -outform DER | sha256sum</c> prints).</summary>
        public static string Fingerprint(RSAParameters key)
        {
            using (var sha = SHA256.Create())
            {
                byte[] hash = sha.ComputeHash(EncodeSubjectPublicKeyInfo(PublicPart(key)));
                return ToHex(hash);
            }
        }

        public static bool SamePublicKey(RSAParameters a, RSAParameters b) =>
            TrimLeadingZeros(a.Modulus).AsSpan().SequenceEqual(TrimLeadingZeros(b.Modulus)) &&
            TrimLeadingZeros(a.Exponent).AsSpan().SequenceEqual(TrimLeadingZeros(b.Exponent));

        internal static string ToHex(byte[] bytes)
        {
            var chars = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
                chars[2 * i + 1] = "0123456789abcdef"[bytes[i] & 0xF];
            }
            return new string(chars);
        }

        private static RSAParameters Decode(byte[] der, Func<AsnReader, RSAParameters> read)
        {
            if (der == null || der.Length == 0)
            {
                throw new KeyFormatException("the key data is empty");
            }
            try
            {
                var reader = new AsnReader(der, AsnEncodingRules.DER);
                var result = read(reader);
                if (reader.HasData)
                {
                    throw new KeyFormatException("the key data has trailing bytes");
                }
                return result;
            }
            catch (AsnContentException e)
            {
                throw new KeyFormatException("the key data is not valid DER (" + e.Message + ")", e);
            }
        }

        private static void WriteRsaAlgorithm(AsnWriter writer)
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(RsaEncryptionOid);
                writer.WriteNull();
            }
        }

        private static string ReadAlgorithm(AsnReader sequence)
        {
            var algorithm = sequence.ReadSequence();
            string oid = algorithm.ReadObjectIdentifier();
            if (algorithm.HasData)
            {
                algorithm.ReadEncodedValue();
            }
            if (algorithm.HasData)
            {
                throw new KeyFormatException("the algorithm identifier has unexpected fields");
            }
            return oid;
        }

        private static string Describe(string oid)
        {
            switch (oid)
            {
                case "1.2.840.10045.2.1": return "EC, " + oid;
                case "1.3.101.112": return "Ed25519, " + oid;
                case "1.3.101.110": return "X25519, " + oid;
                case "1.2.840.10040.4.1": return "DSA, " + oid;
                case "1.2.840.113549.1.1.10": return "RSA-PSS, " + oid;
                default: return oid;
            }
        }

        private static BigInteger ReadPositive(AsnReader reader)
        {
            // Bounded before any arithmetic: the consistency checks are quadratic in the numbers' length.
            byte[] bytes = reader.ReadIntegerBytes().ToArray();
            if (bytes.Length > MaxNumberBytes)
            {
                throw new KeyFormatException($"the key's numbers are longer than {MaxKeyBits} bits, more than any RSA key has");
            }
            Array.Reverse(bytes);
            var value = new BigInteger(bytes);
            if (value.Sign <= 0)
            {
                throw new KeyFormatException("an RSA key number is zero or negative");
            }
            return value;
        }

        private static void CheckConsistent(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q, BigInteger dp, BigInteger dq, BigInteger qi)
        {
            if (p * q != n || p <= 1 || q <= 1)
            {
                throw new KeyFormatException("the key's primes do not multiply to its modulus (the key is damaged)");
            }
            if (dp != d % (p - 1) || dq != d % (q - 1) || (qi * q) % p != 1)
            {
                throw new KeyFormatException("the key's CRT values do not match its private exponent (the key is damaged)");
            }
            // e * d = 1 modulo lcm(p-1, q-1) holds for every working key; a damaged e or d breaks it.
            BigInteger lambda = (p - 1) / BigInteger.GreatestCommonDivisor(p - 1, q - 1) * (q - 1);
            if ((e * d) % lambda != 1 % lambda)
            {
                throw new KeyFormatException("the key's public and private exponents do not belong together (the key is damaged)");
            }
        }

        private static byte[] ToUnsigned(BigInteger value, int length = 0)
        {
            byte[] little = value.ToByteArray();
            int count = little.Length;
            while (count > 1 && little[count - 1] == 0)
            {
                count--;
            }
            int size = Math.Max(count, length);
            var big = new byte[size];
            for (int i = 0; i < count; i++)
            {
                big[size - 1 - i] = little[i];
            }
            return big;
        }

        private static byte[] ToLittleEndianPositive(byte[] bigEndian)
        {
            var little = new byte[bigEndian.Length + 1];
            for (int i = 0; i < bigEndian.Length; i++)
            {
                little[i] = bigEndian[bigEndian.Length - 1 - i];
            }
            return little;
        }

        private static byte[] TrimLeadingZeros(byte[] value)
        {
            int start = 0;
            while (start < value.Length - 1 && value[start] == 0)
            {
                start++;
            }
            if (start == 0)
            {
                return value;
            }
            var trimmed = new byte[value.Length - start];
            Array.Copy(value, start, trimmed, 0, trimmed.Length);
            return trimmed;
        }
    }
}
