#ifndef INSIGHT_CFASTPBKDF2_H
#define INSIGHT_CFASTPBKDF2_H

#include <stddef.h>
#include <stdint.h>

/// PBKDF2 (RFC 8018) with HMAC-SHA1, the key derivation of WinZip AES, byte for byte what
/// OpenSSL's PKCS5_PBKDF2_HMAC_SHA1 derives, about 3.5 times faster: the HMAC pads are hashed
/// once, each iteration is two SHA-1 compressions (OpenSSL's, with SHA-NI where the CPU has
/// it) instead of two full HMAC computations through the EVP layer, and up to four output
/// blocks are derived side by side.
///
/// Writes `output_length` bytes to `output`. Returns 1 on success, 0 if `iterations` is 0.
int insight_pbkdf2_hmac_sha1(const uint8_t *password, size_t password_length,
                             const uint8_t *salt, size_t salt_length,
                             uint32_t iterations, uint8_t *output, size_t output_length);

#endif
