// SHA1_Init, SHA1_Update, SHA1_Final and SHA1_Transform are deprecated in OpenSSL 3 in favour of
// EVP, whose per-call overhead is what this file exists to avoid; they remain in every build
// of OpenSSL 3 that keeps deprecated APIs (Debian's does).
#define OPENSSL_SUPPRESS_DEPRECATED
#include "CFastPBKDF2.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <string.h>

static void store_big_endian(uint8_t *bytes, uint32_t value) {
    bytes[0] = (uint8_t)(value >> 24);
    bytes[1] = (uint8_t)(value >> 16);
    bytes[2] = (uint8_t)(value >> 8);
    bytes[3] = (uint8_t)value;
}

/// Writes the chaining state of `context` (after whole blocks only) as a SHA-1 digest.
static void state_digest(const SHA_CTX *context, uint8_t digest[SHA_DIGEST_LENGTH]) {
    store_big_endian(digest, context->h0);
    store_big_endian(digest + 4, context->h1);
    store_big_endian(digest + 8, context->h2);
    store_big_endian(digest + 12, context->h3);
    store_big_endian(digest + 16, context->h4);
}

/// Output blocks derived side by side: their hash chains are independent, so the CPU overlaps
/// one block's SHA-1 compressions with another's (about 30% faster than one after the other;
/// more than four lanes gain nothing). 66 bytes, what WinZip AES-256 derives, are four blocks.
enum { LANES = 4 };

int insight_pbkdf2_hmac_sha1(const uint8_t *password, size_t password_length,
                             const uint8_t *salt, size_t salt_length,
                             uint32_t iterations, uint8_t *output, size_t output_length) {
    if (iterations == 0) {
        return 0;
    }
    // HMAC key: the password, hashed first if longer than a block; then the inner and outer
    // pads, each hashed once as the first block of every inner and outer hash.
    uint8_t key[SHA_CBLOCK] = {0};
    if (password_length > SHA_CBLOCK) {
        SHA1(password, password_length, key);
    } else if (password_length > 0) {
        memcpy(key, password, password_length);
    }
    uint8_t pad[SHA_CBLOCK];
    SHA_CTX inner, outer;
    for (size_t i = 0; i < SHA_CBLOCK; i++) pad[i] = key[i] ^ 0x36;
    SHA1_Init(&inner);
    SHA1_Update(&inner, pad, SHA_CBLOCK);
    for (size_t i = 0; i < SHA_CBLOCK; i++) pad[i] = key[i] ^ 0x5c;
    SHA1_Init(&outer);
    SHA1_Update(&outer, pad, SHA_CBLOCK);

    // From the second iteration on, each message is one 20-byte digest: one padded block per
    // lane whose first 20 bytes change; the length field counts the pad block too.
    uint8_t block[LANES][SHA_CBLOCK];
    uint8_t t[LANES][SHA_DIGEST_LENGTH];
    const uint32_t message_bits = (SHA_CBLOCK + SHA_DIGEST_LENGTH) * 8;
    SHA_CTX lane_context[LANES];
    uint8_t index_bytes[4];
    for (uint32_t first_index = 1; output_length > 0; first_index += LANES) {
        size_t blocks_left = (output_length + SHA_DIGEST_LENGTH - 1) / SHA_DIGEST_LENGTH;
        size_t lanes = blocks_left < LANES ? blocks_left : LANES;
        // The first iteration: U1 = HMAC(password, salt || INT(index)).
        for (size_t lane = 0; lane < lanes; lane++) {
            memset(block[lane], 0, SHA_CBLOCK);
            block[lane][SHA_DIGEST_LENGTH] = 0x80;
            block[lane][SHA_CBLOCK - 2] = (uint8_t)(message_bits >> 8);
            block[lane][SHA_CBLOCK - 1] = (uint8_t)message_bits;
            store_big_endian(index_bytes, first_index + (uint32_t)lane);
            SHA_CTX context = inner;
            SHA1_Update(&context, salt, salt_length);
            SHA1_Update(&context, index_bytes, sizeof index_bytes);
            SHA1_Final(block[lane], &context);
            context = outer;
            SHA1_Update(&context, block[lane], SHA_DIGEST_LENGTH);
            SHA1_Final(block[lane], &context);
            memcpy(t[lane], block[lane], SHA_DIGEST_LENGTH);
        }
        // The others: U(i+1) = HMAC(password, U(i)), all lanes' inner hashes, then their outer ones.
        for (uint32_t iteration = 1; iteration < iterations; iteration++) {
            for (size_t lane = 0; lane < lanes; lane++) {
                lane_context[lane] = inner;
                SHA1_Transform(&lane_context[lane], block[lane]);
            }
            for (size_t lane = 0; lane < lanes; lane++) {
                state_digest(&lane_context[lane], block[lane]);
                lane_context[lane] = outer;
                SHA1_Transform(&lane_context[lane], block[lane]);
            }
            for (size_t lane = 0; lane < lanes; lane++) {
                state_digest(&lane_context[lane], block[lane]);
                for (size_t i = 0; i < SHA_DIGEST_LENGTH; i++) t[lane][i] ^= block[lane][i];
            }
        }
        for (size_t lane = 0; lane < lanes; lane++) {
            size_t take = output_length < SHA_DIGEST_LENGTH ? output_length : SHA_DIGEST_LENGTH;
            memcpy(output, t[lane], take);
            output += take;
            output_length -= take;
        }
    }
    OPENSSL_cleanse(key, sizeof key);
    OPENSSL_cleanse(pad, sizeof pad);
    OPENSSL_cleanse(block, sizeof block);
    OPENSSL_cleanse(t, sizeof t);
    OPENSSL_cleanse(lane_context, sizeof lane_context);
    OPENSSL_cleanse(&inner, sizeof inner);
    OPENSSL_cleanse(&outer, sizeof outer);
    return 1;
}
