// Private state of QueueLogMapper (queue_log_mapper.h), shared by its .cpp files.
#pragma once
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "server/ingest/queue_log_mapper.h"

namespace cb {
namespace qlog_detail {

inline constexpr uint32_t kMaxRank = 4095;  // 12 bits of the event id

enum class CallPhase : uint8_t { Waiting, Answered, Ended };

struct CallSt {
    uint64_t key = 0;
    CallPhase phase = CallPhase::Ended;
    uint16_t queue = kNoQueue;
    uint32_t agent = kNoAgent;
    int64_t entry_ms = 0;
    int64_t ended_ms = 0;
    std::vector<Event> held;  // events held back under an Exclude policy until the call ends
    bool known = false;       // was waiting or answered in this run (not a call first met ended)
    bool closed = false;      // ended by a close (its end never written): final, later lines are
                              // out of sequence (docs/queue_log.md, "A closed call is final")
};

struct AgentSt {
    std::vector<uint16_t> queues;  // queues the member was added to (ADDMEMBER)
    std::vector<uint16_t> members_told;  // queues the engine was told it is a member of (MemberAdded)
    bool agent_login = false;      // AGENTLOGIN / AGENTCALLBACKLOGIN seen
    bool logged_in = false;        // as told to the engine
    bool paused = false;
    NotReadyReason reason = NotReadyReason::None;
    uint64_t on_call = 0;          // call key while answered and not completed
    bool pause_pending = false;    // paused during a call: told to the engine when it ends
    bool login_known = false;      // a line of this run logged the member in or out (or paused it)
    bool seen = false;
};

struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace qlog_detail

struct QueueLogMapper::Impl {
    using CallSt = qlog_detail::CallSt;

    explicit Impl(QueueLogMapperConfig cfg);

    QueueLogMapperConfig config;
    Directory dir;
    uint64_t revision = 0;
    QueueLogSummary summary;
    std::string scratch;
    bool holding = false;  // an Exclude policy is set

    std::unordered_map<std::string, uint32_t, qlog_detail::StringHash, std::equal_to<>> agent_index;
    std::unordered_map<std::string, uint16_t, qlog_detail::StringHash, std::equal_to<>> queue_index;
    std::vector<qlog_detail::AgentSt> agents;  // by Directory agent index
    std::vector<bool> queue_seen;
    std::unordered_map<std::string, CallSt, qlog_detail::StringHash, std::equal_to<>> calls;
    std::unordered_map<uint64_t, std::string_view> key_owner;
    int64_t last_sweep_ms = 0;
    std::deque<std::pair<int64_t, uint64_t>> ended;  // (ended_ms, key) in end order, for Sweep
    std::string_view last_queue_name, last_agent_name;  // one-entry lookup caches (views into map keys)
    uint16_t last_queue = kNoQueue;
    uint32_t last_agent = kNoAgent;

    // Identity of the current line.
    int64_t cur_second = -1;
    uint32_t cur_rank = 0;
    uint32_t cur_sub = 0;
    uint64_t cur_seed = 0;
    std::vector<std::pair<uint64_t, uint32_t>> second_lines;  // (hash, count) of this second's lines

    QueueLogLineResult Map(const QueueLogRecord& r, std::string_view raw, std::vector<Event>* out);
    QueueLogLineResult NotMapped(std::string_view raw, QueueLogStatus st);
    void Emit(Event e, std::vector<Event>* out, CallSt* hold_in);
    void Release(CallSt& c, std::vector<Event>* out);
    Event ClosingEvent(const CallSt& c, int64_t t);
    void Close(CallSt& c, int64_t t, std::vector<Event>* out);
    void CloseAll(int64_t t, uint64_t seed, uint32_t rank, std::vector<Event>* out);
    void Sweep(int64_t now_ms);
    void MarkEnded(CallSt& c, int64_t t);
    CallSt& Call(std::string_view callid);
    QueueLogCallCounts* QueueCounts(uint16_t q);
    template <typename F> void Count(uint16_t q, F f) {  // adds to the total and the queue's counts
        f(summary.total);
        if (QueueLogCallCounts* c = QueueCounts(q)) f(*c);
    }

    // Directory (queue_log_directory.cpp)
    uint32_t AgentIndex(std::string_view member);
    uint16_t QueueIndex(std::string_view name);
    uint16_t TeamIndex(std::string_view key);
    NotReadyReason ReasonFor(std::string_view text) const;
    void AddQueueFromMap(const QueueLogQueueMap& m);

    CallSt* FindByKey(uint64_t key);
    static bool IsCallId(std::string_view id) {
        return !id.empty() && id != "NONE" && id != "REALTIME" && id != "MANAGER" && id != "CLI";
    }
    static std::string LineKey(uint64_t hash, uint32_t occurrence);
    static void MaskEnterQueueCaller(std::string* text);  // in a rejected line's listed text
    static uint64_t Mix(uint64_t x);
    static uint64_t MakeId(uint64_t low_seed, uint32_t rank, uint32_t sub);
};

}  // namespace cb
