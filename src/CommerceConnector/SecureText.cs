using System;
using System.Runtime.InteropServices;
using System.Security;

namespace CommerceConnector
{
    /// <summary>Moves secrets between SecureString and the plain text Core works on, for as short a time as possible.</summary>
    internal static class SecureText
    {
        public static SecureString Protect(string text)
        {
            var secure = new SecureString();
            foreach (char c in text)
            {
                secure.AppendChar(c);
            }
            secure.MakeReadOnly();
            return secure;
        }

        public static string Reveal(SecureString secure)
        {
            if (secure == null)
            {
                return null;
            }
            IntPtr pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
            try
            {
                return Marshal.PtrToStringUni(pointer);
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
