// queue_log mapper: event semantics, directory, ids and keys, categories and policies, the
// fixtures with their upstream expectations (shared/fixtures/SOURCES.md).
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <set>
#include <string>
#include <vector>

#include "core/engine.h"
#include "server/ingest/queue_log_mapper.h"
#include "server_test_util.h"

using namespace cb;

namespace {

bool IsMembership(const Event& e) { return e.kind == EventKind::MemberAdded || e.kind == EventKind::MemberRemoved; }

// The events of membership lines taken out of *events (returned), the others kept in order.
std::vector<Event> TakeMembership(std::vector<Event>* events) {
    std::vector<Event> members, rest;
    for (const Event& e : *events) (IsMembership(e) ? members : rest).push_back(e);
    *events = std::move(rest);
    return members;
}

// Maps every line; membership events go to *members (or are dropped), the rest is returned.
std::vector<Event> MapAll(QueueLogMapper& m, std::string_view text, bool finish = false,
                          std::vector<Event>* members = nullptr) {
    std::vector<Event> out = cbtest::MapQueueLogText(m, text, finish);
    std::vector<Event> taken = TakeMembership(&out);
    if (members) *members = std::move(taken);
    return out;
}

std::string ReadFile(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// Rows of a psql/mysql table dump ("| a | b |" or " a | b ") -> trimmed cells.
std::vector<std::string> Cells(std::string_view row) {
    std::vector<std::string> cells;
    size_t start = 0;
    while (true) {
        const size_t bar = row.find('|', start);
        std::string_view cell = row.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
        while (!cell.empty() && cell.front() == ' ') cell.remove_prefix(1);
        while (!cell.empty() && cell.back() == ' ') cell.remove_suffix(1);
        cells.emplace_back(cell);
        if (bar == std::string_view::npos) break;
        start = bar + 1;
    }
    return cells;
}

std::vector<EventKind> Kinds(const std::vector<Event>& ev) {
    std::vector<EventKind> k;
    for (const Event& e : ev) k.push_back(e.kind);
    return k;
}

}  // namespace

TEST_CASE("queue_log map: a 1.4-era day with DID, ring-no-answer, abandon, restart and an orphan entry") {
    QueueLogMapperConfig cfg;
    cfg.agents.push_back({"Local/2004@from-internal/n", "2004", "Li Na", "李娜", "team_a"});
    cfg.teams.push_back({"team_a", "Team A", "一组"});
    cfg.queues.push_back({"q1", "sales", "Sales", "销售", ServiceLevelDef{}});
    QueueLogMapper m(cfg);
    std::vector<Event> members;
    const std::vector<Event> ev = MapAll(m, ReadFile(CB_TEST_DATA_DIR "/queue_log/asterisk14_day.log"), true, &members);
    // ADDMEMBER makes both members of q1; the other lines of q1 tell nothing new.
    REQUIRE(members.size() == 2);
    CHECK(members[0].kind == EventKind::MemberAdded);
    CHECK(members[0].agent == 0);
    CHECK(members[0].queue == 0);
    CHECK(members[0].t_ms == 1266833801000);
    CHECK(members[1].agent == 1);

    const Directory& d = m.directory();
    REQUIRE(d.queues.size() == 1);
    CHECK(d.queues[0].key == "sales");
    CHECK(d.queues[0].name_zh == "销售");
    REQUIRE(d.agents.size() == 2);
    CHECK(d.agents[0].key == "2004");
    CHECK(d.agents[0].name_en == "Li Na");
    CHECK(d.teams[d.agents[0].team].key == "team_a");
    CHECK(d.agents[1].key == "Local/2005@from-internal/n");  // unknown member: its string is key and name
    CHECK(d.agents[1].name_en == "Local/2005@from-internal/n");
    CHECK(d.teams[d.agents[1].team].key == "unassigned");

    const std::vector<EventKind> want = {
        EventKind::AgentLogin,    EventKind::AgentReady,   EventKind::AgentLogin,  EventKind::AgentReady,
        EventKind::CallOffered,   EventKind::RingNoAnswer, EventKind::CallAnswered, EventKind::CallCompleted,
        EventKind::CallOffered,   EventKind::CallAbandoned, EventKind::CallOffered, EventKind::CallAnswered,
        EventKind::AgentNotReady, EventKind::CallOffered,
        // QUEUESTART closes the open calls (default policies): the answered one completes, the waiting one exits.
        EventKind::CallCompleted, EventKind::CallExited,
        EventKind::CallOffered,
        // Finish closes the last orphan entry.
        EventKind::CallExited};
    CHECK(Kinds(ev) == want);
    CHECK(ev[6].wait_ms == 6000);
    CHECK(ev[6].ring_ms == -1);       // 1.4 CONNECT has no ring time
    CHECK(ev[5].ring_ms == 0);
    CHECK(ev[9].wait_ms == 6000);
    CHECK(ev[12].reason == NotReadyReason::Lunch);
    CHECK(ev[14].t_ms == 1266834000000);
    CHECK(ev[14].agent == 1);
    CHECK(ev[15].exit_reason == ExitReason::Other);
    CHECK(ev[15].wait_ms == 50000);

    const QueueLogSummary& s = m.summary();
    CHECK(s.lines_read == 16);
    CHECK(s.lines_custom == 1);
    CHECK(s.custom_events.at("DID") == 1);
    CHECK(s.queue_starts == 2);
    CHECK(s.calls == 5);
    CHECK(s.agents == 2);
    CHECK(s.queues == 1);
    CHECK(s.first_t_ms == 1266833800000);
    CHECK(s.last_t_ms == 1266834001000);
    CHECK(s.total.entered == 5);
    CHECK(s.total.answered == 2);
    CHECK(s.total.completed == 1);
    CHECK(s.total.abandoned == 1);
    CHECK(s.total.left_open == 2);
    CHECK(s.total.answered_no_completion == 1);
    CHECK(s.total.ring_noanswer == 1);
    CHECK(s.per_queue.at(0) == s.total);

    // Ids: unique, non-zero; the engine's (t_ms, id) order is the file order. Calls a line
    // closes (QUEUESTART) have no order among themselves: their ids are unique per call.
    std::set<uint64_t> ids;
    auto closed_by_line = [](const Event& e) { return ((e.id >> 48) & 0xF) == 15; };
    for (size_t i = 0; i < ev.size(); ++i) {
        CHECK(ev[i].id != 0);
        ids.insert(ev[i].id);
        if (i > 0 && ev[i].t_ms == ev[i - 1].t_ms && !(closed_by_line(ev[i]) && closed_by_line(ev[i - 1]))) {
            CHECK(ev[i].id > ev[i - 1].id);
        }
    }
    CHECK(ids.size() == ev.size());
}

TEST_CASE("queue_log map: re-importing gives the same ids and keys; identical lines get occurrences") {
    const std::string text =
        "1600000000|1600000000.1|q1|NONE|ENTERQUEUE||100|1\n"
        "1600000000|1600000000.1|q1|NONE|ENTERQUEUE||100|1\n"
        "1600000005|1600000000.1|q1|NONE|ABANDON|1|1|5\n";
    QueueLogMapper a{QueueLogMapperConfig{}}, b{QueueLogMapperConfig{}};
    std::vector<Event> ea, eb;
    std::vector<QueueLogLineResult> ra;
    for (std::string_view l : {std::string_view(text).substr(0, 49), std::string_view(text).substr(50, 49),
                               std::string_view(text).substr(100, 45)}) {
        ra.push_back(a.MapLine(l, &ea));
        b.MapLine(l, &eb);
    }
    REQUIRE(ea.size() == 2);  // the repeated ENTERQUEUE is counted once
    CHECK(ea[0].id == eb[0].id);
    CHECK(ea[1].id == eb[1].id);
    CHECK(ra[0].key == ra[1].key.substr(0, ra[1].key.size() - 1) + "0");
    CHECK(ra[0].occurrence == 0);
    CHECK(ra[1].occurrence == 1);
    CHECK(ra[0].key.rfind("ql1:", 0) == 0);
    CHECK(ra[1].kind == QueueLogLineKind::Ignored);
    CHECK(a.summary().out_of_sequence == 1);
    CHECK(a.summary().total.entered == 1);
    CHECK(a.summary().total.abandoned == 1);
    CHECK(a.CallKey("1600000000.1") == ea[0].call);
    CHECK(a.CallKey("1600000000.1") == QueueLogCallKey("1600000000.1"));
    // A database that stored queue_log calls before schema v6 keeps hashed keys.
    QueueLogMapperConfig hashed;
    hashed.call_keys = QueueLogCallKeys::Hashed;
    QueueLogMapper h{hashed};
    CHECK(h.CallKey("1600000000.1") == QueueLogHash("1600000000.1"));
}

TEST_CASE("queue_log call keys: Asterisk ids in time order, one key per id, other ids apart") {
    // "<epoch>.<sequence>": epoch << 26 | sequence, so keys sort by the channel's creation second.
    CHECK(QueueLogCallKey("1717397390.239830") == ((uint64_t{1717397390} << 26) | 239830));
    CHECK(QueueLogCallKey("1600000000.1") < QueueLogCallKey("1600000000.2"));
    CHECK(QueueLogCallKey("1600000000.999999") < QueueLogCallKey("1600000001.5"));
    CHECK(QueueLogCallKey("1600000001.5") < QueueLogCallKey("1700000000.0"));
    // The sequence is cut to 26 bits: a long-running server's counter stays within its second.
    CHECK(QueueLogCallKey("1600000000.67108865") == QueueLogCallKey("1600000000.1"));
    CHECK(QueueLogCallKey("1600000000.67108865") < QueueLogCallKey("1600000001.0"));
    // Not in that exact form: hashed, top bit set, never equal to a time-ordered key.
    const uint64_t top = uint64_t{1} << 63;
    for (const char* id : {"NONE", "srv1-1600000000.1", "1600000000.01", "01600000000.1", "1600000000.", ".1",
                           "1600000000.-1", "1600000000.1.2", "16000.1", "1600000000.12345678901", "c1"}) {
        CAPTURE(id);
        CHECK(QueueLogCallKey(id) == (QueueLogHash(id) | top));
    }
    CHECK((QueueLogCallKey("1600000000.1") & top) == 0);
    CHECK(QueueLogCallKey("srv1-1600000000.1") != QueueLogCallKey("srv2-1600000000.1"));
    // Distinct ids of one busy second give distinct keys.
    std::set<uint64_t> keys;
    for (int seq = 1000000; seq < 1000000 + 5000; ++seq) keys.insert(QueueLogCallKey("1600000000." + std::to_string(seq)));
    CHECK(keys.size() == 5000);
}

TEST_CASE("queue_log map: transfers, exits, pauses counted once, members and agents") {
    QueueLogMapper m{QueueLogMapperConfig{}};
    std::vector<Event> members;
    const std::vector<Event> ev = MapAll(m,
        "1600000000|MANAGER|q1|PJSIP/100|ADDMEMBER|PAUSED\n"          // login, stays paused
        "1600000000|MANAGER|q2|PJSIP/100|ADDMEMBER|PAUSED\n"          // second queue: nothing new
        "1600000001|NONE|NONE|PJSIP/100|UNPAUSEALL|\n"                // ready
        "1600000001|NONE|q1|PJSIP/100|UNPAUSE|\n"
        "1600000001|NONE|q2|PJSIP/100|UNPAUSE|\n"
        "1600000010|1600000010.1|q1|NONE|ENTERQUEUE||100|1\n"
        "1600000012|1600000010.1|q1|PJSIP/100|CONNECT|2|1600000012.2|2\n"
        "1600000020|NONE|NONE|PJSIP/100|PAUSEALL|培训\n"               // paused during the call
        "1600000020|NONE|q1|PJSIP/100|PAUSE|培训\n"
        "1600000050|1600000010.1|q1|PJSIP/100|ATTENDEDTRANSFER|LINK|a|b|2|38|1\n"
        "1600000060|1600000060.1|q2|NONE|ENTERQUEUE||101|1\n"
        "1600000090|1600000060.1|q2|NONE|EXITWITHTIMEOUT|1|1|30\n"
        "1600000091|1600000091.1|q2|NONE|ENTERQUEUE||102|1\n"
        "1600000092|1600000091.1|q2|NONE|EXITWITHKEY|5|1|1|1\n"
        "1600000093|1600000093.1|q2|NONE|ENTERQUEUE||103|1\n"
        "1600000094|1600000093.1|q2|NONE|EXITEMPTY|1|1|1\n"
        "1600000095|1600000095.1|q2|NONE|ENTERQUEUE||104|1\n"
        "1600000099|1600000095.1|q2|NONE|WITHDRAW|1|1|4|callback|later\n"
        "1600000100|MANAGER|q1|PJSIP/100|REMOVEMEMBER|\n"
        "1600000100|MANAGER|q2|PJSIP/100|REMOVEMEMBER|\n"             // last queue: logout
        "1600000200|1600000200.5|NONE|Agent/7|AGENTLOGIN|PJSIP/7-1\n"
        "1600000300|1600000200.5|NONE|Agent/7|AGENTLOGOFF|PJSIP/7-1|100\n"
        "1600000400|1600000400.1|q1|NONE|CLOSED|\n", false, &members);
    // Members of q1 and q2 from ADDMEMBER, until REMOVEMEMBER; Agent/7 names no queue.
    REQUIRE(members.size() == 4);
    CHECK(Kinds(members) == std::vector<EventKind>{EventKind::MemberAdded, EventKind::MemberAdded,
                                                   EventKind::MemberRemoved, EventKind::MemberRemoved});
    CHECK(members[1].queue == 1);
    CHECK(members[2].t_ms == 1600000100000);
    const std::vector<EventKind> want = {
        EventKind::AgentLogin, EventKind::AgentReady, EventKind::CallOffered, EventKind::CallAnswered,
        EventKind::CallTransferred, EventKind::AgentNotReady,
        EventKind::CallOffered, EventKind::CallExited, EventKind::CallOffered, EventKind::CallExited,
        EventKind::CallOffered, EventKind::CallExited, EventKind::CallOffered, EventKind::CallExited,
        EventKind::AgentLogout, EventKind::AgentLogin, EventKind::AgentReady, EventKind::AgentLogout};
    REQUIRE(Kinds(ev) == want);
    CHECK(ev[3].ring_ms == 2000);
    CHECK(ev[5].t_ms == 1600000050000);  // the pause starts when the call ends
    CHECK(ev[5].reason == NotReadyReason::Training);
    CHECK(ev[7].exit_reason == ExitReason::Timeout);
    CHECK(ev[7].wait_ms == 30000);
    CHECK(ev[9].exit_reason == ExitReason::Key);
    CHECK(ev[11].exit_reason == ExitReason::Empty);
    CHECK(ev[13].exit_reason == ExitReason::Withdraw);
    const QueueLogSummary& s = m.summary();
    CHECK(s.total.transferred == 1);
    CHECK(s.total.timed_out == 1);
    CHECK(s.total.other_exits == 3);
    CHECK(s.per_queue.at(1).entered == 4);
    CHECK(s.custom_events.at("CLOSED") == 1);
    CHECK(s.agents == 2);
    CHECK(m.ReasonFor("Lunch break") == NotReadyReason::Lunch);  // first rule wins
    CHECK(m.ReasonFor("午餐时间") == NotReadyReason::Lunch);
    CHECK(m.ReasonFor("coffee") == NotReadyReason::Other);
    CHECK(m.ReasonFor("") == NotReadyReason::None);
}

TEST_CASE("queue_log map: xivo-dao fixture - incomplete calls excluded, a completed call counts once on re-runs") {
    // wazo-platform/xivo-dao test_stat_dao.py TestFillAnsweredCall, as realtime CSV rows (local = UTC+2).
    const std::string fixture = ReadFile(CB_FIXTURES_DIR "/queue_log/wazo-platform__xivo-dao__test_stat_dao.py.excerpt.txt");
    REQUIRE(fixture.find("1404377805.6457") != std::string::npos);
    QueueLogCsvLayout layout;
    std::string error;
    REQUIRE(ParseQueueLogCsvHeader("time,callid,queuename,agent,event,data1,data2,data3,data4,data5", &layout, &error));
    QueueLogCsvOptions opt;
    opt.tz_offset_min = 120;
    const char* enter = "2014-07-03 10:57:11.559080,1404377805.6457,swk_allemagne,NONE,ENTERQUEUE,,00049242184770,1,,";
    const char* connect = "2014-07-03 10:57:19.461280,1404377805.6457,swk_allemagne,Agent/448,CONNECT,8,1404377831.6460,4,,";
    const char* complete = "2014-07-03 11:06:10.374302,1404377805.6457,swk_allemagne,Agent/448,COMPLETEAGENT,8,531,1,,";

    QueueLogMapperConfig cfg;
    cfg.answered_open = QueueLogAnsweredOpen::Exclude;
    {   // ENTERQUEUE + CONNECT only: not an answered call (events held back, dropped at the end).
        QueueLogMapper m(cfg);
        std::vector<Event> ev;
        m.MapCsvRow(enter, layout, opt, &ev);
        m.MapCsvRow(connect, layout, opt, &ev);
        // Only the membership the CONNECT line shows (Agent/448 answers for the queue).
        CHECK(Kinds(TakeMembership(&ev)) == std::vector<EventKind>{EventKind::MemberAdded});
        CHECK(ev.empty());
        m.Finish(&ev);
        CHECK(ev.empty());
        CHECK(m.summary().total.answered_no_completion == 1);
        CHECK(m.summary().total.excluded == 1);
    }
    // With COMPLETEAGENT: answered once, also when the same rows are filled again.
    std::vector<Event> first, second;
    for (std::vector<Event>* ev : {&first, &second}) {
        QueueLogMapper m(cfg);
        for (const char* row : {enter, connect, complete}) m.MapCsvRow(row, layout, opt, ev);
        m.Finish(ev);
        TakeMembership(ev);
    }
    REQUIRE(Kinds(first) == std::vector<EventKind>{EventKind::CallOffered, EventKind::CallAnswered, EventKind::CallCompleted});
    CHECK(first[0].t_ms == 1404377831559);
    CHECK(first[2].t_ms - first[1].t_ms == 530913);
    QueueLogMapper dir_source(cfg);
    std::vector<Event> unused;
    for (const char* row : {enter, connect, complete}) dir_source.MapCsvRow(row, layout, opt, &unused);
    Engine engine(dir_source.directory(), EngineConfig{});
    for (const Event& e : first) engine.Push(e);
    for (const Event& e : second) engine.Push(e);  // a re-run: same ids
    engine.Flush();
    const Snapshot snap = engine.TakeSnapshot();
    CHECK(engine.stats().duplicates == 3);
    REQUIRE(snap.queues.size() == 1);
    CHECK(snap.queues[0].today.offered == 1);
    CHECK(snap.queues[0].today.answered == 1);
    CHECK(snap.queues[0].today.wait_answered_ms == 7902);  // 10:57:11.559 -> 10:57:19.461
}

TEST_CASE("queue_log map: wazo-doc fixture rows (newest first in the doc) in time order") {
    const std::string doc = ReadFile(CB_FIXTURES_DIR "/queue_log/wazo-platform__wazo-doc__queue_log.rst");
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(doc);
    for (std::string line; std::getline(in, line);) {
        const std::vector<std::string> c = Cells(line);
        if (c.size() == 10 && c[0].size() == 26 && c[0][4] == '-') rows.push_back(c);
    }
    REQUIRE(rows.size() == 12);
    std::stable_sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) { return x[0] < y[0]; });
    QueueLogCsvLayout layout;
    std::string error;
    REQUIRE(ParseQueueLogCsvHeader("time\tcallid\tqueuename\tagent\tevent\tdata1\tdata2\tdata3\tdata4\tdata5", &layout,
                                   &error));
    QueueLogMapper m{QueueLogMapperConfig{}};
    std::vector<Event> ev;
    for (const auto& c : rows) {
        std::string row;
        for (size_t i = 0; i < c.size(); ++i) row += (i ? "\t" : "") + c[i];
        CHECK(m.MapCsvRow(row, layout, QueueLogCsvOptions{}, &ev).kind != QueueLogLineKind::Rejected);
    }
    // Agent/3001 unpauses in q1 and q2, and answers in q1: a member of both.
    CHECK(Kinds(TakeMembership(&ev)) == std::vector<EventKind>{EventKind::MemberAdded, EventKind::MemberAdded});
    const QueueLogSummary& s = m.summary();
    CHECK(s.lines_rejected == 0);
    CHECK(s.custom_events.at("JOINEMPTY") == 1);
    CHECK(s.custom_events.at("FULL") == 1);
    CHECK(s.custom_events.at("CLOSED") == 1);
    CHECK(s.total.entered == 2);    // the answered call, and the abandon (its entry is not in the sample)
    CHECK(s.total.answered == 1);
    CHECK(s.total.abandoned == 1);
    CHECK(s.out_of_sequence == 1);  // COMPLETEAGENT of a call whose CONNECT is not in the sample
    // Callback login, then logoff with the per-queue unpauses counted once.
    CHECK(Kinds(ev) == std::vector<EventKind>{EventKind::AgentLogin, EventKind::AgentReady, EventKind::AgentLogout,
                                              EventKind::AgentReady, EventKind::CallOffered, EventKind::CallAnswered,
                                              EventKind::CallAbandoned});
}

TEST_CASE("queue_log map: qpanel fixture - DID + ENTERQUEUE only, each policy") {
    const std::string text = "1453142985|1453142984.7|5001|NONE|DID|\n1453142985|1453142984.7|5001|NONE|ENTERQUEUE||100|1\n";
    for (auto policy : {QueueLogWaitingOpen::Exited, QueueLogWaitingOpen::Abandoned, QueueLogWaitingOpen::Exclude}) {
        QueueLogMapperConfig cfg;
        cfg.waiting_open = policy;
        QueueLogMapper m(cfg);
        const std::vector<Event> ev = MapAll(m, text, true);
        CHECK(m.summary().total.left_open == 1);
        CHECK(m.summary().custom_events.at("DID") == 1);
        if (policy == QueueLogWaitingOpen::Exclude) {
            CHECK(ev.empty());
            CHECK(m.summary().total.excluded == 1);
        } else {
            REQUIRE(ev.size() == 2);
            CHECK(ev[1].kind == (policy == QueueLogWaitingOpen::Abandoned ? EventKind::CallAbandoned : EventKind::CallExited));
            CHECK(ev[1].wait_ms == 0);
        }
    }
}

TEST_CASE("queue_log map: asterisk issue 759 - ATTENDEDTRANSFER without CONNECT still answers the call") {
    QueueLogMapper m{QueueLogMapperConfig{}};
    const std::vector<Event> ev = MapAll(m,
        "1717397390|1717397390.239830|1509|NONE|DID|\n"
        "1717397390|1717397390.239830|1509|NONE|ENTERQUEUE||7009|1\n"
        "1717397450|1717397390.239830|1509|PJSIP/201|ATTENDEDTRANSFER|BRIDGE|x-1|12|48|1\n");
    REQUIRE(Kinds(ev) == std::vector<EventKind>{EventKind::CallOffered, EventKind::CallAnswered, EventKind::CallTransferred});
    CHECK(ev[1].wait_ms == 12000);
    CHECK(m.summary().total.answered == 1);
    CHECK(m.summary().total.transferred == 1);
}

TEST_CASE("queue_log map: rejected lines are listed with number and reason, capped, all counted") {
    QueueLogMapperConfig cfg;
    cfg.max_rejected_listed = 2;
    QueueLogMapper m(cfg);
    std::vector<Event> ev;
    m.MapLine("garbage", &ev);
    m.MapLine("", &ev);
    m.MapLine("1600000000|x|q|a|CONNECT|zz", &ev);
    m.MapLine("1600000000|x|q|\x01|CONNECT|1", &ev);
    const QueueLogSummary& s = m.summary();
    CHECK(s.lines_read == 4);
    CHECK(s.lines_blank == 1);
    CHECK(s.lines_rejected == 3);
    REQUIRE(s.rejected.size() == 2);
    CHECK(s.rejected[0].line_number == 1);
    CHECK(s.rejected[0].status == QueueLogStatus::BadTime);
    CHECK(s.rejected[1].line_number == 3);
    CHECK(s.rejected[1].reason == "bad_data: a numeric field of the event is not a number");
    CHECK(ev.empty());
}

// After a rotation and a restart a fresh mapper reads only the new file, while the engine has the
// state the old file led to (restored from the store). Mapper `before` reads the old file, mapper
// `after` the new one; one engine gets both mappers' events.
TEST_CASE("queue_log map: a COMPLETE for a call answered before the log ends it with the same call key") {
    QueueLogMapperConfig cfg;
    cfg.agents.push_back({"PJSIP/100", "100", "Wang Fang", "王芳", ""});
    cfg.queues.push_back({"q1", "q1", "Q1", "一", ServiceLevelDef{}});
    cfg.queues.push_back({"q2", "q2", "Q2", "二", ServiceLevelDef{}});
    QueueLogMapper before(cfg), after(cfg);
    const std::vector<Event> old_ev = MapAll(before,
        "1600000000|MANAGER|q1|PJSIP/100|ADDMEMBER|\n"
        "1600000010|1600000010.1|q1|NONE|ENTERQUEUE||100|1\n"
        "1600000012|1600000010.1|q1|PJSIP/100|CONNECT|2|1600000012.2|1\n");
    REQUIRE(Kinds(old_ev).back() == EventKind::CallAnswered);
    std::vector<QueueLogLineResult> res;
    std::vector<Event> ev;
    for (std::string_view line : {"1600000100|1600000010.1|q1|PJSIP/100|COMPLETEAGENT|2|88|1",
                                  "1600000100|1600000010.1|q1|PJSIP/100|COMPLETEAGENT|2|88|1",  // repeated
                                  "1600000101|1600000010.1|q1|PJSIP/100|COMPLETECALLER|2|89|1"})
        res.push_back(after.MapLine(line, &ev));
    CHECK(Kinds(TakeMembership(&ev)) == std::vector<EventKind>{EventKind::MemberAdded});
    REQUIRE(Kinds(ev) == std::vector<EventKind>{EventKind::CallCompleted});
    CHECK(ev[0].call == old_ev.back().call);
    CHECK(ev[0].call == QueueLogCallKey("1600000010.1"));
    CHECK(ev[0].agent == 0);
    CHECK(ev[0].queue == 0);
    CHECK(ev[0].t_ms == 1600000100000);
    CHECK(res[0].kind == QueueLogLineKind::Mapped);
    CHECK(res[1].kind == QueueLogLineKind::Ignored);  // the call has ended now: counted once
    CHECK(res[2].kind == QueueLogLineKind::Ignored);
    const QueueLogSummary& s = after.summary();
    CHECK(s.out_of_sequence == 2);
    CHECK(s.total.answered_earlier == 1);
    CHECK(s.per_queue.at(0).answered_earlier == 1);
    CHECK(s.total.entered == 0);
    CHECK(s.total.answered == 0);
    CHECK(s.total.completed == 0);

    Engine engine(before.directory(), EngineConfig{});
    for (const Event& e : old_ev) engine.Push(e);
    for (const Event& e : ev) engine.Push(e);
    engine.Flush();
    const Snapshot snap = engine.TakeSnapshot();
    // The queue has no wrapuptime: Asterisk frees the agent when the call ends.
    CHECK(snap.agents.at(0).state == AgentState::Available);
    CHECK(snap.agents.at(0).state_since_ms == 1600000100000);
    CHECK(engine.stats().invalid == 0);
    CHECK(snap.queues.at(0).today.answered == 1);
}

TEST_CASE("queue_log map: a TRANSFER for a call answered before the log; not for an agent on another call") {
    QueueLogMapperConfig cfg;
    cfg.queues.push_back({"q1", "q1", "Q1", "一", ServiceLevelDef{}});
    cfg.queues.push_back({"q2", "q2", "Q2", "二", ServiceLevelDef{}});
    QueueLogMapper m(cfg);
    const std::vector<Event> ev = MapAll(m,
        "1600000100|1600000010.1|q1|PJSIP/100|BLINDTRANSFER|q2|from-queue|2|88|1\n"
        "1600000110|1600000110.1|q2|NONE|ENTERQUEUE||100|1\n"
        "1600000112|1600000110.1|q2|PJSIP/200|CONNECT|2|1600000112.2|1\n"
        // PJSIP/200 is on a call this log saw: a COMPLETE of another call is out of sequence.
        "1600000120|1600000005.7|q2|PJSIP/200|COMPLETEAGENT|3|50|1\n"
        "1600000130|1600000110.1|q2|PJSIP/200|COMPLETEAGENT|2|18|1\n");
    REQUIRE(Kinds(ev) == std::vector<EventKind>{EventKind::CallTransferred, EventKind::CallOffered,
                                                EventKind::CallAnswered, EventKind::CallCompleted});
    CHECK(ev[0].call == QueueLogCallKey("1600000010.1"));
    CHECK(ev[0].agent == m.AgentIndex("PJSIP/100"));
    CHECK(ev[0].queue == 0);
    CHECK(ev[0].target_queue == 1);
    CHECK(ev[3].call == QueueLogCallKey("1600000110.1"));
    const QueueLogSummary& s = m.summary();
    CHECK(s.out_of_sequence == 1);
    CHECK(s.total.answered_earlier == 1);
    CHECK(s.per_queue.at(0).answered_earlier == 1);
    CHECK(s.per_queue.at(0).transferred == 0);
    CHECK(s.per_queue.at(1).answered_earlier == 0);
    CHECK(s.per_queue.at(1).completed == 1);
}

TEST_CASE("queue_log map: removing a member never seen join logs it out once; AGENTLOGOFF likewise") {
    QueueLogMapperConfig cfg;
    cfg.agents.push_back({"PJSIP/100", "100", "Wang Fang", "王芳", ""});
    cfg.queues.push_back({"q1", "q1", "Q1", "一", ServiceLevelDef{}});
    cfg.queues.push_back({"q2", "q2", "Q2", "二", ServiceLevelDef{}});
    QueueLogMapper before(cfg), after(cfg);
    const std::vector<Event> old_ev = MapAll(before,
        "1600000000|MANAGER|q1|PJSIP/100|ADDMEMBER|\n"
        "1600000000|MANAGER|q2|PJSIP/100|ADDMEMBER|\n"
        "1600000001|NONE|NONE|Agent/7|AGENTLOGIN|PJSIP/7-1\n");
    const std::vector<Event> ev = MapAll(after,
        "1600000100|MANAGER|q1|PJSIP/100|REMOVEMEMBER|\n"
        "1600000100|MANAGER|q2|PJSIP/100|REMOVEMEMBER|\n"       // already logged out: nothing
        "1600000110|NONE|NONE|Agent/7|AGENTLOGOFF|PJSIP/7-1|109\n"
        "1600000120|NONE|NONE|Agent/7|AGENTLOGOFF|PJSIP/7-1|119\n"  // logged out: nothing
        // A member this log saw join and leave, removed again: nothing.
        "1600000200|MANAGER|q1|PJSIP/300|ADDMEMBER|\n"
        "1600000210|MANAGER|q1|PJSIP/300|REMOVEMEMBER|\n"
        "1600000220|MANAGER|q1|PJSIP/300|REMOVEMEMBER|\n");
    REQUIRE(Kinds(ev) == std::vector<EventKind>{EventKind::AgentLogout, EventKind::AgentLogout, EventKind::AgentLogin,
                                                EventKind::AgentReady, EventKind::AgentLogout});
    CHECK(ev[0].agent == 0);
    CHECK(ev[0].t_ms == 1600000100000);
    CHECK(ev[1].agent == after.AgentIndex("Agent/7"));
    CHECK(ev[1].t_ms == 1600000110000);
    CHECK(ev[4].t_ms == 1600000210000);

    // The old file's mapper gave Agent/7 the same index: an engine holding both logs ends with
    // everyone logged out and nothing impossible.
    REQUIRE(before.directory().agents.size() == 2);
    Engine engine(before.directory(), EngineConfig{});
    for (const Event& e : old_ev) engine.Push(e);
    for (size_t i = 0; i < 2; ++i) engine.Push(ev[i]);
    engine.Flush();
    const Snapshot snap = engine.TakeSnapshot();
    CHECK(snap.agents.at(0).state == AgentState::LoggedOut);
    CHECK(snap.agents.at(1).state == AgentState::LoggedOut);
    CHECK(engine.stats().invalid == 0);
}

TEST_CASE("queue_log: per-queue agent counts follow membership from the log and the configuration") {
    QueueLogMapperConfig cfg;
    cfg.queues.push_back({"q1", "", "", "", ServiceLevelDef{}});
    cfg.queues.push_back({"q2", "", "", "", ServiceLevelDef{}});
    QueueLogAgentMap configured{"Agent/4", "4", "", "", ""};
    configured.queues = {"q2"};  // a member of q2 from the start
    cfg.agents.push_back(configured);
    QueueLogMapper m(cfg);
    std::vector<Event> events;
    for (std::string_view line : {"1600000000|MANAGER|q1|PJSIP/1|ADDMEMBER|",
                                  "1600000000|MANAGER|q1|PJSIP/2|ADDMEMBER|",
                                  "1600000000|MANAGER|q2|PJSIP/3|ADDMEMBER|",
                                  "1600000001|NONE|NONE|Agent/4|AGENTLOGIN|PJSIP/4",
                                  "1600000010|1600000010.1|q2|NONE|ENTERQUEUE||100|1",
                                  "1600000012|1600000010.1|q2|PJSIP/2|CONNECT|2|1600000012.2|2"})
        m.MapLine(line, &events);
    std::vector<Event> rest = events;
    // Three ADDMEMBER lines, and PJSIP/2 answering a call of q2.
    CHECK(TakeMembership(&rest).size() == 4);
    Engine engine(m.directory(), EngineConfig{15, 0, 0, 600000});
    for (const Event& e : events) engine.Push(e);
    engine.AdvanceTo(1600000060000);
    const Snapshot snap = engine.TakeSnapshot();
    auto agents_in = [](const QueueLive& q) { return q.agents_available + q.agents_on_call + q.agents_wrap_up + q.agents_not_ready; };
    // Four agents logged in. q1 counts its two members; q2 its member, the configured one and
    // the one who answered its call - not every agent in every queue.
    CHECK(snap.teams[0].agents_logged_in == 4);
    CHECK(agents_in(snap.queues[0]) == 2);
    CHECK(agents_in(snap.queues[1]) == 3);
    CHECK(snap.queues[1].agents_on_call == 1);
    CHECK(snap.queues[0].agents_on_call == 1);  // PJSIP/2 is a member of both
}

TEST_CASE("queue_log map: an ended call is not answered or ended again; a closed one does not come back") {
    QueueLogMapper m(QueueLogMapperConfig{});
    const std::vector<Event> ev = MapAll(m,
        "1767571200|c1|support|NONE|ENTERQUEUE||5550001|1\n"
        "1767571210|c1|support|NONE|ABANDON|1|1|10\n"
        "1767571215|c1|support|PJSIP/1001|CONNECT|15|m1|1\n"       // after its end: contradicts it
        "1767571216|c1|support|NONE|EXITWITHTIMEOUT|1|1|16\n"      // likewise
        "1767571220|c2|support|NONE|ENTERQUEUE||5550002|1\n"
        "1767571230|NONE|NONE|NONE|QUEUESTART|\n"                  // closes c2: left open
        "1767571240|c2|support|NONE|ENTERQUEUE||5550002|1\n"       // closed: not a new entry
        "1767571250|c2|support|PJSIP/1001|CONNECT|30|m2|1\n"
        "1767571260|c3|support|PJSIP/1001|CONNECT|5|m3|1\n",       // never seen: entered 5 s ago
        true);
    CHECK(Kinds(ev) == std::vector<EventKind>{EventKind::CallOffered, EventKind::CallAbandoned, EventKind::CallOffered,
                                              EventKind::CallExited, EventKind::CallAnswered, EventKind::CallCompleted});
    CHECK(ev[4].t_ms == 1767571260000);
    CHECK(ev[4].wait_ms == 5000);
    const QueueLogSummary& s = m.summary();
    CHECK(s.out_of_sequence == 4);
    CHECK(s.calls == 3);
    CHECK(s.total.entered == 3);
    CHECK(s.total.abandoned == 1);
    CHECK(s.total.left_open == 1);
    CHECK(s.total.answered == 1);
    CHECK(s.total.answered_no_completion == 1);  // c3, closed by Finish
}

TEST_CASE("queue_log map: the time range starts at 1970-01-01T00:00:00Z when a line says so") {
    QueueLogMapper m(QueueLogMapperConfig{});
    CHECK(m.summary().first_t_ms == -1);  // none yet
    MapAll(m, "0|c0|q1|NONE|ENTERQUEUE||5550|1\n917834400|c1|q1|NONE|ENTERQUEUE||5551|1\n", true);
    CHECK(m.summary().first_t_ms == 0);
    CHECK(m.summary().last_t_ms == 917834400000);
}

TEST_CASE("queue_log map: absurd stated waits and rings are taken as one day, never overflow") {
    QueueLogMapper m(QueueLogMapperConfig{});
    const std::vector<Event> ev = MapAll(m,
        "1600000099|x1|q2|NONE|EXITWITHKEY|2|1|1|14444444444444444\n"   // a call never seen, waited "forever"
        "1600000100|x2|q2|PJSIP/1|CONNECT|999999999999999999|m|999999999999999999\n"
        "1600000101|x3|q2|PJSIP/2|RINGNOANSWER|999999999999999999\n"
        "3600|x4|q2|NONE|ABANDON|1|1|7200\n"                              // an hour after 1970 began
        "1600000102|x5|q2|NONE|ABANDON|1|1|86399\n");                    // a stated wait under a day stays
    REQUIRE(ev.size() == 5);
    CHECK(ev[0].kind == EventKind::CallExited);
    CHECK(ev[0].wait_ms == 86400000);
    CHECK(ev[1].kind == EventKind::CallAnswered);
    CHECK(ev[1].wait_ms == 86400000);
    CHECK(ev[1].ring_ms == 86400000);
    CHECK(ev[2].kind == EventKind::RingNoAnswer);
    CHECK(ev[2].ring_ms == 86400000);
    CHECK(ev[3].wait_ms == 3600000);  // not before 1970-01-01
    CHECK(ev[4].wait_ms == 86399000);
}

TEST_CASE("queue_log map: every queue ends wrap-up by the phone system, configured, stored or new") {
    QueueLogMapperConfig config;
    config.default_wrap_up_s = 10;
    QueueLogQueueMap support;
    support.name = "support";
    support.wrap_up_s = 45;
    config.queues.push_back(support);
    QueueInfo stored;
    stored.key = "billing";  // from the database's directory
    config.directory.queues.push_back(stored);
    QueueLogMapper m(config);
    MapAll(m, "1700000000|1700000000.1|sales|NONE|ENTERQUEUE||5551234|1\n");
    const Directory& d = m.directory();
    REQUIRE(d.queues.size() == 3);
    for (const QueueInfo& q : d.queues) {
        CAPTURE(q.key);
        CHECK(q.wrap_up_by_system);
    }
    CHECK(d.queues[0].key == "billing");
    CHECK(d.queues[1].wrap_up_s == 45);
    CHECK(d.queues[2].key == "sales");
    CHECK(d.queues[2].wrap_up_s == 10);
}
