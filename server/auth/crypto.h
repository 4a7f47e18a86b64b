// The server's few cryptographic primitives, all from libsodium: argon2id password hashes,
// random tokens, token hashes for storage and constant-time comparison. InitCrypto runs
// sodium_init once; every function here calls it, so callers need not.
#pragma once
#include <string>
#include <string_view>
#include "server/base/status.h"

namespace cb {

// sodium_init() once per process (thread-safe). False if libsodium cannot start.
bool InitCrypto();

// argon2id hash string (crypto_pwhash_str, interactive limits; salt and parameters inside).
// Fails only when out of memory.
Result<std::string> HashPassword(std::string_view password);
// True when password matches a HashPassword string; false for any other input.
bool VerifyPassword(std::string_view hash, std::string_view password);

// 256 random bits (randombytes_buf) as 64 lower-case hex digits: session, CSRF and kiosk tokens.
std::string RandomToken();
// What is stored instead of a token: BLAKE2b-256 (crypto_generichash) as 64 hex digits.
std::string TokenHash(std::string_view token);
// Constant-time equality (sodium_memcmp); different lengths are unequal.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace cb
