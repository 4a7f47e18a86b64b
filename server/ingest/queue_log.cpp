// Asterisk queue_log line parser (queue_log.h): field splitting, validation and the typed view
// of every event's version variants (docs/queue_log.md).
#include "server/ingest/queue_log.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include "server/ingest/event_time.h"

namespace cb {
namespace {

constexpr std::string_view kEventNames[] = {
    "CUSTOM",
    "QUEUESTART", "CONFIGRELOAD",
    "ENTERQUEUE", "CONNECT", "COMPLETEAGENT", "COMPLETECALLER",
    "ABANDON", "EXITWITHTIMEOUT", "EXITWITHKEY", "EXITEMPTY", "WITHDRAW",
    "RINGNOANSWER", "RINGCANCELED", "AGENTDUMP", "SYSCOMPAT",
    "TRANSFER", "BLINDTRANSFER", "ATTENDEDTRANSFER",
    "ADDMEMBER", "REMOVEMEMBER", "PAUSE", "UNPAUSE", "PAUSEALL", "UNPAUSEALL", "PENALTY", "RINGINUSE",
    "AGENTLOGIN", "AGENTLOGOFF", "AGENTCALLBACKLOGIN", "AGENTCALLBACKLOGOFF",
    "OUTCALL",
};
static_assert(std::size(kEventNames) == static_cast<size_t>(QueueLogEvent::kCount));

// Parses an optional non-negative or negative decimal integer. Empty -> -1 (absent), ok.
// Returns false when the text is not a number.
bool ParseInt(std::string_view s, int64_t* out) {
    *out = -1;
    if (s.empty()) return true;
    size_t i = 0;
    bool neg = false;
    if (s[0] == '-') { neg = true; i = 1; }
    if (i == s.size() || s.size() - i > 18) return false;
    int64_t v = 0;
    for (; i < s.size(); ++i) {
        const unsigned d = static_cast<unsigned char>(s[i]) - '0';
        if (d > 9) return false;
        v = v * 10 + d;
    }
    *out = neg ? -v : v;
    return true;
}

bool ParseInt32(std::string_view s, int32_t* out) {
    int64_t v = -1;
    if (!ParseInt(s, &v) || v > INT32_MAX || v < INT32_MIN) return false;
    *out = static_cast<int32_t>(v);
    return true;
}

// ASCII control bytes (tab allowed) and malformed UTF-8 make a line corrupt.
bool ValidBytes(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    while (p < end) {
        const unsigned c = *p;
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t') || c == 0x7F) return false;
            ++p;
            continue;
        }
        int n = 0;
        unsigned min = 0;
        if ((c & 0xE0) == 0xC0) { n = 1; min = 0x80; }
        else if ((c & 0xF0) == 0xE0) { n = 2; min = 0x800; }
        else if ((c & 0xF8) == 0xF0) { n = 3; min = 0x10000; }
        else return false;
        if (end - p <= n) return false;
        unsigned cp = c & (0x3Fu >> n);
        for (int k = 1; k <= n; ++k) {
            if ((p[k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (p[k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        p += n + 1;
    }
    return true;
}

bool ValidEventName(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                        c == '-';
        if (!ok) return false;
    }
    return true;
}

// The data from field i to the end of the line (free text that may contain '|').
std::string_view Rest(const QueueLogRecord& r, size_t i, std::string_view line) {
    if (i >= r.data_count) return {};
    const char* begin = r.data[i].data();
    return std::string_view(begin, static_cast<size_t>(line.data() + line.size() - begin));
}

std::string_view Field(const QueueLogRecord& r, size_t i) { return i < r.data_count ? r.data[i] : std::string_view{}; }

// Fills the typed fields. False when a numeric field of the event is not a number.
bool Interpret(QueueLogRecord* r, std::string_view line) {
    bool ok = true;
    auto num = [&](size_t i, int64_t* out) { ok = ParseInt(Field(*r, i), out) && ok; };
    auto pos = [&](size_t i, int32_t* out) { ok = ParseInt32(Field(*r, i), out) && ok; };
    switch (r->event) {
    case QueueLogEvent::EnterQueue:
        r->text = Field(*r, 0);
        r->caller_num = Field(*r, 1);
        pos(2, &r->orig_position);
        r->caller_name = Rest(*r, 3, line);
        break;
    case QueueLogEvent::Connect: {
        num(0, &r->hold_s);
        r->member_uid = Field(*r, 1);
        int64_t ring_s = -1;
        num(2, &ring_s);
        if (ring_s >= 0) r->ring_ms = ring_s < INT64_MAX / 1000 ? ring_s * 1000 : INT64_MAX;  // no overflow
        break;
    }
    case QueueLogEvent::CompleteAgent:
    case QueueLogEvent::CompleteCaller:
        num(0, &r->hold_s);
        num(1, &r->talk_s);
        pos(2, &r->orig_position);
        break;
    case QueueLogEvent::Abandon:
    case QueueLogEvent::ExitEmpty:
    case QueueLogEvent::ExitWithTimeout:  // 1.2-1.6 may write only pos
        pos(0, &r->position);
        pos(1, &r->orig_position);
        num(2, &r->hold_s);
        break;
    case QueueLogEvent::ExitWithKey:      // key|pos (<= 11) or key|pos|origpos|wait (12+)
        r->text = Field(*r, 0);
        pos(1, &r->position);
        pos(2, &r->orig_position);
        num(3, &r->hold_s);
        break;
    case QueueLogEvent::Withdraw:
        pos(0, &r->position);
        pos(1, &r->orig_position);
        num(2, &r->hold_s);
        r->text = Rest(*r, 3, line);
        break;
    case QueueLogEvent::RingNoAnswer:
    case QueueLogEvent::RingCanceled:
        num(0, &r->ring_ms);
        break;
    case QueueLogEvent::Transfer:         // exten|ctx (1.2), +hold|call (1.4), +origpos (1.6.1+)
    case QueueLogEvent::BlindTransfer:
        r->exten = Field(*r, 0);
        r->context = Field(*r, 1);
        num(2, &r->hold_s);
        num(3, &r->talk_s);
        pos(4, &r->orig_position);
        break;
    case QueueLogEvent::AttendedTransfer: {  // BRIDGE|id|... APP|app|... LINK|ch1|ch2|...
        r->method = Field(*r, 0);
        const size_t base = r->method == "LINK" ? 3 : 2;
        num(base, &r->hold_s);
        num(base + 1, &r->talk_s);
        pos(base + 2, &r->orig_position);
        break;
    }
    case QueueLogEvent::AddMember:
        r->paused = Field(*r, 0) == "PAUSED";
        r->text = Rest(*r, 0, line);
        break;
    case QueueLogEvent::Pause:
    case QueueLogEvent::Unpause:
    case QueueLogEvent::PauseAll:
    case QueueLogEvent::UnpauseAll:
        r->text = Rest(*r, 0, line);
        break;
    case QueueLogEvent::AgentLogin:
        r->text = Rest(*r, 0, line);
        break;
    case QueueLogEvent::AgentLogoff:
        r->text = Field(*r, 0);
        num(1, &r->login_s);
        break;
    case QueueLogEvent::AgentCallbackLogin:
        r->exten = Field(*r, 0);
        break;
    case QueueLogEvent::AgentCallbackLogoff:
        r->exten = Field(*r, 0);
        num(1, &r->login_s);
        r->text = Rest(*r, 2, line);
        break;
    case QueueLogEvent::OutCall:
        r->text = Field(*r, 0);
        num(1, &r->talk_s);
        break;
    default:
        r->text = Rest(*r, 0, line);
        break;
    }
    return ok;
}

}  // namespace

std::string_view QueueLogEventName(QueueLogEvent e) {
    const auto i = static_cast<size_t>(e);
    return i < std::size(kEventNames) ? kEventNames[i] : kEventNames[0];
}

QueueLogEvent QueueLogEventFromName(std::string_view name) {
    for (size_t i = 1; i < std::size(kEventNames); ++i)
        if (kEventNames[i] == name) return static_cast<QueueLogEvent>(i);
    return QueueLogEvent::Custom;
}

std::string_view QueueLogStatusName(QueueLogStatus s) {
    switch (s) {
    case QueueLogStatus::Ok: return "ok";
    case QueueLogStatus::Blank: return "blank";
    case QueueLogStatus::TooLong: return "too_long";
    case QueueLogStatus::BadEncoding: return "bad_encoding";
    case QueueLogStatus::BadTime: return "bad_time";
    case QueueLogStatus::TooFewFields: return "too_few_fields";
    case QueueLogStatus::BadEventName: return "bad_event_name";
    case QueueLogStatus::BadData: return "bad_data";
    }
    return "unknown";
}

QueueLogStatus ParseQueueLogLine(std::string_view line, QueueLogRecord* out) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) return QueueLogStatus::Blank;
    if (line.size() > kQueueLogMaxLineBytes) return QueueLogStatus::TooLong;
    if (!ValidBytes(line)) return QueueLogStatus::BadEncoding;

    *out = QueueLogRecord{};
    std::string_view fixed[5];
    size_t start = 0;
    size_t n = 0;
    bool has_data = false;
    while (n < 5) {
        const size_t bar = line.find('|', start);
        if (bar == std::string_view::npos) {
            fixed[n++] = line.substr(start);
            start = line.size();
            break;
        }
        fixed[n++] = line.substr(start, bar - start);
        start = bar + 1;
        if (n == 5) has_data = true;
    }
    if (n < 5) {
        int64_t t = -1;
        if (!ParseInt(fixed[0], &t) || t < 0) return QueueLogStatus::BadTime;
        return QueueLogStatus::TooFewFields;
    }
    int64_t epoch = -1;
    if (fixed[0].empty() || !ParseInt(fixed[0], &epoch) || !EventSecondsAccepted(epoch)) return QueueLogStatus::BadTime;
    if (!ValidEventName(fixed[4])) return QueueLogStatus::BadEventName;
    out->t_ms = epoch * 1000;
    out->callid = fixed[1];
    out->queue = fixed[2];
    out->agent = fixed[3];
    out->event_name = fixed[4];
    out->event = QueueLogEventFromName(fixed[4]);

    if (has_data) {
        // Data: split on '|'; the last kept field takes the rest. A line ending in "|" after the
        // event (empty data) has no data fields.
        std::string_view data = line.substr(start);
        if (!data.empty()) {
            size_t k = 0;
            while (true) {
                const size_t bar = data.find('|');
                if (bar == std::string_view::npos || k + 1 == kQueueLogMaxData) {
                    out->data[k++] = data;
                    break;
                }
                out->data[k++] = data.substr(0, bar);
                data.remove_prefix(bar + 1);
            }
            out->data_count = static_cast<uint8_t>(k);
        }
    }
    return Interpret(out, line) ? QueueLogStatus::Ok : QueueLogStatus::BadData;
}

uint64_t QueueLogHash(std::string_view bytes) {
    // 8 bytes per step (little-endian loads, explicit so every platform agrees), then a final mix.
    auto load = [](const unsigned char* p, size_t n) {
        uint64_t v = 0;
        for (size_t i = 0; i < n; ++i) v |= uint64_t{p[i]} << (8 * i);
        return v;
    };
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    size_t n = bytes.size();
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (uint64_t{n} * 0xff51afd7ed558ccdULL);
    while (n >= 8) {
        uint64_t v;
        std::memcpy(&v, p, 8);
        if constexpr (std::endian::native == std::endian::big) v = load(p, 8);
        h = (h ^ (v * 0x87c37b91114253d5ULL)) * 0x4cf5ad432745937fULL;
        h ^= h >> 29;
        p += 8;
        n -= 8;
    }
    if (n > 0) {
        h = (h ^ (load(p, n) * 0x87c37b91114253d5ULL)) * 0x4cf5ad432745937fULL;
        h ^= h >> 29;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h == 0 ? 1 : h;
}

namespace {

// A decimal number of min..max digits without a leading zero (except "0" itself).
bool CanonicalDigits(std::string_view d, size_t min, size_t max, uint64_t* value) {
    if (d.size() < min || d.size() > max || (d.size() > 1 && d[0] == '0')) return false;
    uint64_t v = 0;
    for (char c : d) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    *value = v;
    return true;
}

}  // namespace

uint64_t QueueLogCallKey(std::string_view callid) {
    const size_t dot = callid.find('.');
    uint64_t epoch = 0, seq = 0;
    if (dot != std::string_view::npos && CanonicalDigits(callid.substr(0, dot), 9, 11, &epoch) &&
        CanonicalDigits(callid.substr(dot + 1), 1, 10, &seq)) {
        return (epoch << kCallKeySeqBits) | (seq & ((uint64_t{1} << kCallKeySeqBits) - 1));
    }
    return QueueLogHash(callid) | (uint64_t{1} << 63);
}

}  // namespace cb
