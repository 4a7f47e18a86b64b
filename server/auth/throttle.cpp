#include "server/auth/throttle.h"

#include <algorithm>

namespace cb {
namespace {
constexpr size_t kPruneAbove = 10000;  // keys kept before old ones are swept
}

int64_t LoginThrottle::WaitMs(Failures& failures, const std::string& key, int limit, int64_t now_ms) {
    auto it = failures.find(key);
    if (it == failures.end()) return 0;
    std::deque<int64_t>& times = it->second;
    while (!times.empty() && times.front() + m_limits.window_ms <= now_ms) times.pop_front();
    if (static_cast<int>(times.size()) < limit) return 0;
    // Blocked until enough failures leave the window for one more attempt.
    const int64_t frees_at = times[times.size() - static_cast<size_t>(limit)] + m_limits.window_ms;
    return std::max<int64_t>(0, frees_at - now_ms);
}

void LoginThrottle::Prune(Failures& failures, int64_t now_ms) {
    if (failures.size() <= kPruneAbove) return;
    for (auto it = failures.begin(); it != failures.end();) {
        if (it->second.empty() || it->second.back() + m_limits.window_ms <= now_ms) it = failures.erase(it);
        else ++it;
    }
}

int64_t LoginThrottle::RetryAfterS(const std::string& account, const std::string& address, int64_t now_ms) {
    std::lock_guard<std::mutex> lock(m_mutex);
    const int64_t wait_ms = std::max(WaitMs(m_by_account, account, m_limits.per_account, now_ms),
                                     WaitMs(m_by_address, address, m_limits.per_address, now_ms));
    return (wait_ms + 999) / 1000;
}

void LoginThrottle::RecordFailure(const std::string& account, const std::string& address, int64_t now_ms) {
    std::lock_guard<std::mutex> lock(m_mutex);
    Prune(m_by_account, now_ms);
    Prune(m_by_address, now_ms);
    m_by_account[account].push_back(now_ms);
    m_by_address[address].push_back(now_ms);
}

void LoginThrottle::RecordSuccess(const std::string& account) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_by_account.erase(account);
}

}  // namespace cb
