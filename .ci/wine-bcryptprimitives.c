/*
 * Test-only stand-in for Windows' bcryptprimitives.dll, for Wine 8 (Debian
 * 12), which lacks it. Go's Windows runtime (Go 1.22 and later) needs its
 * ProcessPrng at start-up; Windows 10 and 11 have the real DLL. dist-test
 * builds this with x86_64-w64-mingw32-gcc into the scratch Wine prefix only;
 * it never goes into a package.
 */
#include <windows.h>
#include <ntsecapi.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
		if (!RtlGenRandom(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
