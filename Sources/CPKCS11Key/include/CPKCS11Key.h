#ifndef CPKCS11KEY_H
#define CPKCS11KEY_H

#include <stddef.h>
#include <openssl/evp.h>

/// Loads the private key that the PKCS#11 URI `uri` names through OpenSSL's PKCS#11 engine
/// (libp11, Debian's libengine-pkcs11-openssl) and the PKCS#11 module at `module_path` (NULL:
/// the engine's default, p11-kit's proxy), logging in with `pin`. The key stays in the token:
/// the returned EVP_PKEY signs through it (X509_sign, X509_CRL_sign) and holds its public half.
///
/// The engine is loaded once per process and kept (libp11 cannot be loaded a second time);
/// later calls load further keys through it, with the module of the first call. Never prompts.
/// Thread-safe. Returns NULL on failure, with what failed in `error` (`error_length` bytes at
/// most, NUL-terminated) and why on OpenSSL's error queue (`PIN incorrect`, `object not found`).
EVP_PKEY *insight_pkcs11_load_private_key(const char *uri, const char *pin, const char *module_path,
                                          char *error, size_t error_length);

#endif
