#ifndef INSIGHT_CFASTPBKDF2_H
#define INSIGHT_CFASTPBKDF2_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// PBKDF2 (RFC 8018) with HMAC-SHA1, the key derivation of WinZip AES, byte for byte what
/// OpenSSL's PKCS5_PBKDF2_HMAC_SHA1 derives, about five times faster: the HMAC pads are hashed
/// once, each iteration is two bare SHA-1 compressions instead of two HMAC computations through
/// the EVP layer, and four output blocks are derived side by side — on the CPU's SHA extensions
/// (SHA-NI) when it has them, else on OpenSSL's SHA-1 compression.
///
/// Writes `output_length` bytes to `output`. Returns 1 on success, 0 if `iterations` is 0.
/// Thread-safe.
int insight_pbkdf2_hmac_sha1(const uint8_t *password, size_t password_length,
                             const uint8_t *salt, size_t salt_length,
                             uint32_t iterations, uint8_t *output, size_t output_length);

/// `insight_pbkdf2_hmac_sha1` without the SHA extensions, what CPUs without them run; for tests.
int insight_pbkdf2_hmac_sha1_portable(const uint8_t *password, size_t password_length,
                                      const uint8_t *salt, size_t salt_length,
                                      uint32_t iterations, uint8_t *output, size_t output_length);

/// Whether this CPU has the SHA extensions that `insight_pbkdf2_hmac_sha1` uses.
bool insight_pbkdf2_has_sha_extensions(void);

#endif
