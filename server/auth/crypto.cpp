#include "server/auth/crypto.h"

#include <sodium.h>
#include <mutex>

namespace cb {
namespace {

std::string Hex(const unsigned char* bytes, size_t n) {
    std::string hex(n * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes, n);
    hex.pop_back();
    return hex;
}

}  // namespace

bool InitCrypto() {
    static std::once_flag once;
    static bool ok = false;
    std::call_once(once, [] { ok = sodium_init() >= 0; });
    return ok;
}

Result<std::string> HashPassword(std::string_view password) {
    if (!InitCrypto()) return Status::Error("libsodium failed to start");
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        return Status::Error("cannot hash the password: out of memory");
    }
    return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
    if (!InitCrypto() || hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    const std::string terminated(hash);  // crypto_pwhash_str_verify wants a C string
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

std::string RandomToken() {
    InitCrypto();
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    return Hex(bytes, sizeof bytes);
}

std::string TokenHash(std::string_view token) {
    InitCrypto();
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                       nullptr, 0);
    return Hex(digest, sizeof digest);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
    InitCrypto();
    if (a.size() != b.size() || a.empty()) return a.size() == b.size() && a.empty();
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace cb
