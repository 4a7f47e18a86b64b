// Realtime-table (database export) rows of queue_log as CSV (queue_log.h): header layout, RFC 4180
// fields on one line, local "%F %T.%6q" time to UTC, data1..data5 rebuilt into the flat form.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "server/ingest/csv_split.h"
#include "server/ingest/queue_log.h"
#include "server/ingest/event_time.h"

namespace cb {
namespace {

std::string Lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    while (!out.empty() && (out.back() == ' ' || out.back() == '\r')) out.pop_back();
    const size_t b = out.find_first_not_of(' ');
    return b == std::string::npos ? std::string{} : out.substr(b);
}

// Days since 1970-01-01 of a civil date (proleptic Gregorian).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool Digits(std::string_view s, size_t at, size_t n, int64_t* out) {
    if (at + n > s.size() || n == 0 || n > 18) return false;
    int64_t v = 0;
    for (size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

// "YYYY-MM-DD HH:MM:SS[.ffffff]" (or 'T' between) as local time -> UTC ms; or an epoch in s.
bool ParseTime(std::string_view s, int32_t tz_offset_min, int64_t* t_ms) {
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    if (s.empty()) return false;
    if (s.find('-') == std::string_view::npos) {
        int64_t v = 0;
        const size_t dot = s.find('.');
        if (!Digits(s, 0, dot == std::string_view::npos ? s.size() : dot, &v) || !EventSecondsAccepted(v)) return false;
        *t_ms = v * 1000;
        return true;
    }
    int64_t y, mo, d, h, mi, sec;
    if (s.size() < 19 || !Digits(s, 0, 4, &y) || s[4] != '-' || !Digits(s, 5, 2, &mo) || s[7] != '-' ||
        !Digits(s, 8, 2, &d) || (s[10] != ' ' && s[10] != 'T') || !Digits(s, 11, 2, &h) || s[13] != ':' ||
        !Digits(s, 14, 2, &mi) || s[16] != ':' || !Digits(s, 17, 2, &sec))
        return false;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return false;
    int64_t ms = 0;
    if (s.size() > 19) {
        if (s[19] != '.') return false;
        size_t digits = 0;
        for (size_t i = 20; i < s.size(); ++i, ++digits) {
            if (s[i] < '0' || s[i] > '9') return false;
            if (digits < 3) ms = ms * 10 + (s[i] - '0');
        }
        if (digits == 0) return false;
        for (size_t k = digits; k < 3; ++k) ms *= 10;
    }
    const int64_t local_s = DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
    *t_ms = (local_s - int64_t{tz_offset_min} * 60) * 1000 + ms;
    return EventTimeAccepted(*t_ms);
}

}  // namespace

bool ParseQueueLogCsvHeader(std::string_view header, QueueLogCsvLayout* layout, std::string* error) {
    *layout = QueueLogCsvLayout{};
    if (header.size() >= 3 && header.substr(0, 3) == "\xEF\xBB\xBF") header.remove_prefix(3);  // BOM
    const size_t commas = static_cast<size_t>(std::count(header.begin(), header.end(), ','));
    const size_t semis = static_cast<size_t>(std::count(header.begin(), header.end(), ';'));
    const size_t tabs = static_cast<size_t>(std::count(header.begin(), header.end(), '\t'));
    layout->separator = tabs > commas && tabs > semis ? '\t' : semis > commas ? ';' : ',';
    std::string storage;
    std::vector<std::pair<size_t, size_t>> fields;
    if (!SplitCsv(header, layout->separator, &storage, &fields)) {
        *error = "header: unterminated quote";
        return false;
    }
    layout->columns = static_cast<int>(fields.size());
    for (size_t i = 0; i < fields.size(); ++i) {
        const std::string name = Lower(std::string_view(storage).substr(fields[i].first, fields[i].second));
        const int col = static_cast<int>(i);
        if (name == "time") layout->time = col;
        else if (name == "callid") layout->callid = col;
        else if (name == "queuename" || name == "queue") layout->queuename = col;
        else if (name == "agent") layout->agent = col;
        else if (name == "event") layout->event = col;
        else if (name == "data") layout->data = col;
        else if (name.size() == 5 && name.substr(0, 4) == "data" && name[4] >= '1' && name[4] <= '5')
            layout->data_n[static_cast<size_t>(name[4] - '1')] = col;
    }
    std::string missing;
    for (auto [col, name] : {std::pair{layout->time, "time"}, {layout->callid, "callid"},
                             {layout->queuename, "queuename"}, {layout->agent, "agent"}, {layout->event, "event"}})
        if (col < 0) missing += std::string(missing.empty() ? "" : ", ") + name;
    if (layout->data < 0 && layout->data_n[0] < 0) missing += std::string(missing.empty() ? "" : ", ") + "data or data1";
    if (!missing.empty()) {
        *error = "header: missing column(s) " + missing;
        return false;
    }
    return true;
}

QueueLogStatus ParseQueueLogCsvRow(std::string_view row, const QueueLogCsvLayout& layout,
                                   const QueueLogCsvOptions& options, std::string* scratch, QueueLogRecord* out) {
    if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
    if (row.find_first_not_of(" \t") == std::string_view::npos) return QueueLogStatus::Blank;
    if (row.size() > kQueueLogMaxLineBytes) return QueueLogStatus::TooLong;
    thread_local std::string storage;
    thread_local std::vector<std::pair<size_t, size_t>> fields;
    if (!SplitCsv(row, layout.separator, &storage, &fields)) return QueueLogStatus::TooFewFields;
    auto col = [&](int c) -> std::string_view {
        if (c < 0 || static_cast<size_t>(c) >= fields.size()) return {};
        return std::string_view(storage).substr(fields[static_cast<size_t>(c)].first,
                                                fields[static_cast<size_t>(c)].second);
    };
    if (fields.size() < 5 || col(layout.event).empty()) return QueueLogStatus::TooFewFields;
    int64_t t_ms = 0;
    if (!ParseTime(col(layout.time), options.tz_offset_min, &t_ms)) return QueueLogStatus::BadTime;
    for (int c : {layout.callid, layout.queuename, layout.agent, layout.event})
        if (col(c).find('|') != std::string_view::npos) return QueueLogStatus::BadData;

    // Rebuild the flat line: epoch|callid|queue|agent|event|data.
    scratch->clear();
    scratch->append(std::to_string(t_ms / 1000));
    for (int c : {layout.callid, layout.queuename, layout.agent, layout.event}) {
        scratch->push_back('|');
        scratch->append(col(c));
    }
    scratch->push_back('|');
    int last = -1;
    for (int k = 0; k < 5; ++k)
        if (!col(layout.data_n[static_cast<size_t>(k)]).empty()) last = k;
    if (last >= 0) {
        for (int k = 0; k <= last; ++k) {
            if (k > 0) scratch->push_back('|');
            scratch->append(col(layout.data_n[static_cast<size_t>(k)]));
        }
    } else {
        scratch->append(col(layout.data));
    }
    const QueueLogStatus st = ParseQueueLogLine(*scratch, out);
    if (st == QueueLogStatus::Ok) out->t_ms = t_ms;
    return st;
}

}  // namespace cb
