// OpenSSL 3.0 has no PKCS#11 provider on Debian 12; the engine API is deprecated but present.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include "CPKCS11Key.h"

#include <openssl/crypto.h>
#include <openssl/engine.h>
#include <openssl/err.h>
#include <openssl/ui.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t engine_lock = PTHREAD_MUTEX_INITIALIZER;
static ENGINE *engine = NULL;  // loaded once, kept for the process's life

static int refuse_prompt(UI *ui, UI_STRING *uis) {
    (void)ui;
    (void)uis;
    return 0;
}

/// Says what failed; OpenSSL's error queue, which the caller reads, says why.
static void describe(char *error, size_t error_length, const char *what) {
    snprintf(error, error_length, "%s", what);
}

/// The engine, loaded from OpenSSL's engines folder on first use. Called with engine_lock held.
static ENGINE *loaded_engine(const char *module_path, char *error, size_t error_length) {
    if (engine != NULL) return engine;
    char path[1024];
    snprintf(path, sizeof path, "%s/pkcs11.so", OPENSSL_info(OPENSSL_INFO_ENGINES_DIR));
    ENGINE_load_dynamic();
    ENGINE *dynamic = ENGINE_by_id("dynamic");
    if (dynamic == NULL) {
        describe(error, error_length, "OpenSSL's dynamic engine is missing");
        return NULL;
    }
    if (!ENGINE_ctrl_cmd_string(dynamic, "SO_PATH", path, 0) || !ENGINE_ctrl_cmd_string(dynamic, "ID", "pkcs11", 0)
        || !ENGINE_ctrl_cmd_string(dynamic, "LIST_ADD", "1", 0) || !ENGINE_ctrl_cmd_string(dynamic, "LOAD", NULL, 0)) {
        char what[1200];
        snprintf(what, sizeof what, "OpenSSL's PKCS#11 engine %s cannot be loaded (install libengine-pkcs11-openssl)", path);
        describe(error, error_length, what);
        ENGINE_free(dynamic);
        return NULL;
    }
    if (!ENGINE_ctrl_cmd_string(dynamic, "QUIET", NULL, 0)
        || (module_path != NULL && !ENGINE_ctrl_cmd_string(dynamic, "MODULE_PATH", module_path, 0))
        || !ENGINE_init(dynamic)) {
        describe(error, error_length, "the PKCS#11 module cannot be initialised");
        ENGINE_free(dynamic);
        return NULL;
    }
    engine = dynamic;  // keeps the structural and functional references
    return engine;
}

EVP_PKEY *insight_pkcs11_load_private_key(const char *uri, const char *pin, const char *module_path,
                                          char *error, size_t error_length) {
    pthread_mutex_lock(&engine_lock);
    EVP_PKEY *key = NULL;
    ENGINE *e = loaded_engine(module_path, error, error_length);
    if (e != NULL) {
        // The PIN is forgotten by the engine after a failed login: give it before every load.
        if (pin != NULL && !ENGINE_ctrl_cmd_string(e, "PIN", pin, 0)) {
            describe(error, error_length, "the PIN cannot be given to the PKCS#11 engine");
        } else {
            UI_METHOD *no_prompt = UI_create_method("insight: no prompt");
            UI_method_set_reader(no_prompt, refuse_prompt);
            key = ENGINE_load_private_key(e, uri, no_prompt, NULL);
            UI_destroy_method(no_prompt);
            if (key == NULL) describe(error, error_length, "the token refused the key");
        }
    }
    pthread_mutex_unlock(&engine_lock);
    return key;
}
