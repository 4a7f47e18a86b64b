// Reads for reports, saved reports and incident notes (store_reports.h).
#include "server/store/store_reports.h"

#include <algorithm>
#include <cstdlib>
#include <unordered_map>
#include <unordered_set>
#include "server/store/migrations.h"
#include "server/store/store_accounts.h"

namespace cb {
namespace {

constexpr const char* kExtraColumns =
    "nr_none_ms, nr_break_ms, nr_lunch_ms, nr_training_ms, nr_meeting_ms, nr_coaching_ms, nr_personal_ms,"
    " nr_escalation_ms, nr_other_ms, callbacks_promised, callbacks_kept";
constexpr size_t kKeysByIndex = 32;  // up to this many keys are read one by one through day_totals_by_key

std::string CountColumns() {
    std::string out;
    for (const KpiCountField& f : KpiCountFields()) {
        if (!out.empty()) out += ", ";
        out += f.name;
    }
    return out;
}

int ReadCounts(const sql::Statement& s, int at, KpiCounts* c) {
    for (const KpiCountField& f : KpiCountFields()) c->*f.member = s.ColumnInt(at++);
    return at;
}

int ReadExtras(const sql::Statement& s, int at, ReportExtras* e) {
    for (int64_t& ms : e->not_ready_ms) ms = s.ColumnInt(at++);
    e->callbacks_promised = s.ColumnInt(at++);
    e->callbacks_kept = s.ColumnInt(at++);
    return at;
}

// Steps a prepared statement, calling fn per row.
template <typename Fn>
Status Each(sql::Statement& s, Fn fn) {
    while (true) {
        bool has_row = false;
        if (!s.Step(&has_row)) return Status::Error(s.error());
        if (!has_row) return Status::Ok();
        fn(s);
    }
}

IncidentNote NoteOf(const sql::Statement& s) {
    IncidentNote n;
    n.id = s.ColumnInt(0);
    n.from_ms = s.ColumnInt(1);
    n.to_ms = s.ColumnInt(2);
    n.text = s.ColumnText(3);
    n.author = s.ColumnText(4);
    n.created_ms = s.ColumnInt(5);
    n.updated_by = s.ColumnText(6);
    n.updated_ms = s.ColumnInt(7);
    n.revision = static_cast<int>(s.ColumnInt(8));
    return n;
}

constexpr const char* kNoteColumns = "id, from_ms, to_ms, text, author, created_ms, updated_by, updated_ms, revision";

struct KeyStart {
    std::string key;
    int64_t start = 0;
    bool operator==(const KeyStart&) const = default;
};
struct KeyStartHash {
    size_t operator()(const KeyStart& k) const { return std::hash<std::string>{}(k.key) ^ std::hash<int64_t>{}(k.start); }
};

}  // namespace

std::string_view CountScopeName(CountScope s) {
    switch (s) {
    case CountScope::Queue: return "queue";
    case CountScope::Agent: return "agent";
    case CountScope::Team: return "team";
    case CountScope::Center: return "center";
    }
    return "";
}

ReportStore::ReportStore() = default;
ReportStore::~ReportStore() = default;

Status ReportStore::Open(const std::string& path) {
    const auto fail = [&path](const std::string& why) { return Status::Error("database '" + path + "': " + why); };
    auto db = std::make_unique<sql::Db>();
    Status status = db->Open(path);
    if (!status.ok()) return fail("cannot open or create it (" + status.message() + ")");
    status = db->Exec("PRAGMA busy_timeout = 5000");
    if (status.ok()) status = db->Exec("PRAGMA foreign_keys = ON");
    if (!status.ok()) return fail(status.message());
    int version = 0;
    status = Migrate(*db, &version);
    if (!status.ok()) return fail(status.message());
    std::lock_guard<std::mutex> lock(m_mutex);
    m_db = std::move(db);
    return Status::Ok();
}

void ReportStore::Close() {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_db.reset();
}

bool ReportStore::is_open() {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_db != nullptr;
}

#define CB_REQUIRE_OPEN() \
    if (!m_db) return Status::Error("the report store is not open")

Result<StoredLayout> ReportStore::ReadLayout() {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    sql::Statement s;
    Status status = m_db->Prepare(
        "SELECT key, value FROM meta WHERE key IN ('derived_zone', 'derived_tz_offset_min', 'derived_interval_minutes',"
        " 'report_rollups', 'data_kind')",
        &s);
    if (!status.ok()) return status;
    StoredLayout layout;
    status = Each(s, [&](const sql::Statement& r) {
        const std::string key = r.ColumnText(0), value = r.ColumnText(1);
        if (key == "derived_zone") {
            layout.zone = value;
            layout.known = true;
        } else if (key == "derived_tz_offset_min") {
            layout.tz_offset_min = static_cast<int32_t>(std::strtol(value.c_str(), nullptr, 10));
        } else if (key == "derived_interval_minutes") {
            layout.interval_minutes = static_cast<int>(std::strtol(value.c_str(), nullptr, 10));
        } else if (key == "report_rollups") {
            layout.rollups_pending = value == "pending";
        } else if (key == "data_kind") {
            layout.data_kind = value;
        }
    });
    if (!status.ok()) return status;
    if (layout.interval_minutes != 15 && layout.interval_minutes != 30 && layout.interval_minutes != 60) {
        layout.interval_minutes = 15;
    }
    return layout;
}

Result<ReportDirectory> ReportStore::ReadDirectory() {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    ReportDirectory d;
    const std::pair<const char*, std::vector<ReportGroupInfo>*> parts[] = {
        {"SELECT key, name_en, name_zh, '' FROM queues ORDER BY id", &d.queues},
        {"SELECT key, name_en, name_zh, '' FROM teams ORDER BY id", &d.teams},
        {"SELECT a.key, a.name_en, a.name_zh, t.key FROM agents a JOIN teams t ON t.id = a.team_id ORDER BY a.id", &d.agents},
    };
    for (const auto& [text, out] : parts) {
        sql::Statement s;
        Status status = m_db->Prepare(text, &s);
        if (!status.ok()) return status;
        status = Each(s, [&](const sql::Statement& r) {
            out->push_back({r.ColumnText(0), r.ColumnText(1), r.ColumnText(2), r.ColumnText(3)});
        });
        if (!status.ok()) return status;
    }
    return d;
}

Result<std::vector<DefinitionVersion>> ReportStore::ReadDefinitions() {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    sql::Statement s;
    Status status = m_db->Prepare(
        "SELECT id, queue, valid_from_ms, sl_variant, sl_threshold_s, sl_target, short_abandon_s, recorded_ms"
        " FROM sl_definitions ORDER BY queue, valid_from_ms",
        &s);
    if (!status.ok()) return status;
    std::vector<DefinitionVersion> out;
    status = Each(s, [&](const sql::Statement& r) {
        DefinitionVersion d;
        d.id = r.ColumnInt(0);
        d.queue = r.ColumnText(1);
        d.valid_from_ms = r.ColumnInt(2);
        ParseSlVariant(r.ColumnView(3), &d.sl.variant);
        d.sl.threshold_s = static_cast<int>(r.ColumnInt(4));
        d.sl.target = r.ColumnDouble(5);
        d.sl.short_abandon_s = static_cast<int>(r.ColumnInt(6));
        d.recorded_ms = r.ColumnInt(7);
        out.push_back(std::move(d));
    });
    if (!status.ok()) return status;
    LinkDefinitionVersions(&out);
    return out;
}

Status ReportStore::ReadDays(CountScope scope, int64_t from_ms, int64_t to_ms, const std::vector<std::string>& keys,
                             const RowFn& fn) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    auto row = [&](const sql::Statement& r) {
        KpiCounts c;
        ReportExtras e;
        ReadExtras(r, ReadCounts(r, 2, &c), &e);
        fn(r.ColumnView(0), r.ColumnInt(1), c, e);
    };
    const std::string columns = "SELECT key, day_start_ms, " + CountColumns() + ", " + kExtraColumns + " FROM day_totals";
    sql::Statement s;
    // A few keys (a scorecard, a team): each through the index by key; else the range, filtered.
    if (!keys.empty() && keys.size() <= kKeysByIndex) {
        Status status =
            m_db->Prepare(columns + " WHERE scope = ?1 AND key = ?2 AND day_start_ms >= ?3 AND day_start_ms < ?4", &s);
        if (!status.ok()) return status;
        for (const std::string& key : keys) {
            s.BindText(1, CountScopeName(scope));
            s.BindText(2, key);
            s.BindInt(3, from_ms);
            s.BindInt(4, to_ms);
            status = Each(s, row);
            s.Reset();
            if (!status.ok()) return status;
        }
        return Status::Ok();
    }
    const std::unordered_set<std::string> wanted(keys.begin(), keys.end());
    Status status = m_db->Prepare(columns + " WHERE scope = ?1 AND day_start_ms >= ?2 AND day_start_ms < ?3", &s);
    if (!status.ok()) return status;
    s.BindText(1, CountScopeName(scope));
    s.BindInt(2, from_ms);
    s.BindInt(3, to_ms);
    return Each(s, [&](const sql::Statement& r) {
        if (!wanted.empty() && !wanted.count(std::string(r.ColumnView(0)))) return;
        row(r);
    });
}

Status ReportStore::ReadIntervals(CountScope scope, int64_t from_ms, int64_t to_ms, const std::vector<std::string>& keys,
                                  const RowFn& fn) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    const std::unordered_set<std::string> wanted(keys.begin(), keys.end());
    // The extras first (few rows), then the counts they belong to.
    std::unordered_map<KeyStart, ReportExtras, KeyStartHash> extras;
    sql::Statement x;
    Status status = m_db->Prepare(std::string("SELECT key, start_ms, ") + kExtraColumns +
                                      " FROM interval_extras WHERE start_ms >= ?1 AND start_ms < ?2 AND scope = ?3",
                                  &x);
    if (!status.ok()) return status;
    x.BindInt(1, from_ms);
    x.BindInt(2, to_ms);
    x.BindText(3, CountScopeName(scope));
    status = Each(x, [&](const sql::Statement& r) {
        ReportExtras e;
        ReadExtras(r, 2, &e);
        extras[{r.ColumnText(0), r.ColumnInt(1)}] = e;
    });
    if (!status.ok()) return status;
    sql::Statement s;
    if (scope == CountScope::Center) {
        status = m_db->Prepare("SELECT '', start_ms, " + CountColumns() +
                                   " FROM center_intervals WHERE start_ms >= ?1 AND start_ms < ?2",
                               &s);
    } else {
        status = m_db->Prepare("SELECT key, start_ms, " + CountColumns() +
                                   " FROM interval_counts WHERE start_ms >= ?1 AND start_ms < ?2 AND scope = ?3",
                               &s);
    }
    if (!status.ok()) return status;
    s.BindInt(1, from_ms);
    s.BindInt(2, to_ms);
    if (scope != CountScope::Center) s.BindText(3, CountScopeName(scope));
    const ReportExtras none;
    KeyStart probe;
    return Each(s, [&](const sql::Statement& r) {
        const std::string_view key = r.ColumnView(0);
        if (!wanted.empty() && !wanted.count(std::string(key))) return;
        KpiCounts c;
        ReadCounts(r, 2, &c);
        const ReportExtras* e = &none;
        if (!extras.empty()) {
            probe.key.assign(key);
            probe.start = r.ColumnInt(1);
            auto it = extras.find(probe);
            if (it != extras.end()) e = &it->second;
        }
        fn(key, r.ColumnInt(1), c, *e);
    });
}

Result<std::vector<int64_t>> ReportStore::PendingDays(int64_t from_ms, int64_t to_ms) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    sql::Statement s;
    Status status = m_db->Prepare(
        "SELECT day_start_ms FROM dirty_days WHERE day_start_ms >= ?1 AND day_start_ms < ?2 ORDER BY day_start_ms", &s);
    if (!status.ok()) return status;
    s.BindInt(1, from_ms);
    s.BindInt(2, to_ms);
    std::vector<int64_t> out;
    status = Each(s, [&](const sql::Statement& r) { out.push_back(r.ColumnInt(0)); });
    if (!status.ok()) return status;
    return out;
}

Result<std::vector<int64_t>> ReportStore::DaysWithData(int64_t from_ms, int64_t to_ms) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    sql::Statement s;
    Status status = m_db->Prepare(
        "SELECT day_start_ms FROM day_totals WHERE scope = 'center' AND day_start_ms >= ?1 AND day_start_ms < ?2"
        " ORDER BY day_start_ms",
        &s);
    if (!status.ok()) return status;
    s.BindInt(1, from_ms);
    s.BindInt(2, to_ms);
    std::vector<int64_t> out;
    status = Each(s, [&](const sql::Statement& r) { out.push_back(r.ColumnInt(0)); });
    if (!status.ok()) return status;
    return out;
}

Result<std::vector<std::string>> ReportStore::QueuesWithCounts(int64_t from_ms, int64_t to_ms) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    sql::Statement s;
    Status status = m_db->Prepare(
        "SELECT DISTINCT key FROM day_totals WHERE scope = 'queue' AND day_start_ms >= ?1 AND day_start_ms < ?2"
        " ORDER BY key",
        &s);
    if (!status.ok()) return status;
    s.BindInt(1, from_ms);
    s.BindInt(2, to_ms);
    std::vector<std::string> out;
    status = Each(s, [&](const sql::Statement& r) { out.push_back(r.ColumnText(0)); });
    if (!status.ok()) return status;
    return out;
}

Status ReportStore::InTransaction(const std::function<Status()>& body) {
    return m_db->Transaction(body);
}

Result<int64_t> ReportStore::SaveReport(const SavedReportRow& row, const AuditEntry& audit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    int64_t id = 0;
    Status status = InTransaction([&]() -> Status {
        sql::Statement s;
        Status st = m_db->Prepare(
            "INSERT INTO saved_reports (name, owner, created_ms, query, report) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id", &s);
        if (!st.ok()) return st;
        s.BindText(1, row.name);
        s.BindText(2, row.owner);
        s.BindInt(3, row.created_ms);
        s.BindText(4, row.query_json);
        s.BindText(5, row.report_json);
        bool has_row = false;
        if (!s.Step(&has_row) || !has_row) return Status::Error(s.error());
        id = s.ColumnInt(0);
        s.Reset();
        AuditEntry entry = audit;
        entry.detail = "report " + std::to_string(id) + (audit.detail.empty() ? "" : ": " + audit.detail);
        return AppendAuditRow(*m_db, entry);
    });
    if (!status.ok()) return Status::Error("saving the report failed: " + status.message());
    return id;
}

Result<std::vector<SavedReportRow>> ReportStore::ListSaved() {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    sql::Statement s;
    Status status =
        m_db->Prepare("SELECT id, name, owner, created_ms, query FROM saved_reports ORDER BY created_ms DESC, id DESC", &s);
    if (!status.ok()) return status;
    std::vector<SavedReportRow> out;
    status = Each(s, [&](const sql::Statement& r) {
        out.push_back({r.ColumnInt(0), r.ColumnText(1), r.ColumnText(2), r.ColumnInt(3), r.ColumnText(4), ""});
    });
    if (!status.ok()) return status;
    return out;
}

Result<std::optional<SavedReportRow>> ReportStore::GetSaved(int64_t id) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    sql::Statement s;
    Status status = m_db->Prepare("SELECT id, name, owner, created_ms, query, report FROM saved_reports WHERE id = ?1", &s);
    if (!status.ok()) return status;
    s.BindInt(1, id);
    std::optional<SavedReportRow> out;
    status = Each(s, [&](const sql::Statement& r) {
        out = SavedReportRow{r.ColumnInt(0), r.ColumnText(1), r.ColumnText(2), r.ColumnInt(3), r.ColumnText(4), r.ColumnText(5)};
    });
    if (!status.ok()) return status;
    return out;
}

Result<bool> ReportStore::DeleteSaved(int64_t id, const AuditEntry& audit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    bool deleted = false;
    Status status = InTransaction([&]() -> Status {
        sql::Statement s;
        Status st = m_db->Prepare("DELETE FROM saved_reports WHERE id = ?1", &s);
        if (!st.ok()) return st;
        s.BindInt(1, id);
        st = s.Run();
        if (!st.ok()) return st;
        deleted = m_db->Changes() > 0;
        return deleted ? AppendAuditRow(*m_db, audit) : Status::Ok();
    });
    if (!status.ok()) return Status::Error("deleting the report failed: " + status.message());
    return deleted;
}

Result<IncidentNote> ReportStore::AddNote(int64_t from_ms, int64_t to_ms, const std::string& text,
                                          const std::string& author, int64_t now_ms, const AuditEntry& audit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    IncidentNote note{0, from_ms, to_ms, text, author, now_ms, author, now_ms, 1};
    Status status = InTransaction([&]() -> Status {
        sql::Statement s;
        Status st = m_db->Prepare(
            "INSERT INTO incident_notes (from_ms, to_ms, text, author, created_ms, updated_by, updated_ms, revision)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?5, 1) RETURNING id",
            &s);
        if (!st.ok()) return st;
        s.BindInt(1, from_ms);
        s.BindInt(2, to_ms);
        s.BindText(3, text);
        s.BindText(4, author);
        s.BindInt(5, now_ms);
        bool has_row = false;
        if (!s.Step(&has_row) || !has_row) return Status::Error(s.error());
        note.id = s.ColumnInt(0);
        s.Reset();
        sql::Statement rev;
        st = m_db->Prepare("INSERT INTO incident_note_revisions (note_id, revision, text, author, t_ms) VALUES (?1, 1, ?2, ?3, ?4)",
                           &rev);
        if (!st.ok()) return st;
        rev.BindInt(1, note.id);
        rev.BindText(2, text);
        rev.BindText(3, author);
        rev.BindInt(4, now_ms);
        st = rev.Run();
        if (!st.ok()) return st;
        AuditEntry entry = audit;
        entry.detail = "note " + std::to_string(note.id) + (audit.detail.empty() ? "" : ": " + audit.detail);
        return AppendAuditRow(*m_db, entry);
    });
    if (!status.ok()) return Status::Error("storing the note failed: " + status.message());
    return note;
}

Result<std::optional<IncidentNote>> ReportStore::EditNote(int64_t id, const std::string& text, const std::string& by,
                                                          int64_t now_ms, const AuditEntry& audit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    std::optional<IncidentNote> out;
    Status status = InTransaction([&]() -> Status {
        sql::Statement s;
        Status st = m_db->Prepare(
            "UPDATE incident_notes SET text = ?2, updated_by = ?3, updated_ms = ?4, revision = revision + 1 WHERE id = ?1"
            " RETURNING " + std::string(kNoteColumns),
            &s);
        if (!st.ok()) return st;
        s.BindInt(1, id);
        s.BindText(2, text);
        s.BindText(3, by);
        s.BindInt(4, now_ms);
        bool has_row = false;
        if (!s.Step(&has_row)) return Status::Error(s.error());
        if (!has_row) return Status::Ok();
        out = NoteOf(s);
        s.Reset();
        sql::Statement rev;
        st = m_db->Prepare("INSERT INTO incident_note_revisions (note_id, revision, text, author, t_ms) VALUES (?1, ?2, ?3, ?4, ?5)",
                           &rev);
        if (!st.ok()) return st;
        rev.BindInt(1, id);
        rev.BindInt(2, out->revision);
        rev.BindText(3, text);
        rev.BindText(4, by);
        rev.BindInt(5, now_ms);
        st = rev.Run();
        if (!st.ok()) return st;
        AuditEntry entry = audit;
        entry.detail = "note " + std::to_string(id) + ", revision " + std::to_string(out->revision) +
                       (audit.detail.empty() ? "" : ": " + audit.detail);
        return AppendAuditRow(*m_db, entry);
    });
    if (!status.ok()) return Status::Error("storing the note failed: " + status.message());
    return out;
}

Result<std::optional<IncidentNote>> ReportStore::GetNote(int64_t id) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    sql::Statement s;
    Status status = m_db->Prepare("SELECT " + std::string(kNoteColumns) + " FROM incident_notes WHERE id = ?1", &s);
    if (!status.ok()) return status;
    s.BindInt(1, id);
    std::optional<IncidentNote> out;
    status = Each(s, [&](const sql::Statement& r) { out = NoteOf(r); });
    if (!status.ok()) return status;
    return out;
}

Result<std::vector<IncidentNote>> ReportStore::Notes(int64_t from_ms, int64_t to_ms) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    sql::Statement s;
    Status status = m_db->Prepare("SELECT " + std::string(kNoteColumns) +
                                      " FROM incident_notes WHERE from_ms < ?2 AND to_ms > ?1 ORDER BY from_ms, id",
                                  &s);
    if (!status.ok()) return status;
    s.BindInt(1, from_ms);
    s.BindInt(2, to_ms);
    std::vector<IncidentNote> out;
    status = Each(s, [&](const sql::Statement& r) { out.push_back(NoteOf(r)); });
    if (!status.ok()) return status;
    return out;
}

Result<std::vector<NoteRevision>> ReportStore::NoteRevisions(int64_t id) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    sql::Statement s;
    Status status = m_db->Prepare(
        "SELECT revision, text, author, t_ms FROM incident_note_revisions WHERE note_id = ?1 ORDER BY revision", &s);
    if (!status.ok()) return status;
    s.BindInt(1, id);
    std::vector<NoteRevision> out;
    status = Each(s, [&](const sql::Statement& r) {
        out.push_back({static_cast<int>(r.ColumnInt(0)), r.ColumnText(1), r.ColumnText(2), r.ColumnInt(3)});
    });
    if (!status.ok()) return status;
    return out;
}

#undef CB_REQUIRE_OPEN

}  // namespace cb
