using System.Runtime.InteropServices;
using System.Security;

namespace CommerceConnector.Core.Keys
{
    /// <summary>Moves secrets between SecureString (what commands take and return) and the plain text Core works on, for as short a time as possible.</summary>
    public static class SecureText
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

        [return: NotNullIfNotNull("secure")]
        public static string? Reveal(SecureString? secure)
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
