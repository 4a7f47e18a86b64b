// Events -> queue_log lines (queue_log_writer.h), in the current Asterisk variants.
#include "server/ingest/queue_log_writer.h"

#include <string_view>

namespace cb {
namespace {

int64_t FloorS(int64_t t_ms) { return t_ms >= 0 ? t_ms / 1000 : -((-t_ms + 999) / 1000); }

std::string_view PauseReasonText(NotReadyReason r) {
    switch (r) {
    case NotReadyReason::Break: return "Break";
    case NotReadyReason::Lunch: return "Lunch";
    case NotReadyReason::Training: return "Training";
    case NotReadyReason::Meeting: return "Meeting";
    case NotReadyReason::Coaching: return "Coaching";
    case NotReadyReason::Personal: return "Personal";
    case NotReadyReason::Escalation: return "Escalation";
    case NotReadyReason::Other: return "Other";
    default: return "";
    }
}

}  // namespace

QueueLogWriter::QueueLogWriter(const Directory& directory, QueueLogWriterOptions options)
    : m_dir(directory), m_options(std::move(options)) {}

std::string QueueLogWriter::CallId(uint64_t call) const {
    auto it = m_calls.find(call);
    return std::to_string(it != m_calls.end() ? it->second.entry_s : 0) + "." + std::to_string(call);
}

int QueueLogWriter::Write(const Event& e, std::string* out) {
    const int64_t t = FloorS(e.t_ms);
    auto queue_name = [&](uint16_t q) -> std::string_view {
        return q < m_dir.queues.size() ? std::string_view(m_dir.queues[q].key) : std::string_view("NONE");
    };
    auto member = [&]() {
        return e.agent < m_dir.agents.size() ? m_options.member_prefix + m_dir.agents[e.agent].key
                                             : std::string("NONE");
    };
    auto line = [&](std::string_view callid, std::string_view queue, std::string_view agent,
                    std::string_view event, std::string_view data) {
        out->append(std::to_string(t)).push_back('|');
        out->append(callid).push_back('|');
        out->append(queue).push_back('|');
        out->append(agent).push_back('|');
        out->append(event).push_back('|');
        out->append(data).push_back('\n');
    };
    auto n = [](int64_t v) { return std::to_string(v); };

    switch (e.kind) {
    case EventKind::CallOffered: {
        CallState& c = m_calls[e.call];
        c = CallState{t, -1, e.queue, kNoAgent};
        std::string data(1, '|');  // url|callerid|position
        data.append(n(int64_t(e.call % 100000000))).append("|1");
        line(CallId(e.call), queue_name(e.queue), "NONE", "ENTERQUEUE", data);
        return 1;
    }
    case EventKind::CallAnswered: {
        auto it = m_calls.find(e.call);
        if (it == m_calls.end()) {
            const int64_t wait_s = e.wait_ms >= 0 ? e.wait_ms / 1000 : 0;
            it = m_calls.emplace(e.call, CallState{t - wait_s, -1, e.queue, kNoAgent}).first;
        }
        CallState& c = it->second;
        c.answer_s = t;
        c.agent = e.agent;
        const int64_t ring_s = e.ring_ms >= 0 ? e.ring_ms / 1000 : 0;
        line(CallId(e.call), queue_name(c.queue), member(), "CONNECT",
             n(t - c.entry_s) + "|" + n(t) + "." + n(int64_t(e.call)) + "|" + n(ring_s));
        return 1;
    }
    case EventKind::CallCompleted:
    case EventKind::CallTransferred: {
        auto it = m_calls.find(e.call);
        if (it == m_calls.end() || it->second.answer_s < 0) return 0;
        const CallState c = it->second;
        const std::string hold = n(c.answer_s - c.entry_s);
        const std::string talk = n(t - c.answer_s);
        if (e.kind == EventKind::CallCompleted) {
            line(CallId(e.call), queue_name(c.queue), member(), "COMPLETEAGENT", hold + "|" + talk + "|1");
        } else {
            const std::string exten = e.target_queue != kNoQueue ? std::string(queue_name(e.target_queue)) : "0";
            line(CallId(e.call), queue_name(c.queue), member(), "BLINDTRANSFER",
                 exten + "|from-internal|" + hold + "|" + talk + "|1");
        }
        m_calls.erase(it);
        return 1;
    }
    case EventKind::CallAbandoned:
    case EventKind::CallExited: {
        auto it = m_calls.find(e.call);
        const int64_t wait_s = it != m_calls.end() ? t - it->second.entry_s : (e.wait_ms >= 0 ? e.wait_ms / 1000 : 0);
        const uint16_t q = it != m_calls.end() ? it->second.queue : e.queue;
        const std::string id = CallId(e.call);
        std::string_view ev = "ABANDON";
        std::string data = "1|1|" + n(wait_s);
        if (e.kind == EventKind::CallExited) {
            switch (e.exit_reason) {
            case ExitReason::Timeout: ev = "EXITWITHTIMEOUT"; break;
            case ExitReason::Empty: ev = "EXITEMPTY"; break;
            case ExitReason::Key: ev = "EXITWITHKEY"; data = "0|" + data; break;
            case ExitReason::Withdraw: ev = "WITHDRAW"; data += "|"; break;
            default: ev = "EXITEMPTY"; break;
            }
        }
        line(id, queue_name(q), "NONE", ev, data);
        if (it != m_calls.end()) m_calls.erase(it);
        return 1;
    }
    case EventKind::RingNoAnswer: {
        auto it = m_calls.find(e.call);
        const uint16_t q = it != m_calls.end() ? it->second.queue : e.queue;
        line(e.call != 0 ? CallId(e.call) : std::string("NONE"), queue_name(q), member(), "RINGNOANSWER",
             n(e.ring_ms >= 0 ? e.ring_ms : 0));
        return 1;
    }
    case EventKind::AgentLogin:
    case EventKind::AgentLogout: {
        if (e.agent >= m_dir.agents.size()) return 0;
        const uint32_t skills = m_dir.agents[e.agent].skills;
        int lines = 0;
        for (size_t q = 0; q < m_dir.queues.size(); ++q) {
            if (skills != 0 && (q >= 32 || ((skills >> q) & 1u) == 0)) continue;
            if (e.kind == EventKind::AgentLogin)
                line("MANAGER", m_dir.queues[q].key, member(), "ADDMEMBER", "PAUSED");
            else
                line("MANAGER", m_dir.queues[q].key, member(), "REMOVEMEMBER", "");
            ++lines;
        }
        return lines;
    }
    case EventKind::AgentNotReady:
        line("NONE", "NONE", member(), "PAUSEALL", PauseReasonText(e.reason));
        return 1;
    case EventKind::AgentReady:
        line("NONE", "NONE", member(), "UNPAUSEALL", "");
        return 1;
    default:
        return 0;
    }
}

}  // namespace cb
