// Recent calls from the calls table (store_calls_query.h).
#include "server/store/store_calls_query.h"

#include "server/store/migrations.h"

namespace cb {

bool IsCallerNumber(std::string_view text) {
    if (text.empty() || text.size() > 32) return false;
    bool digit = false;
    for (char c : text) {
        if (c >= '0' && c <= '9') digit = true;
        else if (c != '+' && c != '-' && c != '.' && c != '(' && c != ')' && c != ' ') return false;
    }
    return digit;
}

bool IsCallCategory(std::string_view text) {
    for (std::string_view c : {"answered", "transferred", "abandoned", "timed_out", "other_exit", "answered_open", "open"}) {
        if (c == text) return true;
    }
    return false;
}

CallsQuery::CallsQuery() = default;
CallsQuery::~CallsQuery() = default;

Status CallsQuery::Open(const std::string& path) {
    const auto fail = [&path](const std::string& why) { return Status::Error("database '" + path + "': " + why); };
    auto db = std::make_unique<sql::Db>();
    Status status = db->Open(path);
    if (!status.ok()) return fail("cannot open or create it (" + status.message() + ")");
    status = db->Exec("PRAGMA busy_timeout = 5000");
    if (!status.ok()) return fail(status.message());
    int version = 0;
    status = Migrate(*db, &version);
    if (!status.ok()) return fail(status.message());
    status = db->Exec("PRAGMA query_only = ON");
    if (!status.ok()) return fail(status.message());
    std::lock_guard<std::mutex> lock(m_mutex);
    m_db = std::move(db);
    return Status::Ok();
}

void CallsQuery::Close() {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_db.reset();
}

bool CallsQuery::is_open() {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_db != nullptr;
}

Result<std::vector<CallRow>> CallsQuery::Recent(const CallFilter& filter) {
    // One row per leg (a call transferred into another queue has a row per queue), at the time
    // it entered its queue (for a source that never says, answer or end minus the stated wait).
    std::string sql =
        "SELECT c.source, c.call, c.entered_ms, c.queue, c.agent, c.wait_ms, c.talk_ms, c.category, n.number"
        " FROM calls c LEFT JOIN callers n ON n.source = c.source AND n.call = c.call"
        " WHERE c.entered_ms >= ?1 AND c.entered_ms < ?2"
        " AND (?3 = '' OR c.queue = ?3) AND (?4 = '' OR c.agent = ?4) AND (?5 = '' OR c.category = ?5)";
    if (filter.teams_only) {
        sql += " AND c.agent IN (SELECT a.key FROM agents a JOIN teams tm ON tm.id = a.team_id WHERE tm.key IN (";
        for (size_t i = 0; i < filter.teams.size(); ++i) sql += (i ? ", ?" : "?") + std::to_string(7 + i);
        sql += "))";
    }
    sql += " ORDER BY c.entered_ms DESC, c.source, c.call DESC LIMIT ?6";

    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_db) return Status::Error("the calls store is not open");
    sql::Statement select;
    Status status = m_db->Prepare(sql, &select);
    if (!status.ok()) return Status::Error("reading calls failed: " + status.message());
    select.BindInt(1, filter.from_ms);
    select.BindInt(2, filter.to_ms);
    select.BindText(3, filter.queue);
    select.BindText(4, filter.agent);
    select.BindText(5, filter.outcome);
    select.BindInt(6, filter.limit);
    if (filter.teams_only) {
        for (size_t i = 0; i < filter.teams.size(); ++i) select.BindText(static_cast<int>(7 + i), filter.teams[i]);
    }
    std::vector<CallRow> rows;
    while (true) {
        bool has_row = false;
        if (!select.Step(&has_row)) return Status::Error("reading calls failed: " + select.error());
        if (!has_row) break;
        CallRow row;
        row.source = select.ColumnText(0);
        row.call = static_cast<uint64_t>(select.ColumnInt(1));
        row.t_ms = select.ColumnInt(2);
        if (!select.ColumnIsNull(3)) row.queue = select.ColumnText(3);
        if (!select.ColumnIsNull(4)) row.agent = select.ColumnText(4);
        row.wait_ms = select.ColumnIsNull(5) ? -1 : select.ColumnInt(5);
        row.talk_ms = select.ColumnIsNull(6) ? -1 : select.ColumnInt(6);
        row.outcome = select.ColumnText(7);
        if (!select.ColumnIsNull(8)) row.caller_number = select.ColumnText(8);
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace cb
