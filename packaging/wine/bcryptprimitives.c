/* Stand-in for Windows 10's bcryptprimitives.dll, which Wine 8 lacks: only ProcessPrng, which the Rust standard
 * library of python-calamine imports. Built by .ci/run.d/windows.sh into the Wine prefix's system32 (never into
 * the bundle: every Windows 10/11 has the real one). */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!RtlGenRandom(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
