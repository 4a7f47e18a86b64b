// Time zones (tz.h): civil dates, TZif data (RFC 8536) and POSIX TZ rules.
#include "tz.h"

#include <algorithm>
#include <cstdio>

namespace cb {
namespace {

constexpr int64_t kMaxS = INT64_MAX / 2000;  // far beyond any date we handle, safe to add to

int64_t FloorDiv(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// ---- POSIX TZ strings ---------------------------------------------------------------------

class RuleParser {
public:
    explicit RuleParser(std::string_view s) : m_s(s) {}

    bool Parse(TimeZone::Rule* out, std::string* why) {
        if (!Name() || !Offset(&out->std_offset_s)) return Fail(why, "a standard time name and offset");
        out->std_offset_s = -out->std_offset_s;  // POSIX counts west of Greenwich as positive
        if (Done()) return true;
        if (!Name()) return Fail(why, "a daylight time name");
        out->has_dst = true;
        out->dst_offset_s = out->std_offset_s + 3600;
        if (!Done() && Peek() != ',') {
            int32_t off = 0;
            if (!Offset(&off)) return Fail(why, "a daylight offset");
            out->dst_offset_s = -off;
        }
        if (Done()) {  // no rule: the US rules of POSIX's default
            out->start = {'M', 3, 2, 0, 0, 7200};
            out->end = {'M', 11, 1, 0, 0, 7200};
            return true;
        }
        if (!Eat(',') || !Date(&out->start) || !Eat(',') || !Date(&out->end) || !Done()) {
            return Fail(why, "daylight rules ',start[/time],end[/time]'");
        }
        return true;
    }

private:
    bool Fail(std::string* why, const char* what) {
        if (why) *why = std::string("POSIX TZ rule '") + std::string(m_s) + "': expected " + what;
        return false;
    }
    bool Done() const { return m_pos >= m_s.size(); }
    char Peek() const { return Done() ? '\0' : m_s[m_pos]; }
    bool Eat(char c) {
        if (Peek() != c) return false;
        ++m_pos;
        return true;
    }
    bool Name() {
        if (Eat('<')) {
            const size_t close = m_s.find('>', m_pos);
            if (close == std::string_view::npos || close == m_pos) return false;
            m_pos = close + 1;
            return true;
        }
        const size_t start = m_pos;
        while (!Done() && ((Peek() >= 'A' && Peek() <= 'Z') || (Peek() >= 'a' && Peek() <= 'z'))) ++m_pos;
        return m_pos - start >= 3;
    }
    bool Number(int32_t* out, int max_digits) {
        int32_t v = 0;
        int digits = 0;
        while (!Done() && Peek() >= '0' && Peek() <= '9' && digits < max_digits) {
            v = v * 10 + (Peek() - '0');
            ++m_pos;
            ++digits;
        }
        *out = v;
        return digits > 0;
    }
    // [+-]hh[:mm[:ss]], hours up to 167 (RFC 8536's extension for rule times)
    bool Offset(int32_t* out) {
        int sign = 1;
        if (Eat('-')) sign = -1;
        else Eat('+');
        int32_t h = 0, m = 0, sec = 0;
        if (!Number(&h, 3) || h > 167) return false;
        if (Eat(':')) {
            if (!Number(&m, 2) || m > 59) return false;
            if (Eat(':') && (!Number(&sec, 2) || sec > 59)) return false;
        }
        *out = sign * (h * 3600 + m * 60 + sec);
        return true;
    }
    bool Date(TimeZone::RuleDate* d) {
        if (Eat('M')) {
            d->kind = 'M';
            if (!Number(&d->month, 2) || d->month < 1 || d->month > 12 || !Eat('.')) return false;
            if (!Number(&d->week, 1) || d->week < 1 || d->week > 5 || !Eat('.')) return false;
            if (!Number(&d->weekday, 1) || d->weekday > 6) return false;
        } else if (Eat('J')) {
            d->kind = 'J';
            if (!Number(&d->day, 3) || d->day < 1 || d->day > 365) return false;
        } else {
            d->kind = 'N';
            if (!Number(&d->day, 3) || d->day > 365) return false;
        }
        d->time_s = 7200;
        if (Eat('/') && !Offset(&d->time_s)) return false;
        return true;
    }

    std::string_view m_s;
    size_t m_pos = 0;
};

// Days since the epoch of a rule date in year y (0:00 local of that day).
int64_t RuleDay(const TimeZone::RuleDate& d, int64_t y) {
    const int64_t jan1 = DaysFromCivil({static_cast<int32_t>(y), 1, 1});
    if (d.kind == 'J') {  // 1-365, February 29 never counted
        int64_t n = d.day - 1;
        if (IsLeap(y) && d.day >= 60) ++n;
        return jan1 + n;
    }
    if (d.kind == 'N') return jan1 + d.day;
    // Mm.w.d: day d (0 = Sunday) of week w (5 = the last) of month m.
    const int64_t first = DaysFromCivil({static_cast<int32_t>(y), d.month, 1});
    const int first_weekday = static_cast<int>(((first + 4) % 7 + 7) % 7);  // 1970-01-01 was a Thursday (4)
    int64_t day = first + ((d.weekday - first_weekday + 7) % 7) + (d.week - 1) * 7;
    const int64_t last = first + DaysInMonth(y, d.month) - 1;
    while (day > last) day -= 7;
    return day;
}

// The UTC seconds when daylight time starts and ends in year y.
void RuleChanges(const TimeZone::Rule& r, int64_t y, int64_t* start_s, int64_t* end_s) {
    // The start is given in standard local time, the end in daylight local time.
    *start_s = RuleDay(r.start, y) * 86400 + r.start.time_s - r.std_offset_s;
    *end_s = RuleDay(r.end, y) * 86400 + r.end.time_s - r.dst_offset_s;
}

int32_t RuleOffsetAt(const TimeZone::Rule& r, int64_t utc_s) {
    if (!r.has_dst) return r.std_offset_s;
    const int64_t y = CivilFromDays(FloorDiv(utc_s + r.std_offset_s, 86400)).year;
    int64_t start = 0, end = 0;
    RuleChanges(r, y, &start, &end);
    if (start < end) return utc_s >= start && utc_s < end ? r.dst_offset_s : r.std_offset_s;
    return utc_s >= end && utc_s < start ? r.std_offset_s : r.dst_offset_s;  // southern hemisphere
}

// ---- TZif ------------------------------------------------------------------------------------

class Bytes {
public:
    explicit Bytes(std::string_view b) : m_b(b) {}
    bool Has(size_t n) const { return m_pos + n <= m_b.size(); }
    uint32_t U32() {
        uint32_t v = 0;
        for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(m_b[m_pos++]);
        return v;
    }
    int64_t I64() {
        uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(m_b[m_pos++]);
        return static_cast<int64_t>(v);
    }
    uint8_t U8() { return static_cast<uint8_t>(m_b[m_pos++]); }
    void Skip(size_t n) { m_pos += n; }
    size_t pos() const { return m_pos; }
    std::string_view rest() const { return m_b.substr(m_pos); }

private:
    std::string_view m_b;
    size_t m_pos = 0;
};

struct TzifHeader {
    char version = 0;
    uint32_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;
};

bool ReadHeader(Bytes& b, TzifHeader* h) {
    if (!b.Has(44)) return false;
    std::string_view magic = b.rest().substr(0, 4);
    if (magic != "TZif") return false;
    b.Skip(4);
    h->version = static_cast<char>(b.U8());
    b.Skip(15);
    h->isutcnt = b.U32();
    h->isstdcnt = b.U32();
    h->leapcnt = b.U32();
    h->timecnt = b.U32();
    h->typecnt = b.U32();
    h->charcnt = b.U32();
    return h->typecnt > 0 && h->timecnt < 100000 && h->typecnt < 256 && h->charcnt < 100000 && h->leapcnt < 100000;
}

size_t BlockSize(const TzifHeader& h, int time_size) {
    return h.timecnt * static_cast<size_t>(time_size) + h.timecnt + h.typecnt * 6 + h.charcnt +
           h.leapcnt * static_cast<size_t>(time_size + 4) + h.isstdcnt + h.isutcnt;
}

}  // namespace

// ---- civil dates ------------------------------------------------------------------------------

int64_t DaysFromCivil(const CivilDate& d) {
    // H. Hinnant's days_from_civil.
    const int64_t y = static_cast<int64_t>(d.year) - (d.month <= 2 ? 1 : 0);
    const int64_t era = FloorDiv(y, 400);
    const int64_t yoe = y - era * 400;
    const int64_t mp = (d.month + 9) % 12;
    const int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t z) {
    z += 719468;
    const int64_t era = FloorDiv(z, 146097);
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    return CivilDate{static_cast<int32_t>(y), static_cast<int32_t>(m), static_cast<int32_t>(d)};
}

int WeekdayOf(const CivilDate& d) {
    return static_cast<int>(((DaysFromCivil(d) + 3) % 7 + 7) % 7);  // 1970-01-01 was a Thursday (3)
}

bool ParseCivilDate(std::string_view t, CivilDate* out) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
    int32_t v[3] = {0, 0, 0};
    const size_t at[3] = {0, 5, 8}, len[3] = {4, 2, 2};
    for (int k = 0; k < 3; ++k) {
        for (size_t i = 0; i < len[k]; ++i) {
            const char c = t[at[k] + i];
            if (c < '0' || c > '9') return false;
            v[k] = v[k] * 10 + (c - '0');
        }
    }
    if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > DaysInMonth(v[0], v[1])) return false;
    *out = CivilDate{v[0], v[1], v[2]};
    return true;
}

std::string FormatCivilDate(const CivilDate& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

// ---- TimeZone ---------------------------------------------------------------------------------

TimeZone::TimeZone() = default;

TimeZone TimeZone::Fixed(int32_t offset_min) {
    TimeZone z;
    z.m_fixed = true;
    z.m_fixed_offset_s = int64_t{offset_min} * 60;
    char buf[24];
    const int32_t a = offset_min < 0 ? -offset_min : offset_min;
    std::snprintf(buf, sizeof buf, "UTC%c%02d:%02d", offset_min < 0 ? '-' : '+', a / 60, a % 60);
    z.m_name = buf;
    return z;
}

bool TimeZone::FromPosix(std::string name, std::string_view rule, TimeZone* out, std::string* error) {
    TimeZone z;
    if (!RuleParser(rule).Parse(&z.m_rule, error)) return false;
    z.m_name = std::move(name);
    z.m_fixed = false;
    z.m_has_rule = true;
    z.m_initial_offset_s = z.m_rule.std_offset_s;
    *out = std::move(z);
    return true;
}

bool TimeZone::FromTzif(std::string name, std::string_view tzif, TimeZone* out, std::string* error) {
    auto fail = [&](const std::string& why) {
        if (error) *error = "time zone '" + name + "': " + why;
        return false;
    };
    Bytes b(tzif);
    TzifHeader h;
    if (!ReadHeader(b, &h)) return fail("not TZif data");
    int time_size = 4;
    if (h.version >= '2') {  // skip the 32-bit block, read the 64-bit one
        const size_t v1 = BlockSize(h, 4);
        if (!b.Has(v1)) return fail("the data ends early");
        b.Skip(v1);
        if (!ReadHeader(b, &h)) return fail("no second header");
        time_size = 8;
    }
    if (!b.Has(BlockSize(h, time_size))) return fail("the data ends early");
    std::vector<int64_t> times(h.timecnt);
    for (int64_t& t : times) t = time_size == 8 ? b.I64() : static_cast<int32_t>(b.U32());
    std::vector<uint8_t> index(h.timecnt);
    for (uint8_t& i : index) i = b.U8();
    std::vector<int32_t> offsets(h.typecnt);
    for (int32_t& o : offsets) {
        o = static_cast<int32_t>(b.U32());
        b.Skip(2);  // isdst, desigidx
        if (o <= -86400 || o >= 86400) return fail("an offset is not within a day");
    }
    b.Skip(h.charcnt + h.leapcnt * static_cast<size_t>(time_size + 4) + h.isstdcnt + h.isutcnt);
    TimeZone z;
    z.m_name = name;
    z.m_fixed = false;
    z.m_initial_offset_s = offsets[0];  // RFC 8536: type 0 before the first transition
    for (size_t i = 0; i < times.size(); ++i) {
        if (index[i] >= offsets.size()) return fail("a transition names a type that is not there");
        if (i > 0 && times[i] <= times[i - 1]) return fail("transitions are not in order");
        z.m_transitions.push_back({times[i], offsets[index[i]]});
    }
    if (time_size == 8) {  // footer: "\n<POSIX TZ string>\n"
        std::string_view rest = b.rest();
        if (rest.size() >= 2 && rest.front() == '\n') {
            const size_t close = rest.find('\n', 1);
            const std::string_view rule = rest.substr(1, close == std::string_view::npos ? 0 : close - 1);
            if (!rule.empty()) {
                std::string why;
                if (!RuleParser(rule).Parse(&z.m_rule, &why)) return fail(why);
                z.m_has_rule = true;
            }
        }
    }
    *out = std::move(z);
    return true;
}

int32_t TimeZone::OffsetSecondsAtS(int64_t s) const {
    if (m_fixed) return static_cast<int32_t>(m_fixed_offset_s);
    // After the last transition (or with none), the footer's rule holds when there is one.
    if (m_transitions.empty() || s >= m_transitions.back().at_s) {
        if (m_has_rule) return RuleOffsetAt(m_rule, s);
        return m_transitions.empty() ? m_initial_offset_s : m_transitions.back().offset_s;
    }
    auto it = std::upper_bound(m_transitions.begin(), m_transitions.end(), s,
                               [](int64_t v, const Transition& t) { return v < t.at_s; });
    return it == m_transitions.begin() ? m_initial_offset_s : std::prev(it)->offset_s;
}

int32_t TimeZone::OffsetSecondsAt(int64_t utc_ms) const { return OffsetSecondsAtS(FloorDiv(utc_ms, 1000)); }

int64_t TimeZone::NextChangeAfterS(int64_t s) const {
    if (m_fixed) return INT64_MAX;
    auto it = std::upper_bound(m_transitions.begin(), m_transitions.end(), s,
                               [](int64_t v, const Transition& t) { return v < t.at_s; });
    if (it != m_transitions.end()) return it->at_s;
    if (!m_has_rule || !m_rule.has_dst) return INT64_MAX;
    const int64_t y = CivilFromDays(FloorDiv(s + m_rule.std_offset_s, 86400)).year;
    int64_t best = INT64_MAX;
    for (int64_t year = y - 1; year <= y + 1; ++year) {
        int64_t start = 0, end = 0;
        RuleChanges(m_rule, year, &start, &end);
        for (int64_t c : {start, end}) {
            if (c > s && c < best && (m_transitions.empty() || c > m_transitions.back().at_s)) best = c;
        }
    }
    return best;
}

CivilTime TimeZone::ToCivil(int64_t utc_ms) const {
    const int64_t local_ms = utc_ms + int64_t{OffsetSecondsAt(utc_ms)} * 1000;
    const int64_t days = FloorDiv(local_ms, kMsPerDay);
    const int64_t in_day = local_ms - days * kMsPerDay;
    CivilTime c;
    c.date = CivilFromDays(days);
    c.hour = static_cast<int32_t>(in_day / 3600000);
    c.minute = static_cast<int32_t>(in_day / 60000 % 60);
    c.second = static_cast<int32_t>(in_day / 1000 % 60);
    c.ms = static_cast<int32_t>(in_day % 1000);
    return c;
}

int64_t TimeZone::ToUtc(const CivilTime& t) const {
    const int64_t local_ms = DaysFromCivil(t.date) * kMsPerDay + int64_t{t.hour} * 3600000 + int64_t{t.minute} * 60000 +
                             int64_t{t.second} * 1000 + t.ms;
    if (m_fixed) return local_ms - m_fixed_offset_s * 1000;
    // The offsets a day before and after bracket any one change.
    const int64_t o1 = int64_t{OffsetSecondsAt(local_ms - kMsPerDay)} * 1000;
    const int64_t o2 = int64_t{OffsetSecondsAt(local_ms + kMsPerDay)} * 1000;
    const int64_t u1 = local_ms - o1, u2 = local_ms - o2;
    const bool ok1 = int64_t{OffsetSecondsAt(u1)} * 1000 == o1;
    const bool ok2 = int64_t{OffsetSecondsAt(u2)} * 1000 == o2;
    if (ok1 && ok2) return std::min(u1, u2);  // repeated hour: the earlier
    if (ok1) return u1;
    if (ok2) return u2;
    // Skipped: the change instant that ends the gap.
    const int64_t change = NextChangeAfterS(FloorDiv(std::min(u1, u2), 1000));
    return change == INT64_MAX ? std::max(u1, u2) : change * 1000;
}

int64_t TimeZone::StartOfDate(const CivilDate& date) const { return ToUtc(CivilTime{date, 0, 0, 0, 0}); }

int64_t TimeZone::DayStart(int64_t utc_ms) const {
    if (m_fixed) {
        const int64_t off = m_fixed_offset_s * 1000;
        return FloorDiv(utc_ms + off, kMsPerDay) * kMsPerDay - off;
    }
    const int64_t start = StartOfDate(DateOf(utc_ms));
    return start <= utc_ms ? start : StartOfDate(CivilFromDays(DaysFromCivil(DateOf(utc_ms)) - 1));
}

int64_t TimeZone::NextDayStart(int64_t day_start_ms) const {
    if (m_fixed) return day_start_ms + kMsPerDay;
    const CivilDate d = DateOf(day_start_ms);
    return StartOfDate(CivilFromDays(DaysFromCivil(d) + 1));
}

std::vector<std::pair<int64_t, int32_t>> TimeZone::ChangesIn(int64_t from_ms, int64_t to_ms) const {
    std::vector<std::pair<int64_t, int32_t>> out;
    int64_t s = FloorDiv(from_ms, 1000) - 1;
    while (true) {
        const int64_t c = NextChangeAfterS(s);
        if (c == INT64_MAX || c >= kMaxS || c * 1000 >= to_ms) break;
        if (c * 1000 >= from_ms) {
            const int32_t before = OffsetSecondsAtS(c - 1), after = OffsetSecondsAtS(c);
            if (before != after) out.emplace_back(c * 1000, after / 60);
        }
        s = c;
    }
    return out;
}

}  // namespace cb
