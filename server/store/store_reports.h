// What reports read and keep (docs/reports.md): stored counts per day (day_totals) and per
// interval (interval_counts, center_intervals, interval_extras), the versioned service-level
// definitions, the directory's names, days waiting for a recount; saved reports and incident
// notes with their revisions. Like CallsQuery it opens its own connection to the database file
// (WAL lets it read while the live source writes) and serialises its statements with a mutex, so
// HTTP workers and the command line may share it. Scoping by role is the caller's job
// (server/admin/report_service.h).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include "core/kpi.h"
#include "core/report/incident.h"
#include "core/report/report.h"
#include "server/auth/account_store.h"
#include "server/store/sqlite_db.h"
#include "server/base/status.h"

namespace cb {

// The stored scopes of counts.
enum class CountScope : uint8_t { Queue, Agent, Team, Center };
std::string_view CountScopeName(CountScope s);  // "queue", "agent", "team", "center"

// How the stored days were cut (meta, written by every interval rebuild) and what kind of data
// the database holds.
struct StoredLayout {
    bool known = false;               // false: no day was counted by this version yet
    std::string zone;                 // IANA name; empty: the fixed offset
    int32_t tz_offset_min = 0;
    int interval_minutes = 15;
    bool rollups_pending = false;     // upgraded to schema v10, the next rebuild writes the rollups
    std::string data_kind;            // "demo" or "real"
};

// Names for reports: the directory's queues, teams and agents (agents with their team's key),
// in directory order.
struct ReportDirectory {
    std::vector<ReportGroupInfo> queues;
    std::vector<ReportGroupInfo> teams;
    std::vector<ReportGroupInfo> agents;
};

// A saved report as stored: the query and the report as JSON (core/report/report_json.h).
struct SavedReportRow {
    int64_t id = 0;
    std::string name;
    std::string owner;
    int64_t created_ms = 0;
    std::string query_json;
    std::string report_json;          // empty in lists
};

// One stored version of a note's text.
struct NoteRevision {
    int revision = 0;
    std::string text;
    std::string author;
    int64_t t_ms = 0;
    bool operator==(const NoteRevision&) const = default;
};

class ReportStore {
public:
    ReportStore();
    ~ReportStore();

    // Opens the database at path (migrating it like every opener does). Fails with one line
    // naming the file and the reason.
    Status Open(const std::string& path);
    void Close();
    bool is_open();

    Result<StoredLayout> ReadLayout();
    Result<ReportDirectory> ReadDirectory();
    // Every stored version, linked (valid_to_ms set) and ordered by key and time.
    Result<std::vector<DefinitionVersion>> ReadDefinitions();

    // fn(key, start, counts, extras) for each stored row of `scope` with from_ms <= start < to_ms:
    // days (day_totals) or intervals. Keys: only those (empty: all).
    using RowFn = std::function<void(std::string_view key, int64_t start_ms, const KpiCounts&, const ReportExtras&)>;
    Status ReadDays(CountScope scope, int64_t from_ms, int64_t to_ms, const std::vector<std::string>& keys,
                    const RowFn& fn);
    Status ReadIntervals(CountScope scope, int64_t from_ms, int64_t to_ms, const std::vector<std::string>& keys,
                         const RowFn& fn);
    // Days (their starts) with from_ms <= start < to_ms marked for a recount.
    Result<std::vector<int64_t>> PendingDays(int64_t from_ms, int64_t to_ms);
    // Days with any stored counts (a center row in day_totals).
    Result<std::vector<int64_t>> DaysWithData(int64_t from_ms, int64_t to_ms);
    // Queues with any stored counts in the range (their definitions applied to the counts).
    Result<std::vector<std::string>> QueuesWithCounts(int64_t from_ms, int64_t to_ms);

    // Saved reports. SaveReport and DeleteSaved append `audit` in the same transaction.
    Result<int64_t> SaveReport(const SavedReportRow& row, const AuditEntry& audit);
    Result<std::vector<SavedReportRow>> ListSaved();  // newest first, without report_json
    Result<std::optional<SavedReportRow>> GetSaved(int64_t id);
    Result<bool> DeleteSaved(int64_t id, const AuditEntry& audit);

    // Incident notes: stored with their first revision; an edit adds a revision. `audit` is
    // appended in the same transaction (it must not carry the text).
    Result<IncidentNote> AddNote(int64_t from_ms, int64_t to_ms, const std::string& text, const std::string& author,
                                 int64_t now_ms, const AuditEntry& audit);
    Result<std::optional<IncidentNote>> EditNote(int64_t id, const std::string& text, const std::string& by,
                                                 int64_t now_ms, const AuditEntry& audit);
    Result<std::optional<IncidentNote>> GetNote(int64_t id);
    // Notes whose window overlaps [from_ms, to_ms), oldest first.
    Result<std::vector<IncidentNote>> Notes(int64_t from_ms, int64_t to_ms);
    Result<std::vector<NoteRevision>> NoteRevisions(int64_t id);

private:
    Status InTransaction(const std::function<Status()>& body);
    std::mutex m_mutex;
    std::unique_ptr<sql::Db> m_db;
};

}  // namespace cb
