// The hand-made center of the report tests (report_fixture.h).
//
// Saturday 2026-03-28 (Berlin, +01:00), queue sales (T 20 s, short 5 s):
//   07:55 1001 and 1002 log in (not ready, no reason), 08:00 ready.
//   c1 08:10:00 offered, 08:10:15 answered by 1001 (wait 15 s, within T), 08:14:15 completed
//      (talk 240 s), 08:15:00 order of 120.00 tagged, 08:15:15 wrap-up ended (60 s).
//   c2 08:20:00 offered, 08:20:30 answered by 1002 (wait 30 s), hold 08:21:00-08:21:30, 08:25:30
//      completed (talk 300 - 30 = 270 s, hold 30 s), 08:25:45 callback promised, 08:26:00 wrap-up
//      ended (30 s).
//   c3 08:30:00 offered, 08:30:04 abandoned (4 s: short and within T).
//   c4 08:40:00 offered, 08:41:00 abandoned (60 s).
//   1001 on break 09:00-09:10; both log out at 10:00.
// sales: offered 4, answered 2, within T 1, abandoned 2 (1 within T, 1 short), handled 2, waits
// 45 s answered and 64 s abandoned, talk 510 s, hold 30 s, wrap 90 s, 1 order of 12000 cents.
// SL 1/4 = 25 %; abandon rate (2 - 1) / (4 - 1) = 1/3.
// 1001: staffed 125 min = 7,500,000 ms; busy 08:10:15-08:15:15 = 300,000; not ready: none 5 min,
//   break 10 min; available 7,500,000 - 300,000 - 900,000 = 6,300,000.
// 1002: staffed 7,500,000; busy 08:20:30-08:26:00 = 330,000; not ready none 300,000; available
//   6,870,000; 1 callback promised.
//
// Sunday 2026-03-29 (clocks go from 02:00 +01:00 to 03:00 +02:00; the day has 23 h), queue
// support (T 30 s, short 10 s):
//   01:30 1003 logs in and is ready.
//   c5 01:50:00 offered, 01:50:40 answered by 1003 (40 s), 03:05:00 completed (00:50:40 to
//      01:05:00 UTC = 860 s talk), 03:05:30 callback kept, 03:06:00 wrap-up ended (60 s).
//   c6 03:20:00 offered, 03:20:08 abandoned (8 s: short, within T).
//   04:00 1003 logs out.
// support: offered 2, answered 1, within T 0, abandoned 1 (within T, short), handled 1, talk
// 860 s, wrap 60 s. SL 0 / (2 - 1) = 0 %. 1003: staffed 00:30-02:00 UTC = 5,400,000 ms, busy
// 00:50:40-01:06:00 UTC = 920,000 ms, 1 callback kept.
// Intervals of the 23 h day start at 23:00 UTC the day before: c5 (00:50 UTC) is interval 7
// ("01:45 +01:00"), c6 (01:20 UTC) interval 9 ("03:15 +02:00").
#include "report_fixture.h"

#include <doctest/doctest.h>
#include "server/base/time_zone.h"

namespace cbtest {
namespace {

using K = cb::EventKind;
constexpr uint16_t kSales = 0, kSupport = 1;
constexpr uint32_t k1001 = 0, k1002 = 1, k1003 = 2;
const cb::CivilDate kSat{2026, 3, 28}, kSun{2026, 3, 29};

cb::StoredEvent Ev(const std::string& key, K kind, int64_t t, uint64_t call, uint32_t agent, uint16_t queue = cb::kNoQueue) {
    cb::Event e;
    e.kind = kind;
    e.t_ms = t;
    e.call = call;
    e.agent = agent;
    e.queue = queue;
    return {key, e};
}

}  // namespace

cb::TimeZone Berlin() {
    static const cb::TimeZone zone = [] {
        cb::Result<cb::TimeZone> z = cb::LoadTimeZone("Europe/Berlin");
        REQUIRE(z.ok());
        return z.value();
    }();
    return zone;
}

int64_t BerlinMs(const cb::CivilDate& date, int h, int m, int s) { return Berlin().ToUtc({date, h, m, s, 0}); }

cb::Directory ReportCenter() {
    cb::Directory d;
    d.queues.push_back({"sales", "Sales", "销售", {cb::SlVariant::AnsweredOverOffered, 20, 0.8, 5}});
    d.queues.push_back({"support", "Support", "客服", {cb::SlVariant::AnsweredOverOfferedLessShort, 30, 0.9, 10}});
    d.teams.push_back({"a", "Team A", "一组"});
    d.teams.push_back({"b", "Team B", "二组"});
    d.agents.push_back({"1001", "Anna", "安娜", 0, 0, 0, 12, 0b01});
    d.agents.push_back({"1002", "Ben", "本", 0, 0, 1, 30, 0b11});
    d.agents.push_back({"1003", "Chen", "陈", 1, 0, 0, 6, 0b10});
    return d;
}

std::vector<cb::StoredEvent> ReportSaturday() {
    auto at = [](int h, int m, int s = 0) { return BerlinMs(kSat, h, m, s); };
    std::vector<cb::StoredEvent> e = {
        Ev("s01", K::AgentLogin, at(7, 55), 0, k1001, kSales),
        Ev("s02", K::AgentLogin, at(7, 55), 0, k1002, kSales),
        Ev("s03", K::AgentReady, at(8, 0), 0, k1001),
        Ev("s04", K::AgentReady, at(8, 0), 0, k1002),
        Ev("s05", K::CallOffered, at(8, 10), 1, cb::kNoAgent, kSales),
        Ev("s06", K::CallAnswered, at(8, 10, 15), 1, k1001, kSales),
        Ev("s07", K::CallCompleted, at(8, 14, 15), 1, k1001),
        Ev("s08", K::OutcomeTagged, at(8, 15), 1, k1001),
        Ev("s09", K::WrapUpEnded, at(8, 15, 15), 0, k1001),
        Ev("s10", K::CallOffered, at(8, 20), 2, cb::kNoAgent, kSales),
        Ev("s11", K::CallAnswered, at(8, 20, 30), 2, k1002, kSales),
        Ev("s12", K::CallHold, at(8, 21), 2, k1002),
        Ev("s13", K::CallResume, at(8, 21, 30), 2, k1002),
        Ev("s14", K::CallCompleted, at(8, 25, 30), 2, k1002),
        Ev("s15", K::OutcomeTagged, at(8, 25, 45), 2, k1002),
        Ev("s16", K::WrapUpEnded, at(8, 26), 0, k1002),
        Ev("s17", K::CallOffered, at(8, 30), 3, cb::kNoAgent, kSales),
        Ev("s18", K::CallAbandoned, at(8, 30, 4), 3, cb::kNoAgent, kSales),
        Ev("s19", K::CallOffered, at(8, 40), 4, cb::kNoAgent, kSales),
        Ev("s20", K::CallAbandoned, at(8, 41), 4, cb::kNoAgent, kSales),
        Ev("s21", K::AgentNotReady, at(9, 0), 0, k1001),
        Ev("s22", K::AgentReady, at(9, 10), 0, k1001),
        Ev("s23", K::AgentLogout, at(10, 0), 0, k1001),
        Ev("s24", K::AgentLogout, at(10, 0), 0, k1002),
    };
    e[7].event.outcome = cb::Outcome::Order;
    e[7].event.value_cents = 12000;
    e[14].event.outcome = cb::Outcome::CallbackPromised;
    e[20].event.reason = cb::NotReadyReason::Break;
    return e;
}

std::vector<cb::StoredEvent> ReportSunday() {
    auto at = [](int h, int m, int s = 0) { return BerlinMs(kSun, h, m, s); };
    std::vector<cb::StoredEvent> e = {
        Ev("u01", K::AgentLogin, at(1, 30), 0, k1003, kSupport),
        Ev("u02", K::AgentReady, at(1, 30), 0, k1003),
        Ev("u03", K::CallOffered, at(1, 50), 5, cb::kNoAgent, kSupport),
        Ev("u04", K::CallAnswered, at(1, 50, 40), 5, k1003, kSupport),
        Ev("u05", K::CallCompleted, at(3, 5), 5, k1003),
        Ev("u06", K::OutcomeTagged, at(3, 5, 30), 5, k1003),
        Ev("u07", K::WrapUpEnded, at(3, 6), 0, k1003),
        Ev("u08", K::CallOffered, at(3, 20), 6, cb::kNoAgent, kSupport),
        Ev("u09", K::CallAbandoned, at(3, 20, 8), 6, cb::kNoAgent, kSupport),
        Ev("u10", K::AgentLogout, at(4, 0), 0, k1003),
    };
    e[5].event.outcome = cb::Outcome::CallbackKept;
    return e;
}

ReportDb OpenReportDb(const std::string& path, int64_t definitions_ms) {
    ReportDb out;
    auto opened = cb::Store::Open(path, cb::DataKind::Real);
    REQUIRE(opened.ok());
    out.store = std::move(opened.value());
    cb::DerivedConfig derived;
    derived.interval_minutes = 15;
    derived.zone = Berlin();
    out.store->SetDerivedConfig(derived);
    out.directory = ReportCenter();
    REQUIRE(out.store->SaveDirectory(out.directory, definitions_ms).ok());
    REQUIRE(out.store->SaveCenterDefinition({cb::SlVariant::AnsweredOverOfferedLessShort, 20, 0.8, 5}, definitions_ms).ok());
    REQUIRE(out.store->Append("api", out.directory, ReportSaturday()).ok());
    REQUIRE(out.store->Append("api", out.directory, ReportSunday()).ok());
    REQUIRE(out.store->RebuildIntervals(BerlinMs({2026, 3, 30}, 12, 0)).ok());
    return out;
}

}  // namespace cbtest
