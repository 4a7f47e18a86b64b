// Per-call records, row by row (docs/ingest.md, "Per-call records"): date and time patterns,
// local times around daylight saving changes, mapping files and their errors, the bank's rows
// with their quirks, and the checks across rows with the events a file becomes.
#include <doctest/doctest.h>

#include <fstream>
#include "server/base/time_zone.h"
#include "server/ingest/cdr_import.h"
#include "server/ingest/cdr_mapping.h"
#include "server/ingest/cdr_rows.h"
#include "server/ingest/cdr_time.h"
#include "server_test_util.h"

namespace {

cb::TimeZone Zone(const std::string& name) {
    cb::Result<cb::TimeZone> zone = cb::LoadTimeZone(name);
    REQUIRE_MESSAGE(zone.ok(), zone.status().message());
    return zone.value();
}

cb::CdrMapping Bank() {
    cb::Result<cb::CdrMapping> m = cb::BuiltInCdrMapping("anonymous_bank");
    REQUIRE_MESSAGE(m.ok(), m.status().message());
    return m.value();
}

const std::string kBankHeader =
    "vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\t"
    "outcome\tser_start\tser_exit\tser_time\tserver";

// The bank's row as its documentation lays it out (17 tab-separated fields).
std::string BankRow(const std::string& fields) {
    std::string row = fields;
    for (char& c : row)
        if (c == ' ') c = '\t';
    return row;
}

}  // namespace

TEST_CASE("CDR time patterns: dates, times of day, fractions and what they refuse") {
    cb::CdrTimeFormat f;
    std::string error;
    REQUIRE(cb::CdrTimeFormat::Compile("%y%m%d", &f, &error));
    cb::CivilTime t;
    REQUIRE(f.Parse("990131", &t));
    CHECK(t.date == cb::CivilDate{1999, 1, 31});
    REQUIRE(f.Parse("050301", &t));
    CHECK(t.date == cb::CivilDate{2005, 3, 1});
    CHECK_FALSE(f.Parse("990229", &t));   // 1999 is not a leap year
    CHECK_FALSE(f.Parse("991301", &t));
    CHECK_FALSE(f.Parse("99011", &t));
    REQUIRE(cb::CdrTimeFormat::Compile("%H:%M:%S", &f, &error));
    REQUIRE(f.Parse("0:00:31", &t));
    CHECK((t.hour == 0 && t.minute == 0 && t.second == 31));
    REQUIRE(f.Parse("23:59:59", &t));
    CHECK_FALSE(f.Parse("24:00:00", &t));
    CHECK_FALSE(f.Parse("9:21", &t));
    CHECK_FALSE(f.Parse("9:21:00 ", &t));
    REQUIRE(cb::CdrTimeFormat::Compile("%d.%m.%Y %H:%M:%S.%f", &f, &error));
    REQUIRE(f.Parse("05.01.2026 08:00:01.25", &t));
    CHECK(t == cb::CivilTime{{2026, 1, 5}, 8, 0, 1, 250});
    CHECK(f.has_date());
    CHECK(f.has_time());
    CHECK_FALSE(cb::CdrTimeFormat::Compile("%Y-%q", &f, &error));
    CHECK(error == "'%Y-%q': %q is not a known directive (%Y %y %m %d %H %M %S %f %%)");
    CHECK_FALSE(cb::CdrTimeFormat::Compile("%Y %y", &f, &error));
}

TEST_CASE("local times on the days clocks change in Europe/Berlin: skipped and repeated hours") {
    const cb::TimeZone berlin = Zone("Europe/Berlin");
    // 30 March 2025: 02:00 CET became 03:00 CEST. 02:30 never happened.
    CHECK(cb::LocalInstants(berlin, cb::CivilTime{{2025, 3, 30}, 2, 30, 0, 0}).empty());
    CHECK(cb::LocalInstants(berlin, cb::CivilTime{{2025, 3, 30}, 1, 59, 50, 0}) == std::vector<int64_t>{1743296390000});
    CHECK(cb::LocalInstants(berlin, cb::CivilTime{{2025, 3, 30}, 3, 0, 10, 0}) == std::vector<int64_t>{1743296410000});
    // 26 October 2025: 03:00 CEST became 02:00 CET. 02:30 happened twice, an hour apart.
    CHECK(cb::LocalInstants(berlin, cb::CivilTime{{2025, 10, 26}, 2, 30, 0, 0}) ==
          std::vector<int64_t>{1761438600000, 1761438600000 + 3600000});
    // Israel in January 1999: UTC+2.
    CHECK(cb::LocalInstants(Zone("Asia/Jerusalem"), cb::CivilTime{{1999, 1, 5}, 23, 59, 33, 0}) ==
          std::vector<int64_t>{915573573000});
}

TEST_CASE("mapping files: the built-in bank mapping, and errors that say what and where") {
    const cb::CdrMapping bank = Bank();
    CHECK(bank.delimiter == cb::CdrDelimiter::Whitespace);
    CHECK(bank.time_zone == "Asia/Jerusalem");
    CHECK(bank.call_id.size() == 2);
    CHECK(bank.durations.size() == 3);
    auto error = [](const std::string& json) {
        cb::Result<cb::CdrMapping> m = cb::ParseCdrMapping(json, "map.json");
        return m.ok() ? std::string("ok") : m.status().message();
    };
    const std::string columns = R"("columns": {"queue": "q", "agent": "a", "answer": "s", "end": "e"})";
    CHECK(error("{" + columns + R"(, "time_zone": "Europe/Berlin"})") == "ok");
    CHECK(error("{" + columns + R"(, "colour": 1})") == "map.json: colour: unknown setting");
    CHECK(error(R"({"columns": {"queue": "q", "agent": "a", "answer": "s"}})") == "map.json: columns.end: is required");
    CHECK(error(R"({"header": false, "columns": {"queue": "q", "agent": 2, "answer": 3, "end": 4}})") ==
          "map.json: columns.queue: names a column, but the files have no header row (\"header\": false): give its number");
    CHECK(error(R"({"columns": {"queue": 1, "agent": "a", "answer": "s", "end": "e"}})") ==
          "map.json: columns.queue: gives a column number, but the files have a header row: give its name");
    CHECK(error("{" + columns + R"(, "delimiter": "space"})") ==
          "map.json: delimiter: 'space' is not tab, comma, semicolon, pipe or whitespace");
    CHECK(error("{" + columns + R"(, "time_format": "%H:%M:%S"})") ==
          "map.json: time_format: '%H:%M:%S' must give a full date and time (or map columns.date)");
    CHECK(error(R"({"columns": {"queue": "q", "agent": "a", "answer": "s", "end": "e", "outcome": "o"},
                    "outcomes": {"OK": "served"}})") == "map.json: outcomes.OK: must be answered, abandoned or ignore");
    CHECK(error("{" + columns + R"(, "time_zone": "Mars/Olympus Mons"})") ==
          "map.json: time_zone: 'Mars/Olympus Mons' is not an IANA time zone name (like Europe/Berlin)");
    CHECK(error("{" + columns).rfind("map.json: not valid JSON", 0) == 0);
    CHECK(cb::BuiltInCdrMapping("avaya").status().message() == "unknown format 'avaya' (known: anonymous_bank)");
}

TEST_CASE("the bank's rows: served, served from the IVR, abandoned, PHANTOM and the quirks") {
    const cb::CdrMapping bank = Bank();
    const cb::CdrRowReader reader(bank, Zone("Asia/Jerusalem"));
    cb::Result<cb::CdrLayout> layout = cb::MakeCdrLayout(bank, kBankHeader);
    REQUIRE_MESSAGE(layout.ok(), layout.status().message());
    auto read = [&](const std::string& row) { return reader.Read(row, layout.value()); };

    // Waited 79 s in queue PS, served by DORIT from 11:46:57 to 11:51:00 (the documentation's
    // first sample row; the service starts a second before the queue exit).
    cb::CdrRow r = read(BankRow("AA0101 44749 27644400 2 PS 990901 11:45:33 11:45:39 6 11:45:39 11:46:58 79 AGENT 11:46:57 11:51:00 243 DORIT"));
    CHECK(r.kind == cb::CdrRowKind::Answered);
    CHECK(r.queue == "PS");
    CHECK(r.agent == "DORIT");
    CHECK(r.call_id == "AA0101/44749");
    CHECK(r.answer_ms - r.entry_ms == 78000);  // the wait ends when the service starts
    CHECK(r.end_ms - r.answer_ms == 243000);
    CHECK(r.notes.empty());
    // Straight from the IVR to an agent: no queue entry.
    r = read(BankRow("AA0101 44970 0 0 NW 990905 15:31:33 15:31:47 14 0:00:00 0:00:00 0 AGENT 15:31:45 15:34:16 151 STEREN"));
    CHECK(r.kind == cb::CdrRowKind::AnsweredDirect);
    CHECK(r.entry_ms == -1);
    CHECK(r.end_ms - r.answer_ms == 151000);
    // Hung up after 173 s in the queue; and one who hung up in the IVR.
    r = read(BankRow("AA0101 44968 0 0 NW 990905 15:10:17 15:10:26 9 15:10:26 15:13:19 173 HANG 00:00:00 00:00:00 0 NO_SERVER"));
    CHECK(r.kind == cb::CdrRowKind::Abandoned);
    CHECK(r.exit_ms - r.entry_ms == 173000);
    r = read(BankRow("AA0101 44794 0 0 PS 990902 00:10:47 00:12:05 78 00:00:00 00:00:00 0 HANG 00:00:00 00:00:00 0 NO_SERVER"));
    CHECK(r.kind == cb::CdrRowKind::BeforeQueue);
    r = read(BankRow("AA0101 33120 0 0 PS 990101 7:41:16 7:41:26 10 7:41:26 7:41:30 4 PHANTOM 7:41:30 7:41:31 1 NO_SERVER"));
    CHECK(r.kind == cb::CdrRowKind::Ignored);
    // Served, but by no agent: refused with the reason.
    r = read(BankRow("AA0101 44776 0 0 PS 990901 17:52:59 17:53:09 10 00:00:00 00:00:00 0 AGENT 17:53:08 17:53:09 1 NO_SERVER"));
    CHECK(r.kind == cb::CdrRowKind::Rejected);
    CHECK(r.reason == "answered_without_agent");
    CHECK(r.detail == "answered, but server is 'NO_SERVER'");
    r = read(BankRow("AA0102 28609 0 0 PS 990104 13:39:21 13:39:30 9 0:00:00 0:00:00 0 AGENT 0:00:00 0:00:00 0 GILI"));
    CHECK(r.reason == "answered_without_service");
    r = read(BankRow("AA0102 29938 31881212 1 PS 990128 15:39:39 15:39:47 8 15:39:47 15:40:02 15 AGENT 15:39:46 15:41:50 124 DORIT"));
    CHECK(r.reason == "answer_before_queue_entry");
    CHECK(r.detail == "ser_start is 1 s before q_start");
    // A service from 23:59:33 to 0:03:40: the end is on the next day (1999-01-05 is UTC+2).
    r = read(BankRow("AA0102 28748 0 0 PS 990105 23:59:15 23:59:34 19 0:00:00 0:00:00 0 AGENT 23:59:33 0:03:40 247 BENSION"));
    CHECK(r.kind == cb::CdrRowKind::AnsweredDirect);
    CHECK(r.answer_ms == 915573573000);
    CHECK(r.end_ms == 915573820000);
    // The queue entry at midnight itself (0:00:00 with a queue exit after it) is a time.
    r = read(BankRow("AA0102 31056 15696776 2 PS 990215 23:59:54 23:59:54 0 0:00:00 0:00:27 27 AGENT 0:00:26 0:01:33 67 AVNI"));
    CHECK(r.kind == cb::CdrRowKind::Answered);
    CHECK(r.entry_ms == 919116000000);
    CHECK(r.answer_ms - r.entry_ms == 26000);
    // Quirks kept with a note: a negative time in the IVR, a zero service, a hung-up call with a
    // service, an undocumented type, a space after a tab.
    r = read(BankRow("AA0101 33500 0 0 PS 990105 15:46:01 15:45:24 -37 15:45:24 15:45:50 26 HANG 00:00:00 00:00:00 0 NO_SERVER"));
    CHECK(r.kind == cb::CdrRowKind::Abandoned);
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].kind == "negative_duration");
    CHECK(r.notes[0].detail == "vru_time is -37 s (vru_exit before vru_entry)");
    r = read(BankRow("AA0102 28551 0 0 NW 990103 18:45:24 18:45:36 12 0:00:00 0:00:00 0 AGENT 18:45:36 18:45:36 0 MIKI"));
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].kind == "zero_service_time");
    r = read(BankRow("AA0101 33761 55279970 2 PS 990113 16:21:19 16:21:25 6 16:21:25 16:21:58 33 HANG 16:21:58 16:30:30 512 NO_SERVER"));
    CHECK(r.kind == cb::CdrRowKind::Abandoned);
    CHECK(r.exit_ms - r.entry_ms == 33000);
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].kind == "abandoned_with_service");
    r = read(BankRow("AA0204 32649 0 0 AA 990113 4:12:26 4:13:04 38 0:00:00 0:00:00 0 HANG 0:00:00 0:00:00 0 NO_SERVER"));
    CHECK(r.kind == cb::CdrRowKind::BeforeQueue);
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].kind == "unlisted_queue");
    r = read("AA0102\t33340\t0\t0\t TT\t990324\t15:09:49\t15:09:54\t5\t0:00:00\t0:00:00\t0\tHANG\t0:00:00\t0:00:00\t0\tNO_SERVER");
    CHECK(r.queue == "TT");
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].kind == "irregular_separators");
    // Bad rows.
    r = read(BankRow("AA0101 33500 0 0 PS 990105 15:46:01 15:46:24 23 15:46:24 15:46:50 26 HANG 00:00:00 00:00:00 0"));
    CHECK(r.reason == "fields");
    CHECK(r.detail == "17 fields expected, 16 found");
    r = read(BankRow("AA0101 33500 0 0 PS 990105 15:46:01 15:46:24 23 15:46:24 15:46:50 25 HANG 00:00:00 00:00:00 0 NO_SERVER"));
    CHECK(r.reason == "duration_mismatch");
    CHECK(r.detail == "q_time says 25 s, q_exit - q_start is 26 s");
    r = read(BankRow("AA0101 33500 0 0 PS 990230 15:46:01 15:46:24 23 15:46:24 15:46:50 26 HANG 00:00:00 00:00:00 0 NO_SERVER"));
    CHECK(r.reason == "bad_date");
    r = read(BankRow("AA0101 33500 0 0 PS 990105 15:46:01 15:46:24 23 15:46:24 15:61:50 26 HANG 00:00:00 00:00:00 0 NO_SERVER"));
    CHECK(r.reason == "bad_time");
    CHECK(r.detail == "q_exit '15:61:50' is not a time in %H:%M:%S");
    r = read(BankRow("AA0101 33500 0 0 PS 990105 15:46:01 15:46:24 23 15:46:24 15:46:50 26 BUSY 00:00:00 00:00:00 0 NO_SERVER"));
    CHECK(r.reason == "unknown_outcome");
    CHECK(cb::MakeCdrLayout(bank, "vru+line\tcall_id").status().message() == "the header row has 2 columns, the mapping says 17");
}

TEST_CASE("a file's rows become events in time order; an agent serves one call at a time") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/calls.csv";
    // Times in UTC. c1: queued 10:00:00, answered 10:00:30 by ann, ended 10:05:00.
    // c2: ann answers at 10:05:00, the moment c1 ends (kept: she is free again).
    // c3: ann answers at 10:04:00 while on c1 (refused: agent_busy). c4: c1 again (refused).
    // c5: abandoned 10:01:00-10:01:40. c6: served for 0 s by bob at 10:05:00, straight away.
    // c5 again at 10:01:20 (overlapping: refused); c6 again at 11:00 (another call, kept).
    std::ofstream(path) << "id,queue,agent,result,queued,left,answered,ended\n"
                           "c1,q,ann,A,2026-01-05 10:00:00,2026-01-05 10:00:30,2026-01-05 10:00:30,2026-01-05 10:05:00\n"
                           "c2,q,ann,A,2026-01-05 10:04:50,2026-01-05 10:05:00,2026-01-05 10:05:00,2026-01-05 10:06:00\n"
                           "c3,q,ann,A,,,2026-01-05 10:04:00,2026-01-05 10:04:30\n"
                           "c1,q,ann,A,2026-01-05 10:00:00,2026-01-05 10:00:30,2026-01-05 10:00:30,2026-01-05 10:05:00\n"
                           "c5,r,,H,2026-01-05 10:01:00,2026-01-05 10:01:40,,\n"
                           "c6,r,bob,A,,,2026-01-05 10:05:00,2026-01-05 10:05:00\n"
                           "c5,r,,H,2026-01-05 10:01:20,2026-01-05 10:01:50,,\n"
                           "c6,r,bob,A,,,2026-01-05 11:00:00,2026-01-05 11:01:00\n";
    cb::Result<cb::CdrMapping> mapping = cb::ParseCdrMapping(R"({
        "columns": {"call_id": "id", "queue": "queue", "agent": "agent", "outcome": "result",
                    "queue_entry": "queued", "queue_exit": "left", "answer": "answered", "end": "ended"},
        "outcomes": {"A": "answered", "H": "abandoned"}, "time_zone": "UTC"})", "map.json");
    REQUIRE_MESSAGE(mapping.ok(), mapping.status().message());
    cb::CdrImport import(cb::CdrRowReader(mapping.value(), cb::TimeZone()), cb::QueueLogMapperConfig{});
    REQUIRE(import.AddFile(path).ok());
    import.Finish();
    const cb::CdrSummary& s = import.summary();
    CHECK(s.total.rows == 8);
    CHECK(s.total.answered == 2);
    CHECK(s.total.answered_without_queue == 2);
    CHECK(s.total.abandoned == 1);
    CHECK(s.total.rejected == 3);
    REQUIRE(s.rejected.size() == 3);
    CHECK(s.rejected[0].line == 4);
    CHECK(s.rejected[0].reason == "agent_busy");
    CHECK(s.rejected[0].detail == "ann was still serving the call on " + path + " line 2 until 2026-01-05 10:05:00");
    CHECK(s.rejected[1].line == 5);
    CHECK(s.rejected[1].reason == "duplicate_call_id");
    CHECK(s.rejected[2].line == 8);
    CHECK(s.rejected[2].detail == "the same call id is on " + path + " line 6 at an overlapping time");
    CHECK(s.total.talk_ms == (270 + 60 + 0 + 60) * 1000);
    CHECK(s.total.answered_within_t == 3);  // c2 (10 s) and c6 twice (no queue); c1 waited 30 s
    // The events, in storing order: at 10:05:00 first c1's end, then bob's call of 0 s, then c2.
    std::string order;
    const cb::Directory& d = import.directory();
    for (size_t i = 0; i < import.event_count(); ++i) {
        const cb::Event e = import.Stored(i).event;
        order += std::string(cb::EventKindName(e.kind)) + (e.agent != cb::kNoAgent ? ":" + d.agents[e.agent].key : "") + " ";
    }
    CHECK(order ==
          "call_offered call_answered:ann call_offered call_abandoned call_offered "
          "call_completed:ann agent_logout:ann "
          "call_offered call_answered:bob call_completed:bob agent_logout:bob "
          "call_answered:ann call_completed:ann agent_logout:ann "
          "call_offered call_answered:bob call_completed:bob agent_logout:bob ");
    CHECK(import.Stored(0).idem_key.rfind("1767607200000:cdr1:", 0) == 0);
    CHECK(import.Stored(0).idem_key.back() == 'o');
    CHECK(import.RowsBefore(import.event_count()) == 5);
    CHECK((import.Stored(0).event.call >> 30) == 1767607200u);  // call keys follow time
}

TEST_CASE("no header, columns by number, a date column with times of day, no outcome column") {
    cb::Result<cb::CdrMapping> mapping = cb::ParseCdrMapping(R"({
        "delimiter": "semicolon", "header": false, "fields": 6,
        "columns": {"queue": 1, "agent": 2, "date": 3, "queue_entry": 4, "answer": 5, "end": 6},
        "date_format": "%d.%m.%Y", "time_format": "%H:%M", "time_zone": "Asia/Shanghai"})", "map.json");
    REQUIRE_MESSAGE(mapping.ok(), mapping.status().message());
    const cb::CdrRowReader reader(mapping.value(), Zone("Asia/Shanghai"));
    cb::Result<cb::CdrLayout> layout = cb::MakeCdrLayout(mapping.value());
    REQUIRE(layout.ok());
    // An answer time means answered: queued 23:58, answered 23:59, ended 00:04 the next day.
    cb::CdrRow r = reader.Read("sales; 1001 ;05.01.2026;23:58;23:59;00:04", layout.value());
    CHECK(r.kind == cb::CdrRowKind::Answered);
    CHECK(r.agent == "1001");
    CHECK(r.entry_ms == 1767628680000);  // 2026-01-05 23:58 +08:00
    CHECK(r.end_ms - r.answer_ms == 5 * 60000);
    // No answer time: abandoned in the queue, which needs the queue's exit (not mapped here).
    r = reader.Read("sales;;05.01.2026;10:00;;", layout.value());
    CHECK(r.reason == "abandoned_without_queue_exit");
    CHECK(r.detail == "hung up in the queue, but the mapping has no columns.queue_exit");
    r = reader.Read("sales;1001;05.01.2026;10:00;10:01", layout.value());
    CHECK(r.reason == "fields");
    CHECK(r.detail == "6 fields expected, 5 found");
}
