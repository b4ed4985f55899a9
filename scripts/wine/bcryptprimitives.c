/*
 * A stand-in for Windows' bcryptprimitives.dll, for scripts/wine-test.sh only.
 *
 * Why it exists: since Go 1.24 the runtime of every Windows program gets its
 * random bytes from ProcessPrng in bcryptprimitives.dll, which it loads as
 * the program starts. Wine 8.0 (Debian 12's only wine) has no such DLL, so
 * no Go Windows program, test binaries included, starts under it ("fatal
 * error: bcryptprimitives.dll not found"). This file provides the one
 * function the runtime calls, on top of BCryptGenRandom from bcrypt.dll,
 * which wine has. Real Windows (10 and later) ships the DLL: nothing here is
 * part of careerlint or used outside wine.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll \
 *        bcryptprimitives.c -lbcrypt
 */
#include <windows.h>
#include <bcrypt.h>

/* BCryptGenRandom takes a ULONG count; ProcessPrng a SIZE_T one. */
#define CHUNK ((SIZE_T)1 << 30)

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size > 0) {
        ULONG n = (ULONG)(size < CHUNK ? size : CHUNK);
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
            return FALSE;
        data += n;
        size -= n;
    }
    return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    (void)inst;
    (void)reason;
    (void)reserved;
    return TRUE;
}
