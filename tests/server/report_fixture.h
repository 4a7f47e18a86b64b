// A small hand-made center for the report tests, in Europe/Berlin, over a normal Saturday
// (2026-03-28) and the Sunday clocks go forward (2026-03-29, 23 h). Every number the tests expect
// is worked out by hand in report_fixture.cpp's comments.
#pragma once
#include <memory>
#include <string>
#include <vector>
#include "core/directory.h"
#include "core/tz.h"
#include "server/store/store.h"

namespace cbtest {

// Queues: sales (answered within 20 s / offered, short abandon 5 s), support (answered within
// 30 s / (offered - short), short abandon 10 s). Teams: a (1001 Anna: sales; 1002 Ben: sales and
// support), b (1003 Chen: support).
cb::Directory ReportCenter();
cb::TimeZone Berlin();
// A local time in Berlin as UTC ms.
int64_t BerlinMs(const cb::CivilDate& date, int h, int m, int s = 0);

// Saturday: two agents, four sales calls (one within T with an order, one held with a callback
// promised, a short abandon, a long abandon), a 10-minute break. Sunday: one agent across the
// skipped hour, a support call answered at 01:50:40 and completed at 03:05 (a callback kept), a
// short abandon at 03:20.
std::vector<cb::StoredEvent> ReportSaturday();
std::vector<cb::StoredEvent> ReportSunday();

// A real-data database at path with the center's directory (definitions recorded at
// definitions_ms), the center's default definition, both days stored and counted.
struct ReportDb {
    std::unique_ptr<cb::Store> store;
    cb::Directory directory;
};
ReportDb OpenReportDb(const std::string& path, int64_t definitions_ms);

}  // namespace cbtest
