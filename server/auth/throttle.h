// Throttling of failed sign-ins (docs/auth.md): at most 5 failures per account and 20 per
// address within 15 minutes; past that, sign-in attempts are refused (429) until the oldest
// counted failure leaves the window. In memory, thread-safe; the clock is passed in.
#pragma once
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace cb {

struct ThrottleLimits {
    int per_account = 5;
    int per_address = 20;
    int64_t window_ms = 15 * 60 * 1000;
};

class LoginThrottle {
public:
    explicit LoginThrottle(ThrottleLimits limits = ThrottleLimits()) : m_limits(limits) {}

    // Seconds until an attempt for this account from this address may be tried (rounded up),
    // or 0 when it may be tried now.
    int64_t RetryAfterS(const std::string& account, const std::string& address, int64_t now_ms);
    // Counts one failure against the account and the address.
    void RecordFailure(const std::string& account, const std::string& address, int64_t now_ms);
    // A successful sign-in forgives the account's failures (not the address's).
    void RecordSuccess(const std::string& account);

private:
    using Failures = std::unordered_map<std::string, std::deque<int64_t>>;
    int64_t WaitMs(Failures& failures, const std::string& key, int limit, int64_t now_ms);
    void Prune(Failures& failures, int64_t now_ms);

    ThrottleLimits m_limits;
    std::mutex m_mutex;
    Failures m_by_account;
    Failures m_by_address;
};

}  // namespace cb
