// SHA1_Init, SHA1_Update, SHA1_Final and SHA1_Transform are deprecated in OpenSSL 3 in favour of
// EVP, whose per-call overhead is what this file exists to avoid; they remain in every build
// of OpenSSL 3 that keeps deprecated APIs (Debian's does).
#define OPENSSL_SUPPRESS_DEPRECATED
#include "CFastPBKDF2.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#define HAVE_SHA_NI_CODE 1
#endif

/// Output blocks are derived side by side, LANES at a time: their hash chains are independent,
/// so the CPU overlaps one block's SHA-1 compressions with another's. 66 bytes, what WinZip
/// AES-256 derives, are four blocks.
enum { LANES = 4 };

/// The SHA-1 state of one hash chain: five 32-bit words.
typedef struct { uint32_t h[5]; } sha1_words;

/// The precomputed HMAC halves: SHA-1 after the inner and after the outer key pad.
typedef struct { SHA_CTX inner, outer; } hmac_pads;

static void store_big_endian(uint8_t *bytes, uint32_t value) {
    bytes[0] = (uint8_t)(value >> 24);
    bytes[1] = (uint8_t)(value >> 16);
    bytes[2] = (uint8_t)(value >> 8);
    bytes[3] = (uint8_t)value;
}

static uint32_t load_big_endian(const uint8_t *bytes) {
    return (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 | (uint32_t)bytes[2] << 8 | bytes[3];
}

static sha1_words words_of(const SHA_CTX *context) {
    return (sha1_words){{context->h0, context->h1, context->h2, context->h3, context->h4}};
}

/// HMAC key: the password, hashed first if longer than a block; each pad hashed once, as the
/// first block of every inner and outer hash.
static void prepare_pads(const uint8_t *password, size_t password_length, hmac_pads *pads) {
    uint8_t key[SHA_CBLOCK] = {0};
    if (password_length > SHA_CBLOCK) {
        SHA1(password, password_length, key);
    } else if (password_length > 0) {
        memcpy(key, password, password_length);
    }
    uint8_t pad[SHA_CBLOCK];
    for (size_t i = 0; i < SHA_CBLOCK; i++) pad[i] = key[i] ^ 0x36;
    SHA1_Init(&pads->inner);
    SHA1_Update(&pads->inner, pad, SHA_CBLOCK);
    for (size_t i = 0; i < SHA_CBLOCK; i++) pad[i] = key[i] ^ 0x5c;
    SHA1_Init(&pads->outer);
    SHA1_Update(&pads->outer, pad, SHA_CBLOCK);
    OPENSSL_cleanse(key, sizeof key);
    OPENSSL_cleanse(pad, sizeof pad);
}

/// The first iteration of output block `index`: U1 = HMAC(password, salt || INT(index)).
static sha1_words first_iteration(const hmac_pads *pads, const uint8_t *salt, size_t salt_length, uint32_t index) {
    uint8_t index_bytes[4], digest[SHA_DIGEST_LENGTH];
    store_big_endian(index_bytes, index);
    SHA_CTX context = pads->inner;
    SHA1_Update(&context, salt, salt_length);
    SHA1_Update(&context, index_bytes, sizeof index_bytes);
    SHA1_Final(digest, &context);
    context = pads->outer;
    SHA1_Update(&context, digest, SHA_DIGEST_LENGTH);
    SHA1_Final(digest, &context);
    sha1_words u;
    for (int i = 0; i < 5; i++) u.h[i] = load_big_endian(digest + 4 * i);
    OPENSSL_cleanse(digest, sizeof digest);
    OPENSSL_cleanse(&context, sizeof context);
    return u;
}

/// From the second iteration on, each message is one 20-byte digest: a single padded block
/// whose length field counts the pad block before it too.
static const uint32_t MESSAGE_BITS = (SHA_CBLOCK + SHA_DIGEST_LENGTH) * 8;

/// Iterations 2...`iterations` of every lane on OpenSSL's SHA-1 compression; `t` holds each
/// lane's XOR of all iterations so far, `u` its last one.
static void iterate_portable(const hmac_pads *pads, uint32_t iterations, sha1_words u[LANES], sha1_words t[LANES]) {
    uint8_t block[LANES][SHA_CBLOCK] = {{0}};
    SHA_CTX context[LANES];
    for (int lane = 0; lane < LANES; lane++) {
        block[lane][SHA_DIGEST_LENGTH] = 0x80;
        store_big_endian(block[lane] + SHA_CBLOCK - 4, MESSAGE_BITS);
    }
    for (uint32_t iteration = 1; iteration < iterations; iteration++) {
        for (int lane = 0; lane < LANES; lane++) {
            for (int i = 0; i < 5; i++) store_big_endian(block[lane] + 4 * i, u[lane].h[i]);
            context[lane] = pads->inner;
            SHA1_Transform(&context[lane], block[lane]);
        }
        for (int lane = 0; lane < LANES; lane++) {
            sha1_words inner = words_of(&context[lane]);
            for (int i = 0; i < 5; i++) store_big_endian(block[lane] + 4 * i, inner.h[i]);
            context[lane] = pads->outer;
            SHA1_Transform(&context[lane], block[lane]);
        }
        for (int lane = 0; lane < LANES; lane++) {
            u[lane] = words_of(&context[lane]);
            for (int i = 0; i < 5; i++) t[lane].h[i] ^= u[lane].h[i];
        }
    }
    OPENSSL_cleanse(block, sizeof block);
    OPENSSL_cleanse(context, sizeof context);
}

#ifdef HAVE_SHA_NI_CODE
/// Whether the CPU has the SHA extensions (CPUID leaf 7, EBX bit 29) and SSE4.1 (leaf 1, ECX bit 19).
static bool cpu_has_sha_ni(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || !(ecx & (1u << 19))) return false;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return false;
    return (ebx & (1u << 29)) != 0;
}

/// A SHA-1 state as the SHA extensions hold it: A, B, C, D from the high lane down; E in the high lane.
typedef struct { __m128i abcd, e; } sha_ni_state;

/// Four rounds (group `g` of 20, round function `f`) for every lane, with the message schedule
/// W[t] = ROL1(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16]) computed four words at a time in msg[lane][g % 4].
#define SHA_NI_GROUP(g, f)                                                                                    \
    for (int lane = 0; lane < LANES; lane++) {                                                               \
        if ((g) >= 4) {                                                                                      \
            __m128i partial = _mm_sha1msg1_epu32(msg[lane][(g) & 3], msg[lane][((g) + 1) & 3]);              \
            msg[lane][(g) & 3] = _mm_sha1msg2_epu32(_mm_xor_si128(partial, msg[lane][((g) + 2) & 3]),        \
                                                    msg[lane][((g) + 3) & 3]);                               \
        }                                                                                                    \
        e[lane] = (g) == 0 ? _mm_add_epi32(e[lane], msg[lane][0]) : _mm_sha1nexte_epu32(previous[lane], msg[lane][(g) & 3]); \
        previous[lane] = abcd[lane];                                                                         \
        abcd[lane] = _mm_sha1rnds4_epu32(abcd[lane], e[lane], (f));                                          \
    }

/// One SHA-1 compression per lane from the same starting state `start`, of the one-block
/// message each lane's `digest` makes (digest, 0x80, zeros, MESSAGE_BITS); the results replace `digest`.
__attribute__((target("sha,sse4.1,ssse3")))
static void compress_digests(const sha_ni_state *start, sha_ni_state digest[LANES]) {
    __m128i msg[LANES][4], abcd[LANES], e[LANES], previous[LANES];
    for (int lane = 0; lane < LANES; lane++) {
        msg[lane][0] = digest[lane].abcd;
        msg[lane][1] = _mm_set_epi32(_mm_extract_epi32(digest[lane].e, 3), (int)0x80000000, 0, 0);
        msg[lane][2] = _mm_setzero_si128();
        msg[lane][3] = _mm_set_epi32(0, 0, 0, (int)MESSAGE_BITS);
        abcd[lane] = start->abcd;
        e[lane] = start->e;
    }
    SHA_NI_GROUP(0, 0) SHA_NI_GROUP(1, 0) SHA_NI_GROUP(2, 0) SHA_NI_GROUP(3, 0) SHA_NI_GROUP(4, 0)
    SHA_NI_GROUP(5, 1) SHA_NI_GROUP(6, 1) SHA_NI_GROUP(7, 1) SHA_NI_GROUP(8, 1) SHA_NI_GROUP(9, 1)
    SHA_NI_GROUP(10, 2) SHA_NI_GROUP(11, 2) SHA_NI_GROUP(12, 2) SHA_NI_GROUP(13, 2) SHA_NI_GROUP(14, 2)
    SHA_NI_GROUP(15, 3) SHA_NI_GROUP(16, 3) SHA_NI_GROUP(17, 3) SHA_NI_GROUP(18, 3) SHA_NI_GROUP(19, 3)
    for (int lane = 0; lane < LANES; lane++) {
        digest[lane].e = _mm_sha1nexte_epu32(previous[lane], start->e);
        digest[lane].abcd = _mm_add_epi32(abcd[lane], start->abcd);
    }
}

__attribute__((target("sha,sse4.1,ssse3")))
static sha_ni_state sha_ni_state_of(const sha1_words *words) {
    return (sha_ni_state){
        _mm_set_epi32((int)words->h[0], (int)words->h[1], (int)words->h[2], (int)words->h[3]),
        _mm_set_epi32((int)words->h[4], 0, 0, 0),
    };
}

__attribute__((target("sha,sse4.1,ssse3")))
static sha1_words words_of_sha_ni_state(sha_ni_state state) {
    return (sha1_words){{
        (uint32_t)_mm_extract_epi32(state.abcd, 3), (uint32_t)_mm_extract_epi32(state.abcd, 2),
        (uint32_t)_mm_extract_epi32(state.abcd, 1), (uint32_t)_mm_extract_epi32(state.abcd, 0),
        (uint32_t)_mm_extract_epi32(state.e, 3),
    }};
}

/// `iterate_portable` on the SHA extensions, the lanes interleaved instruction by instruction.
__attribute__((target("sha,sse4.1,ssse3")))
static void iterate_sha_ni(const hmac_pads *pads, uint32_t iterations, sha1_words u[LANES], sha1_words t[LANES]) {
    sha1_words inner_words = words_of(&pads->inner), outer_words = words_of(&pads->outer);
    sha_ni_state inner = sha_ni_state_of(&inner_words), outer = sha_ni_state_of(&outer_words);
    sha_ni_state digest[LANES], sum[LANES];
    for (int lane = 0; lane < LANES; lane++) {
        digest[lane] = sha_ni_state_of(&u[lane]);
        sum[lane] = sha_ni_state_of(&t[lane]);
    }
    for (uint32_t iteration = 1; iteration < iterations; iteration++) {
        compress_digests(&inner, digest);
        compress_digests(&outer, digest);
        for (int lane = 0; lane < LANES; lane++) {
            sum[lane].abcd = _mm_xor_si128(sum[lane].abcd, digest[lane].abcd);
            sum[lane].e = _mm_xor_si128(sum[lane].e, digest[lane].e);
        }
    }
    for (int lane = 0; lane < LANES; lane++) {
        u[lane] = words_of_sha_ni_state(digest[lane]);
        t[lane] = words_of_sha_ni_state(sum[lane]);
    }
    OPENSSL_cleanse(digest, sizeof digest);
    OPENSSL_cleanse(sum, sizeof sum);
}
#endif

static int derive(bool sha_ni, const uint8_t *password, size_t password_length, const uint8_t *salt, size_t salt_length,
                  uint32_t iterations, uint8_t *output, size_t output_length) {
    if (iterations == 0) {
        return 0;
    }
    hmac_pads pads;
    prepare_pads(password, password_length, &pads);
    sha1_words u[LANES], t[LANES];
    for (uint32_t first_index = 1; output_length > 0; first_index += LANES) {
        for (int lane = 0; lane < LANES; lane++) {
            u[lane] = first_iteration(&pads, salt, salt_length, first_index + (uint32_t)lane);
            t[lane] = u[lane];
        }
#ifdef HAVE_SHA_NI_CODE
        if (sha_ni) {
            iterate_sha_ni(&pads, iterations, u, t);
        } else
#endif
        {
            iterate_portable(&pads, iterations, u, t);
        }
        for (int lane = 0; lane < LANES && output_length > 0; lane++) {
            uint8_t block[SHA_DIGEST_LENGTH];
            for (int i = 0; i < 5; i++) store_big_endian(block + 4 * i, t[lane].h[i]);
            size_t take = output_length < SHA_DIGEST_LENGTH ? output_length : SHA_DIGEST_LENGTH;
            memcpy(output, block, take);
            OPENSSL_cleanse(block, sizeof block);
            output += take;
            output_length -= take;
        }
    }
    OPENSSL_cleanse(&pads, sizeof pads);
    OPENSSL_cleanse(u, sizeof u);
    OPENSSL_cleanse(t, sizeof t);
    return 1;
}

bool insight_pbkdf2_has_sha_extensions(void) {
#ifdef HAVE_SHA_NI_CODE
    return cpu_has_sha_ni();
#else
    return false;
#endif
}

int insight_pbkdf2_hmac_sha1(const uint8_t *password, size_t password_length, const uint8_t *salt, size_t salt_length,
                             uint32_t iterations, uint8_t *output, size_t output_length) {
    // CPUID is slow in virtual machines (a VM exit): asked once; a race only asks twice.
    static atomic_int sha_ni = -1;
    int known = atomic_load_explicit(&sha_ni, memory_order_relaxed);
    if (known < 0) {
        known = insight_pbkdf2_has_sha_extensions();
        atomic_store_explicit(&sha_ni, known, memory_order_relaxed);
    }
    return derive(known == 1, password, password_length, salt, salt_length, iterations, output, output_length);
}

int insight_pbkdf2_hmac_sha1_portable(const uint8_t *password, size_t password_length, const uint8_t *salt, size_t salt_length,
                                      uint32_t iterations, uint8_t *output, size_t output_length) {
    return derive(false, password, password_length, salt, salt_length, iterations, output, output_length);
}
