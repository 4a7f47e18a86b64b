// Forecasts from stored history (server/wfm/plan_service.h over server/store/store_wfm.h), and
// `callboard forecast`: the schema v11 special days with their audit lines; Poisson history with
// a weekly x intraday profile at about 100 calls an interval (the chosen method within 1.10 x the
// noise floor over 4 test weeks, below seasonal naive); a week repeating exactly in a zone with
// daylight saving time forecast with zero error; special days left out and applied; handle time,
// patience and staffing from the history; the command line's output and its clear errors.
#include <doctest/doctest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>
#include "core/wfm/plan_report.h"
#include "server/base/time_zone.h"
#include "server/store/migrations.h"
#include "server/store/store_wfm.h"
#include "server/wfm/plan_service.h"
#include "server_test_util.h"
#include "wfm_test_util.h"

namespace {

using namespace cb;
const std::string kBin = CB_CALLBOARD_BIN;

CivilDate Date(const char* text) {
    CivilDate d;
    REQUIRE(ParseCivilDate(text, &d));
    return d;
}

struct HistoryDb {
    cbtest::TempDir dir;
    std::string path = dir.path() + "/center.db";
    std::unique_ptr<Store> store;
    HistoryDb() {
        auto opened = Store::Open(path, DataKind::Real);
        REQUIRE(opened.ok());
        store = std::move(opened.value());
        REQUIRE(store->SaveDirectory(cbtest::WfmDirectory()).ok());
    }
};

struct Run {
    int code;
    std::string out, err;
};

Run Forecast(const std::string& args) {
    cbtest::TempDir dir;
    const std::string out = dir.path() + "/out", err = dir.path() + "/err";
    const int status = std::system((kBin + " forecast " + args + " > " + out + " 2> " + err).c_str());
    auto read = [](const std::string& p) {
        std::FILE* f = std::fopen(p.c_str(), "rb");
        std::string s;
        char buf[4096];
        size_t n;
        while (f && (n = std::fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
        if (f) std::fclose(f);
        return s;
    };
    return {WEXITSTATUS(status), read(out), read(err)};
}

// Every interval of the plan's queue, in order.
std::vector<const wfm::PlanInterval*> Intervals(const wfm::PlanQueueReport& q) {
    std::vector<const wfm::PlanInterval*> out;
    for (const wfm::PlanDay& d : q.days)
        for (const wfm::PlanInterval& p : d.intervals) out.push_back(&p);
    return out;
}

const int64_t kFar = 4102444800000;  // 2100-01-01: every interval is over

}  // namespace

TEST_CASE("special days in schema v11: stored, replaced, removed, each change audited; bad ones refused") {
    HistoryDb db;
    WfmStore store;
    REQUIRE(store.Open(db.path).ok());
    CHECK(cbtest::Query(db.path, "SELECT MAX(version) FROM schema_version") == std::to_string(LatestSchemaVersion()) + "\n");
    const WfmActor mona{"mona", "10.0.0.7"};
    wfm::SpecialDay day{"2026-05-01", "", wfm::SpecialKind::Holiday, 0.0, "Labour Day", "", 0};
    REQUIRE(SetSpecialDay(store, day, mona, 1000).ok());
    day.queue = "sales";
    day.kind = wfm::SpecialKind::Campaign;
    day.factor = 1.5;
    day.note = "spring sale";
    REQUIRE(SetSpecialDay(store, day, mona, 2000).ok());
    day.factor.reset();
    REQUIRE(SetSpecialDay(store, day, WfmActor{"", "127.0.0.1"}, 3000).ok());
    CHECK(cbtest::DumpTable(db.path, "wfm_special_days", "date, queue, kind, factor, note, updated_by, updated_ms", "date, queue") ==
          "2026-05-01||holiday|0.0|Labour Day|mona|1000\n2026-05-01|sales|campaign|null|spring sale|(local)|3000\n");
    CHECK(cbtest::Query(db.path, "SELECT user, action, detail, address FROM audit ORDER BY id") ==
          "mona|special_day_set|2026-05-01, every queue: holiday, factor 0; with a note|10.0.0.7\n"
          "mona|special_day_set|2026-05-01, queue sales: campaign, factor 1.5; with a note|10.0.0.7\n"
          "-|special_day_set|2026-05-01, queue sales: campaign, history left out only (was campaign, factor 1.5)|127.0.0.1\n");
    Result<std::vector<wfm::SpecialDay>> listed = store.SpecialDays("2026-05-01", "2026-05-01");
    REQUIRE(listed.ok());
    REQUIRE(listed.value().size() == 2);
    CHECK(listed.value()[1].queue == "sales");
    CHECK_FALSE(listed.value()[1].factor);
    CHECK(store.SpecialDays("2026-05-02", "").value().empty());

    // Refused, nothing written.
    wfm::SpecialDay bad = day;
    bad.queue = "billing";
    WfmOutcome o = SetSpecialDay(store, bad, mona, 4000);
    CHECK(o.kind == WfmOutcome::Kind::Invalid);
    CHECK(o.field == "queue");
    CHECK(o.message == "queue: 'billing' is not a known queue (known: sales, care)");
    bad.queue = "";
    bad.factor = -1;
    o = SetSpecialDay(store, bad, mona, 4000);
    CHECK(o.message == "factor: -1 is not a factor from 0 to 10 (0: closed, 1: a normal day)");
    bad.factor = 1;
    bad.date = "2026-5-1";
    CHECK(SetSpecialDay(store, bad, mona, 4000).field == "date");
    CHECK(cbtest::Query(db.path, "SELECT COUNT(*) FROM audit") == "3\n");

    o = RemoveSpecialDay(store, "2026-05-02", "", mona, 5000);
    CHECK(o.kind == WfmOutcome::Kind::NotFound);
    CHECK(o.message == "no special day on 2026-05-02, every queue");
    REQUIRE(RemoveSpecialDay(store, "2026-05-01", "sales", mona, 5000).ok());
    CHECK(cbtest::Query(db.path, "SELECT action, detail FROM audit ORDER BY id DESC LIMIT 1") ==
          "special_day_delete|2026-05-01, queue sales: campaign, history left out only\n");
    CHECK(cbtest::Query(db.path, "SELECT COUNT(*) FROM wfm_special_days") == "1\n");

    WfmStore read_only;
    REQUIRE(read_only.Open(db.path, true).ok());
    CHECK_FALSE(read_only.PutSpecialDay(day, AuditEntry{}).ok());
}

TEST_CASE("Poisson history at about 100 calls an interval: within 1.10 x the noise floor over 4 weeks, below seasonal naive") {
    HistoryDb db;
    const TimeZone zone = TimeZone::Fixed(480);
    const CivilDate first = Date("2025-09-01");  // a Monday; 16 weeks of history, then 4 test weeks
    std::mt19937_64 rng(42);
    std::vector<double> lambda;
    cbtest::WriteHistory(*db.store, zone, first, 20 * 7, 15, [&](size_t q, int day, int slot, int64_t) {
        if (q != 0) return KpiCounts{};
        const double l = cbtest::WfmProfile(day % 7, slot, 118);
        if (day >= 16 * 7) lambda.push_back(l);
        const int64_t n = l > 0 ? std::poisson_distribution<int64_t>(l)(rng) : 0;
        return cbtest::Row(n, 240, n / 20, 60, 30);
    });
    WfmStore store;
    REQUIRE(store.Open(db.path, true).ok());
    wfm::PlanAsk ask;
    std::string why;
    REQUIRE(wfm::SetPlanAskOption(&ask, "from", "2025-12-22", &why));
    REQUIRE(wfm::SetPlanAskOption(&ask, "weeks", "4", &why));
    REQUIRE(wfm::SetPlanAskOption(&ask, "queue", "sales", &why));
    wfm::PlanReport chosen, naive;
    REQUIRE(MakePlan(store, zone, kFar, ask, false, &chosen).ok());
    REQUIRE(wfm::SetPlanAskOption(&ask, "method", "seasonal_naive", &why));
    REQUIRE(MakePlan(store, zone, kFar, ask, false, &naive).ok());
    REQUIRE(chosen.queues.size() == 1);
    const wfm::PlanQueueReport& q = chosen.queues[0];
    CHECK(chosen.from == "2025-12-22");
    CHECK(chosen.to == "2026-01-18");
    CHECK(chosen.history_to == "2025-12-21");
    CHECK(q.choice == wfm::PlanChoice::Backtest);
    CHECK(q.origins == 4);
    CHECK(q.history_weeks == 16);
    CHECK(q.missing_days == 0);
    const auto ci = Intervals(q), ni = Intervals(naive.queues[0]);
    REQUIRE(ci.size() == 28 * 96);
    REQUIRE(lambda.size() == ci.size());
    std::vector<double> actual, forecast, seasonal;
    for (size_t i = 0; i < ci.size(); ++i) {
        REQUIRE(ci[i]->has_actual);
        actual.push_back(ci[i]->actual_calls);
        forecast.push_back(ci[i]->calls);
        seasonal.push_back(ni[i]->calls);
    }
    const double floor = wfm::Measure(actual, lambda).wape;
    const double wape = wfm::Measure(actual, forecast).wape;
    const double naive_wape = wfm::Measure(actual, seasonal).wape;
    MESSAGE("noise floor " << floor << ", " << wfm::MethodName(q.method) << " " << wape << ", seasonal naive " << naive_wape);
    CHECK(wape <= 1.10 * floor);
    CHECK(wape < naive_wape);
    CHECK(q.accuracy[size_t(q.method)].wape <= q.accuracy[size_t(wfm::Method::SeasonalNaive)].wape);
    // Handle time and the callers' patience from the history: 240 s; 60 s x abandons + 10 s x answered.
    CHECK(ci[40]->aht_s == doctest::Approx(240).epsilon(0.001));
    CHECK(ci[40]->actual_agents == doctest::Approx(30));
    CHECK(q.patience.estimated);
    CHECK(q.patience.mean_s == doctest::Approx(q.patience.wait_s / q.patience.abandons));
    CHECK(q.patience.mean_s > 200);
}

TEST_CASE("a week repeating exactly, in Europe/Berlin across daylight saving time: zero error, 92 and 100 intervals") {
    HistoryDb db;
    Result<TimeZone> berlin = LoadTimeZone("Europe/Berlin");
    REQUIRE(berlin.ok());
    // History from Monday 2026-08-31 to Sunday 2026-11-22 (the 25-hour 2026-10-25 in it), then
    // the same weeks again up to 2027-04-04 (the 23-hour 2027-03-28), as the actual.
    const CivilDate first = Date("2026-08-31");
    const auto calls = [](int weekday, int slot) { return std::llround(cbtest::WfmProfile(weekday, slot, 80)) + (slot % 7 == 0 ? 1 : 0); };
    cbtest::WriteHistory(*db.store, berlin.value(), first, 31 * 7, 15, [&](size_t q, int day, int slot, int64_t) {
        return cbtest::Row(q == 0 ? calls(day % 7, slot) : 3, 180);
    });
    WfmStore store;
    REQUIRE(store.Open(db.path, true).ok());
    wfm::PlanAsk ask;
    std::string why;
    REQUIRE(wfm::SetPlanAskOption(&ask, "from", "2026-11-23", &why));
    REQUIRE(wfm::SetPlanAskOption(&ask, "weeks", "19", &why));
    REQUIRE(wfm::SetPlanAskOption(&ask, "history_weeks", "12", &why));
    wfm::PlanReport report;
    REQUIRE(MakePlan(store, berlin.value(), kFar, ask, true, &report).ok());
    REQUIRE(report.queues.size() == 2);
    CHECK(report.time_zone == "Europe/Berlin");
    const wfm::PlanQueueReport& sales = report.queues[0];
    CHECK(sales.key == "sales");
    CHECK(sales.choice == wfm::PlanChoice::Backtest);
    CHECK(sales.accuracy[size_t(sales.method)].wape == 0);
    double error = 0;
    size_t n = 0;
    for (const wfm::PlanDay& d : sales.days) {
        for (const wfm::PlanInterval& p : d.intervals) {
            REQUIRE(p.has_actual);
            error += std::fabs(p.calls - p.actual_calls);
            ++n;
        }
        if (d.date == "2027-03-28") CHECK(d.intervals.size() == 92);
    }
    CHECK(n == 19 * 7 * 96 - 4);
    CHECK(error == 0);
    // Staffing with the queues' own targets: sales 80/20, care 90/30; Erlang C (no abandons).
    CHECK(sales.model == wfm::StaffModel::ErlangC);
    CHECK(sales.target.service_level == doctest::Approx(0.8));
    CHECK(report.queues[1].target.service_level == doctest::Approx(0.9));
    CHECK(report.queues[1].target.t_s == 30);
    const wfm::PlanInterval& busy = sales.days[0].intervals[56];  // Monday 14:00
    CHECK(busy.time == "14:00");
    REQUIRE(busy.staffing.ok);
    const wfm::IntervalStaffing check = wfm::StaffInterval(busy.calls, 900, 180, sales.target);
    CHECK(busy.staffing.raw_agents == check.raw_agents);
    CHECK(busy.staffing.at_raw.service_level >= 0.8);
    CHECK(wfm::ErlangC(busy.staffing.raw_agents - 1, wfm::Load{busy.calls, 900, 180}, 20).service_level < 0.8);

    // The history counted in 15 minutes serves 30-minute plans (summed); not the other way round.
    REQUIRE(wfm::SetPlanAskOption(&ask, "interval", "30", &why));
    REQUIRE(wfm::SetPlanAskOption(&ask, "weeks", "1", &why));
    REQUIRE(MakePlan(store, berlin.value(), kFar, ask, false, &report).ok());
    CHECK(report.queues[0].days[0].intervals[28].calls == calls(0, 56) + calls(0, 57));
}

TEST_CASE("special days: left out of the history, their factor on the day forecast; a day with no data is missing") {
    HistoryDb db;
    const TimeZone zone = TimeZone::Fixed(0);
    const CivilDate first = Date("2025-09-01");
    // 10 weeks; Wednesday 2025-10-29 was a campaign with 3 x the calls; Tuesday 2025-10-14 has no data.
    cbtest::WriteHistory(*db.store, zone, first, 70, 15, [&](size_t, int day, int slot, int64_t) {
        if (day == 43) return KpiCounts{};
        const int64_t n = std::llround(cbtest::WfmProfile(day % 7, slot, 40));
        return cbtest::Row(day == 58 ? 3 * n : n, 200);
    });
    WfmStore store;
    REQUIRE(store.Open(db.path).ok());
    wfm::PlanAsk ask;
    std::string why;
    REQUIRE(wfm::SetPlanAskOption(&ask, "from", "2025-11-10", &why));
    REQUIRE(wfm::SetPlanAskOption(&ask, "method", "weekly_average", &why));
    REQUIRE(wfm::SetPlanAskOption(&ask, "queue", "sales", &why));
    wfm::PlanReport before, after;
    REQUIRE(MakePlan(store, zone, kFar, ask, false, &before).ok());
    const double normal_wed = std::llround(cbtest::WfmProfile(2, 40, 40));
    // The campaign is in the weekly average until it is marked.
    CHECK(before.queues[0].days[2].intervals[40].calls == doctest::Approx((7 * normal_wed + 3 * normal_wed) / 8));
    CHECK(before.queues[0].missing_days == 1);
    CHECK(before.queues[0].days[1].intervals[40].calls == doctest::Approx(std::llround(cbtest::WfmProfile(1, 40, 40))));
    const WfmActor who{"mona", "cli"};
    REQUIRE(SetSpecialDay(store, {"2025-10-29", "sales", wfm::SpecialKind::Campaign, std::nullopt, "", "", 0}, who, 1).ok());
    REQUIRE(SetSpecialDay(store, {"2025-11-12", "", wfm::SpecialKind::Holiday, 0.25, "", "", 0}, who, 2).ok());
    REQUIRE(SetSpecialDay(store, {"2025-11-13", "care", wfm::SpecialKind::Holiday, 0.0, "", "", 0}, who, 3).ok());
    REQUIRE(MakePlan(store, zone, kFar, ask, false, &after).ok());
    const wfm::PlanQueueReport& q = after.queues[0];
    CHECK(q.excluded_days == 1);
    CHECK(q.missing_days == 2);
    CHECK(q.days[2].special == "holiday");
    CHECK(q.days[2].factor == 0.25);
    CHECK(q.days[2].intervals[40].calls == doctest::Approx(0.25 * normal_wed));
    CHECK(q.days[3].special.empty());  // care's holiday is not sales'
    CHECK(q.days[3].intervals[40].calls == doctest::Approx(std::llround(cbtest::WfmProfile(3, 40, 40))));
}

TEST_CASE("plans refuse what they cannot do, naming the option") {
    HistoryDb db;
    const TimeZone zone = TimeZone::Fixed(0);
    cbtest::WriteHistory(*db.store, zone, Date("2025-09-01"), 14, 30, [&](size_t, int, int slot, int64_t) {
        return cbtest::Row(slot > 16 && slot < 40 ? 5 : 0, 200, 0, 0, 0, 30);
    });
    WfmStore store;
    REQUIRE(store.Open(db.path, true).ok());
    wfm::PlanAsk ask;
    std::string why;
    REQUIRE(wfm::SetPlanAskOption(&ask, "from", "2025-09-15", &why));
    wfm::PlanReport report;
    WfmOutcome o = MakePlan(store, zone, kFar, ask, false, &report);
    CHECK(o.kind == WfmOutcome::Kind::Invalid);
    CHECK(o.message == "interval: the history is counted in 30-minute intervals; ask for 30");
    REQUIRE(wfm::SetPlanAskOption(&ask, "interval", "30", &why));
    REQUIRE(MakePlan(store, zone, kFar, ask, false, &report).ok());
    CHECK(report.queues[0].choice == wfm::PlanChoice::ShortHistory);
    REQUIRE(wfm::SetPlanAskOption(&ask, "queue", "billing", &why));
    o = MakePlan(store, zone, kFar, ask, false, &report);
    CHECK(o.message == "queue: 'billing' is not a known queue (known: sales, care)");
    ask.queues.clear();
    REQUIRE(wfm::SetPlanAskOption(&ask, "model", "erlang_a", &why));
    o = MakePlan(store, zone, kFar, ask, true, &report);
    CHECK(o.kind == WfmOutcome::Kind::Invalid);
    CHECK(o.message.rfind("queue sales: model erlang_a: fewer than 10 abandons", 0) == 0);
    ask = {};
    REQUIRE(wfm::SetPlanAskOption(&ask, "from", "2026-09-15", &why));
    o = MakePlan(store, zone, 1757894400000 /* 2025-09-15 00:00 */, ask, false, &report);
    CHECK(o.message == "from: 2026-09-15 is more than 26 weeks ahead");
}

TEST_CASE("callboard forecast: the plan as text, CSV and JSON; mistakes named with exit 2") {
    HistoryDb db;
    const TimeZone zone = TimeZone::Fixed(0);
    cbtest::WriteHistory(*db.store, zone, Date("2025-09-01"), 10 * 7, 15, [&](size_t q, int day, int slot, int64_t) {
        const int64_t n = std::llround(cbtest::WfmProfile(day % 7, slot, q == 0 ? 60 : 20));
        return cbtest::Row(n, q == 0 ? 180 : 300, n / 10, 40, 12);
    });
    db.store.reset();
    const std::string base = "--db " + db.path + " --from 2025-11-10 --time-zone UTC";
    Run r = Forecast(base + " --sl 80/20 --shrinkage 30");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    CHECK(r.out.find("Forecast 2025-11-10 to 2025-11-16 (UTC), 15-minute intervals, from the history of 2023-11-13 to 2025-11-09") == 0);
    CHECK(r.out.find("Queue sales: ") != std::string::npos);
    CHECK(r.out.find("chosen by the back-test (lowest WAPE)") != std::string::npos);
    CHECK(r.out.find("back-test over the last 4 weeks") != std::string::npos);
    CHECK(r.out.find("staffing: Erlang A, mean patience") != std::string::npos);
    CHECK(r.out.find("80 % within 20 s, max occupancy 100 %, shrinkage 30 %") != std::string::npos);
    CHECK(r.out.find("2025-11-10 Mon") != std::string::npos);

    r = Forecast(base + " --queue care --csv --sl 90/30 --model erlang_c");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    CHECK(r.out.rfind("queue,date,time,start_ms,calls,aht_s,actual_calls,actual_aht_s,actual_agents,raw_agents,agents,"
                      "service_level,p_wait,asa_s,occupancy,p_abandon,staffing_error\n", 0) == 0);
    size_t lines = 0;
    for (char c : r.out) lines += c == '\n';
    CHECK(lines == 1 + 7 * 96);
    CHECK(r.out.find("\ncare,2025-11-10,14:00,") != std::string::npos);

    r = Forecast(base + " --json --weeks 2 --interval 30");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    wfm::PlanReport report;
    std::string error;
    REQUIRE_MESSAGE(wfm::PlanReportFromJson(r.out, &report, &error), error);
    CHECK(report.weeks == 2);
    CHECK(report.interval_minutes == 30);
    CHECK_FALSE(report.staffing);
    REQUIRE(report.queues.size() == 2);
    CHECK(report.queues[0].days.size() == 14);
    CHECK(report.queues[0].days[0].intervals.size() == 48);

    r = Forecast("--help");
    CHECK(r.code == 0);
    CHECK(r.out.rfind("usage: callboard forecast", 0) == 0);
    const std::pair<std::string, std::string> mistakes[] = {
        {base + " --weeks 30", "callboard forecast: --weeks: '30' is not a whole number from 1 to 26\n"},
        {base + " --history-weeks 0", "callboard forecast: --history-weeks: '0' is not a whole number from 1 to 156\n"},
        {base + " --queue billing", "callboard forecast: --queue: 'billing' is not a known queue (known: sales, care)\n"},
        {base + " --method arima", "callboard forecast: --method: 'arima' is not auto, seasonal_naive, weekly_average or holt_winters\n"},
        {base + " --sl 80/20 --asa 20", "callboard forecast: --sl and --asa: give one target, a service level or an average speed of answer\n"},
        {base + " --speed 2", "callboard forecast: --speed: not an option of callboard forecast (callboard forecast --help)\n"},
        {base + " --json --csv", "callboard forecast: --json and --csv: give one of them\n"},
        {base + " --weeks", "callboard forecast: --weeks: needs a value (callboard forecast --help)\n"},
        {"--db /nonexistent/x.db", "callboard forecast: --db: '/nonexistent/x.db' is not a database file\n"},
        {base + " --time-zone Mars/Olympus", "callboard forecast: --time-zone: time zone 'Mars/Olympus': not in the time zone database (/usr/share/zoneinfo)\n"},
    };
    for (const auto& [args, message] : mistakes) {
        CAPTURE(args);
        r = Forecast(args);
        CHECK(r.code == 2);
        CHECK(r.err == message);
        CHECK(r.out.empty());
    }
}
