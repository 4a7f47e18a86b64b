#include "server/store/migrations.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>
#include "server/store/store_accounts.h"
#include "server/store/store_admin.h"
#include "server/store/store_alerts.h"
#include "server/store/store_qa.h"
#include "server/store/store_roster.h"
#include "server/store/store_schedules.h"

namespace cb {
namespace {

struct Migration {
    int version;
    const char* sql;
};

// v1: meta, raw events (append-only, idempotent per source) and the directory.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    source       TEXT    NOT NULL,
    idem_key     TEXT    NOT NULL,
    t_ms         INTEGER NOT NULL,
    kind         TEXT    NOT NULL,
    call         INTEGER,
    agent        TEXT,
    queue        TEXT,
    reason       TEXT,
    exit_reason  TEXT,
    outcome      TEXT,
    target_queue TEXT,
    wait_ms      INTEGER,
    ring_ms      INTEGER,
    value_cents  INTEGER,
    inserted_at  INTEGER NOT NULL,
    UNIQUE (source, idem_key)
);
CREATE INDEX events_by_time ON events (t_ms);
CREATE TABLE queues (
    id              INTEGER PRIMARY KEY,
    key             TEXT    NOT NULL UNIQUE,
    name_en         TEXT    NOT NULL,
    name_zh         TEXT    NOT NULL,
    sl_variant      TEXT    NOT NULL,
    sl_threshold_s  INTEGER NOT NULL,
    sl_target       REAL    NOT NULL,
    short_abandon_s INTEGER NOT NULL
);
CREATE TABLE teams (
    id       INTEGER PRIMARY KEY,
    key      TEXT NOT NULL UNIQUE,
    name_en  TEXT NOT NULL,
    name_zh  TEXT NOT NULL,
    lead_key TEXT
);
CREATE TABLE agents (
    id            INTEGER PRIMARY KEY,
    key           TEXT    NOT NULL UNIQUE,
    name_en       TEXT    NOT NULL,
    name_zh       TEXT    NOT NULL,
    team_id       INTEGER NOT NULL REFERENCES teams (id),
    seat_row      INTEGER NOT NULL,
    seat_col      INTEGER NOT NULL,
    tenure_months INTEGER NOT NULL,
    skills        INTEGER NOT NULL
);
)sql";

// v2: what is derived from the raw events of real phone systems (docs/ingest.md):
// calls (one row per call and its timeline), agent state intervals, interval counts per
// queue, agent and team, the days whose interval counts must be rebuilt, and per-file
// import progress (offset and identity) so an import resumes where it stopped.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE calls (
    source        TEXT    NOT NULL,
    call          INTEGER NOT NULL,
    queue         TEXT,
    agent         TEXT,
    entered_ms    INTEGER,
    answered_ms   INTEGER,
    ended_ms      INTEGER,
    wait_ms       INTEGER,
    talk_ms       INTEGER,
    hold_ms       INTEGER NOT NULL DEFAULT 0,
    hold_since_ms INTEGER,
    wrap_ms       INTEGER,
    ring_noanswer INTEGER NOT NULL DEFAULT 0,
    end_kind      TEXT,
    exit_reason   TEXT,
    outcome       TEXT,
    value_cents   INTEGER,
    -- Outcome category, generated from the timeline so it can never disagree with it.
    category      TEXT GENERATED ALWAYS AS (CASE
        WHEN end_kind = 'completed' THEN 'answered'
        WHEN end_kind = 'transferred' THEN 'transferred'
        WHEN end_kind = 'abandoned' THEN 'abandoned'
        WHEN end_kind = 'exited' AND exit_reason = 'timeout' THEN 'timed_out'
        WHEN end_kind = 'exited' THEN 'other_exit'
        WHEN answered_ms IS NOT NULL THEN 'answered_open'
        ELSE 'open' END) VIRTUAL,
    PRIMARY KEY (source, call)
) WITHOUT ROWID;
CREATE INDEX calls_by_entry ON calls (entered_ms);
CREATE TABLE agent_states (
    id       INTEGER PRIMARY KEY,
    source   TEXT    NOT NULL,
    agent    TEXT    NOT NULL,
    state    TEXT    NOT NULL,
    reason   TEXT,
    call     INTEGER,
    start_ms INTEGER NOT NULL,
    end_ms   INTEGER
);
CREATE INDEX agent_states_open ON agent_states (source, agent) WHERE end_ms IS NULL;
CREATE INDEX agent_states_by_start ON agent_states (start_ms);
CREATE TABLE interval_counts (
    scope              TEXT    NOT NULL,
    key                TEXT    NOT NULL,
    start_ms           INTEGER NOT NULL,
    interval_minutes   INTEGER NOT NULL,
    offered            INTEGER NOT NULL,
    answered           INTEGER NOT NULL,
    answered_within_t  INTEGER NOT NULL,
    abandoned          INTEGER NOT NULL,
    abandoned_within_t INTEGER NOT NULL,
    short_abandoned    INTEGER NOT NULL,
    exited             INTEGER NOT NULL,
    transferred        INTEGER NOT NULL,
    handled            INTEGER NOT NULL,
    wait_answered_ms   INTEGER NOT NULL,
    wait_abandoned_ms  INTEGER NOT NULL,
    talk_ms            INTEGER NOT NULL,
    hold_ms            INTEGER NOT NULL,
    wrap_ms            INTEGER NOT NULL,
    ring_noanswer      INTEGER NOT NULL,
    orders             INTEGER NOT NULL,
    order_value_cents  INTEGER NOT NULL,
    complaints         INTEGER NOT NULL,
    busy_ms            INTEGER NOT NULL,
    available_ms       INTEGER NOT NULL,
    staffed_ms         INTEGER NOT NULL,
    longest_wait_ms    INTEGER NOT NULL,
    longest_talk_ms    INTEGER NOT NULL,
    PRIMARY KEY (scope, key, start_ms)
) WITHOUT ROWID;
CREATE TABLE dirty_days (
    day_start_ms INTEGER PRIMARY KEY
);
CREATE TABLE ingest_files (
    path       TEXT    PRIMARY KEY,
    identity   TEXT    NOT NULL,
    offset     INTEGER NOT NULL,
    lines      INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
)sql";

// v4: the caller's phone number of each call (nullable: calls stored before v4, and sources
// that do not state it, have none). Read by GET /api/calls, masked by role (docs/auth.md).
constexpr const char* kSchemaV4 = R"sql(
ALTER TABLE calls ADD COLUMN caller_number TEXT;
)sql";

// v5: import speed (bench/results/import.md). queue_log idempotency keys begin with the event
// time ("<13-digit epoch ms>:ql1:<hash>:<occurrence>", written by QueueLogFeed) so that key
// index inserts append instead of landing on random pages; stored keys are rewritten the same
// way. Interval rebuilds find a day's rows through indexes: interval counts by start, and the
// few agent state rows that are open or longer than a day (the others overlapping a day start
// less than a day before it).
constexpr const char* kSchemaV5 = R"sql(
UPDATE events SET idem_key = printf('%013d:', t_ms) || idem_key
    WHERE source = 'queue_log' AND substr(idem_key, 1, 4) = 'ql1:';
CREATE INDEX interval_counts_by_start ON interval_counts (start_ms);
CREATE INDEX agent_states_open_or_long ON agent_states (start_ms)
    WHERE end_ms IS NULL OR end_ms - start_ms > 86400000;
)sql";

// v6: import speed (bench/results/import.md).
// - queue_log call keys follow the Asterisk call id's time (QueueLogCallKey), so calls rows are
//   appended instead of written all over the table. A database that already holds queue_log
//   calls keeps hashed keys (a call in progress across the upgrade must keep its key);
//   QueueLogFeed reads the choice from meta.
// - interval_counts are keyed by (start_ms, scope, key): a rebuilt day's rows go to one place
//   (its time) instead of one place per queue, agent and team, and the key serves the day's
//   DELETE, so interval_counts_by_start goes. The table is a rebuildable cache; rows are copied.
// - A day's dirty mark counts how often it was marked (generation): counts computed on another
//   connection while an import goes on clear the mark only if no batch marked the day since.
constexpr const char* kSchemaV6 = R"sql(
INSERT OR REPLACE INTO meta (key, value) VALUES ('queue_log_call_keys',
    CASE WHEN EXISTS (SELECT 1 FROM calls WHERE source = 'queue_log') THEN 'hash' ELSE 'time' END);
CREATE TABLE interval_counts_v6 (
    scope              TEXT    NOT NULL,
    key                TEXT    NOT NULL,
    start_ms           INTEGER NOT NULL,
    interval_minutes   INTEGER NOT NULL,
    offered            INTEGER NOT NULL,
    answered           INTEGER NOT NULL,
    answered_within_t  INTEGER NOT NULL,
    abandoned          INTEGER NOT NULL,
    abandoned_within_t INTEGER NOT NULL,
    short_abandoned    INTEGER NOT NULL,
    exited             INTEGER NOT NULL,
    transferred        INTEGER NOT NULL,
    handled            INTEGER NOT NULL,
    wait_answered_ms   INTEGER NOT NULL,
    wait_abandoned_ms  INTEGER NOT NULL,
    talk_ms            INTEGER NOT NULL,
    hold_ms            INTEGER NOT NULL,
    wrap_ms            INTEGER NOT NULL,
    ring_noanswer      INTEGER NOT NULL,
    orders             INTEGER NOT NULL,
    order_value_cents  INTEGER NOT NULL,
    complaints         INTEGER NOT NULL,
    busy_ms            INTEGER NOT NULL,
    available_ms       INTEGER NOT NULL,
    staffed_ms         INTEGER NOT NULL,
    longest_wait_ms    INTEGER NOT NULL,
    longest_talk_ms    INTEGER NOT NULL,
    PRIMARY KEY (start_ms, scope, key)
) WITHOUT ROWID;
INSERT INTO interval_counts_v6 SELECT * FROM interval_counts;
DROP TABLE interval_counts;
ALTER TABLE interval_counts_v6 RENAME TO interval_counts;
ALTER TABLE dirty_days ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
)sql";

// v7: history counts exactly as the live floor (docs/ingest.md, "Derived tables"). The derived
// tables are written from what the core's Tracker tells, the same code the live engine runs:
// - calls: one row per leg (a call's stay in one queue and its handling), keyed by the leg's
//   entry time, so a call transferred into another queue has a row per queue; transfer target.
// - caller numbers move to their own table (a raw fact, like events): derived tables can be
//   rebuilt from the events without losing them.
// - ring_noanswers and call_outcomes: each missed ring (for the agent who let it ring) and each
//   outcome tag (for the agent who tagged it), with the leg they count for.
// - agent_states.queues: the queues the agent was a member of during the spell.
// - tracker_state: the Tracker's state after the last stored event of each source (the next
//   batch continues from it); tracker_days: its state at each local midnight.
// - queues.wrap_up_s: each queue's wrap-up allowance, so a rebuild applies it as live does.
// Stored calls, states and interval counts are derived again from the stored events when the
// database is next written (meta derived_rules; Store::RederiveIfNeeded).
constexpr const char* kSchemaV7 = R"sql(
CREATE TABLE callers (
    source TEXT    NOT NULL,
    call   INTEGER NOT NULL,
    number TEXT    NOT NULL,
    PRIMARY KEY (source, call)
) WITHOUT ROWID;
INSERT OR IGNORE INTO callers (source, call, number)
    SELECT source, call, caller_number FROM calls WHERE caller_number IS NOT NULL;
DROP TABLE calls;
CREATE TABLE calls (
    source        TEXT    NOT NULL,
    call          INTEGER NOT NULL,
    entered_ms    INTEGER NOT NULL,
    queue         TEXT,
    agent         TEXT,
    answered_ms   INTEGER,
    ended_ms      INTEGER,
    wait_ms       INTEGER,
    talk_ms       INTEGER,
    hold_ms       INTEGER NOT NULL DEFAULT 0,
    hold_since_ms INTEGER,
    wrap_ms       INTEGER,
    ring_noanswer INTEGER NOT NULL DEFAULT 0,
    end_kind      TEXT,
    exit_reason   TEXT,
    target_queue  TEXT,
    outcome       TEXT,
    value_cents   INTEGER,
    category      TEXT GENERATED ALWAYS AS (CASE
        WHEN end_kind = 'completed' THEN 'answered'
        WHEN end_kind = 'transferred' THEN 'transferred'
        WHEN end_kind = 'abandoned' THEN 'abandoned'
        WHEN end_kind = 'exited' AND exit_reason = 'timeout' THEN 'timed_out'
        WHEN end_kind = 'exited' THEN 'other_exit'
        WHEN answered_ms IS NOT NULL THEN 'answered_open'
        ELSE 'open' END) VIRTUAL,
    PRIMARY KEY (source, call, entered_ms)
) WITHOUT ROWID;
CREATE INDEX calls_by_entry ON calls (entered_ms);
DELETE FROM agent_states;
ALTER TABLE agent_states ADD COLUMN queues TEXT;
CREATE TABLE ring_noanswers (
    id      INTEGER PRIMARY KEY,
    source  TEXT    NOT NULL,
    t_ms    INTEGER NOT NULL,
    agent   TEXT,
    call    INTEGER,
    queue   TEXT,
    home_ms INTEGER NOT NULL,
    ring_ms INTEGER
);
CREATE INDEX ring_noanswers_by_home ON ring_noanswers (home_ms);
CREATE TABLE call_outcomes (
    id          INTEGER PRIMARY KEY,
    source      TEXT    NOT NULL,
    t_ms        INTEGER NOT NULL,
    agent       TEXT,
    call        INTEGER,
    queue       TEXT,
    home_ms     INTEGER NOT NULL,
    outcome     TEXT    NOT NULL,
    value_cents INTEGER
);
CREATE INDEX call_outcomes_by_home ON call_outcomes (home_ms);
CREATE TABLE tracker_state (
    source        TEXT PRIMARY KEY,
    state         BLOB    NOT NULL,
    last_event_ms INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE TABLE tracker_days (
    source       TEXT    NOT NULL,
    day_start_ms INTEGER NOT NULL,
    state        BLOB    NOT NULL,
    PRIMARY KEY (source, day_start_ms)
) WITHOUT ROWID;
ALTER TABLE queues ADD COLUMN wrap_up_s INTEGER NOT NULL DEFAULT 0;
DELETE FROM interval_counts;
DELETE FROM dirty_days;
INSERT OR REPLACE INTO meta (key, value) VALUES ('derived_rules', '0');
)sql";

// v9: a call's legs are told apart by the event that began each one (calls.leg, the stored id
// of that event), not by the second it entered: a caller who times out of one queue and
// enters the next in the same second keeps two legs. Calls are derived again from the events.
constexpr const char* kSchemaV9 = R"sql(
DROP TABLE calls;
CREATE TABLE calls (
    source        TEXT    NOT NULL,
    call          INTEGER NOT NULL,
    leg           INTEGER NOT NULL,
    entered_ms    INTEGER NOT NULL,
    queue         TEXT,
    agent         TEXT,
    answered_ms   INTEGER,
    ended_ms      INTEGER,
    wait_ms       INTEGER,
    talk_ms       INTEGER,
    hold_ms       INTEGER NOT NULL DEFAULT 0,
    hold_since_ms INTEGER,
    wrap_ms       INTEGER,
    ring_noanswer INTEGER NOT NULL DEFAULT 0,
    end_kind      TEXT,
    exit_reason   TEXT,
    target_queue  TEXT,
    outcome       TEXT,
    value_cents   INTEGER,
    category      TEXT GENERATED ALWAYS AS (CASE
        WHEN end_kind = 'completed' THEN 'answered'
        WHEN end_kind = 'transferred' THEN 'transferred'
        WHEN end_kind = 'abandoned' THEN 'abandoned'
        WHEN end_kind = 'exited' AND exit_reason = 'timeout' THEN 'timed_out'
        WHEN end_kind = 'exited' THEN 'other_exit'
        WHEN answered_ms IS NOT NULL THEN 'answered_open'
        ELSE 'open' END) VIRTUAL,
    PRIMARY KEY (source, call, leg)
) WITHOUT ROWID;
CREATE INDEX calls_by_entry ON calls (entered_ms);
INSERT OR REPLACE INTO meta (key, value) VALUES ('derived_rules', '0');
)sql";

// v10: reports over history (docs/reports.md).
// - sl_definitions: every version of each queue's service-level definition (and the center's
//   default, queue '*') with the time it became valid; a queue's first version is valid from the
//   beginning. Interval counts use the version valid when each call entered its queue, so a
//   late rebuild of an old day uses the old definition. Seeded from the queues' definitions now.
// - Rollups written with each day's interval counts (a rebuildable cache like them): the
//   center's counts per interval (every call and every agent's time once), not-ready time by
//   reason and callbacks promised and kept per interval (interval_extras), and each day's totals
//   per queue, agent, team and the center with those extras (day_totals). A database that
//   already holds interval counts has every stored day counted again at the next rebuild (meta
//   report_rollups = pending) so the rollups exist.
// - saved_reports: a report as computed when saved, with its definitions (JSON, core/report).
// - incident_notes and their revisions: a supervisor's notes about an incident window.
constexpr const char* kSchemaV10 = R"sql(
CREATE TABLE sl_definitions (
    id              INTEGER PRIMARY KEY,
    queue           TEXT    NOT NULL,
    valid_from_ms   INTEGER NOT NULL,
    sl_variant      TEXT    NOT NULL,
    sl_threshold_s  INTEGER NOT NULL,
    sl_target       REAL    NOT NULL,
    short_abandon_s INTEGER NOT NULL,
    recorded_ms     INTEGER NOT NULL,
    UNIQUE (queue, valid_from_ms)
);
INSERT INTO sl_definitions (queue, valid_from_ms, sl_variant, sl_threshold_s, sl_target, short_abandon_s, recorded_ms)
    SELECT key, -9223372036854775808, sl_variant, sl_threshold_s, sl_target, short_abandon_s,
           CAST(strftime('%s', 'now') AS INTEGER) * 1000 FROM queues ORDER BY id;
CREATE TABLE center_intervals (
    start_ms           INTEGER NOT NULL PRIMARY KEY,
    interval_minutes   INTEGER NOT NULL,
    offered            INTEGER NOT NULL,
    answered           INTEGER NOT NULL,
    answered_within_t  INTEGER NOT NULL,
    abandoned          INTEGER NOT NULL,
    abandoned_within_t INTEGER NOT NULL,
    short_abandoned    INTEGER NOT NULL,
    exited             INTEGER NOT NULL,
    transferred        INTEGER NOT NULL,
    handled            INTEGER NOT NULL,
    wait_answered_ms   INTEGER NOT NULL,
    wait_abandoned_ms  INTEGER NOT NULL,
    talk_ms            INTEGER NOT NULL,
    hold_ms            INTEGER NOT NULL,
    wrap_ms            INTEGER NOT NULL,
    ring_noanswer      INTEGER NOT NULL,
    orders             INTEGER NOT NULL,
    order_value_cents  INTEGER NOT NULL,
    complaints         INTEGER NOT NULL,
    busy_ms            INTEGER NOT NULL,
    available_ms       INTEGER NOT NULL,
    staffed_ms         INTEGER NOT NULL,
    longest_wait_ms    INTEGER NOT NULL,
    longest_talk_ms    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE interval_extras (
    start_ms           INTEGER NOT NULL,
    scope              TEXT    NOT NULL,
    key                TEXT    NOT NULL,
    nr_none_ms         INTEGER NOT NULL,
    nr_break_ms        INTEGER NOT NULL,
    nr_lunch_ms        INTEGER NOT NULL,
    nr_training_ms     INTEGER NOT NULL,
    nr_meeting_ms      INTEGER NOT NULL,
    nr_coaching_ms     INTEGER NOT NULL,
    nr_personal_ms     INTEGER NOT NULL,
    nr_escalation_ms   INTEGER NOT NULL,
    nr_other_ms        INTEGER NOT NULL,
    callbacks_promised INTEGER NOT NULL,
    callbacks_kept     INTEGER NOT NULL,
    PRIMARY KEY (start_ms, scope, key)
) WITHOUT ROWID;
CREATE TABLE day_totals (
    scope              TEXT    NOT NULL,
    day_start_ms       INTEGER NOT NULL,
    key                TEXT    NOT NULL,
    offered            INTEGER NOT NULL,
    answered           INTEGER NOT NULL,
    answered_within_t  INTEGER NOT NULL,
    abandoned          INTEGER NOT NULL,
    abandoned_within_t INTEGER NOT NULL,
    short_abandoned    INTEGER NOT NULL,
    exited             INTEGER NOT NULL,
    transferred        INTEGER NOT NULL,
    handled            INTEGER NOT NULL,
    wait_answered_ms   INTEGER NOT NULL,
    wait_abandoned_ms  INTEGER NOT NULL,
    talk_ms            INTEGER NOT NULL,
    hold_ms            INTEGER NOT NULL,
    wrap_ms            INTEGER NOT NULL,
    ring_noanswer      INTEGER NOT NULL,
    orders             INTEGER NOT NULL,
    order_value_cents  INTEGER NOT NULL,
    complaints         INTEGER NOT NULL,
    busy_ms            INTEGER NOT NULL,
    available_ms       INTEGER NOT NULL,
    staffed_ms         INTEGER NOT NULL,
    longest_wait_ms    INTEGER NOT NULL,
    longest_talk_ms    INTEGER NOT NULL,
    nr_none_ms         INTEGER NOT NULL,
    nr_break_ms        INTEGER NOT NULL,
    nr_lunch_ms        INTEGER NOT NULL,
    nr_training_ms     INTEGER NOT NULL,
    nr_meeting_ms      INTEGER NOT NULL,
    nr_coaching_ms     INTEGER NOT NULL,
    nr_personal_ms     INTEGER NOT NULL,
    nr_escalation_ms   INTEGER NOT NULL,
    nr_other_ms        INTEGER NOT NULL,
    callbacks_promised INTEGER NOT NULL,
    callbacks_kept     INTEGER NOT NULL,
    PRIMARY KEY (scope, day_start_ms, key)
) WITHOUT ROWID;
CREATE INDEX day_totals_by_key ON day_totals (scope, key, day_start_ms);
CREATE TABLE saved_reports (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    owner      TEXT    NOT NULL,
    created_ms INTEGER NOT NULL,
    query      TEXT    NOT NULL,
    report     TEXT    NOT NULL
);
CREATE TABLE incident_notes (
    id         INTEGER PRIMARY KEY,
    from_ms    INTEGER NOT NULL,
    to_ms      INTEGER NOT NULL,
    text       TEXT    NOT NULL,
    author     TEXT    NOT NULL,
    created_ms INTEGER NOT NULL,
    updated_by TEXT    NOT NULL,
    updated_ms INTEGER NOT NULL,
    revision   INTEGER NOT NULL
);
CREATE INDEX incident_notes_by_start ON incident_notes (from_ms);
CREATE TABLE incident_note_revisions (
    note_id  INTEGER NOT NULL REFERENCES incident_notes (id),
    revision INTEGER NOT NULL,
    text     TEXT    NOT NULL,
    author   TEXT    NOT NULL,
    t_ms     INTEGER NOT NULL,
    PRIMARY KEY (note_id, revision)
) WITHOUT ROWID;
INSERT OR REPLACE INTO meta (key, value) VALUES ('report_rollups',
    CASE WHEN EXISTS (SELECT 1 FROM interval_counts) THEN 'pending' ELSE 'done' END);
)sql";

// v11: workforce management (docs/wfm.md): special days - holidays and campaigns - of every queue
// (queue '') or of one queue: their history is left out of forecasts; with a factor, the forecast
// of the date is multiplied by it. Who changed each one last; every change is in the audit log too.
constexpr const char* kSchemaV11 = R"sql(
CREATE TABLE wfm_special_days (
    date       TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    queue      TEXT    NOT NULL DEFAULT '',
    kind       TEXT    NOT NULL CHECK (kind IN ('holiday', 'campaign')),
    factor     REAL    CHECK (factor IS NULL OR (factor >= 0 AND factor <= 10)),
    note       TEXT    NOT NULL DEFAULT '',
    updated_by TEXT    NOT NULL,
    updated_ms INTEGER NOT NULL,
    PRIMARY KEY (date, queue)
) WITHOUT ROWID;
)sql";

// v12: scheduled reports (docs/reports.md, "Scheduled reports"): what managers asked for and the
// files the server wrote. Files outlive their schedule (listed with an empty name).
constexpr const char* kSchemaV12 = R"sql(
CREATE TABLE report_schedules (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    at_min        INTEGER NOT NULL,
    lang          TEXT    NOT NULL,
    first_weekday INTEGER NOT NULL,
    folder        TEXT    NOT NULL,
    recipients    TEXT    NOT NULL,
    enabled       INTEGER NOT NULL,
    created_by    TEXT    NOT NULL,
    created_ms    INTEGER NOT NULL,
    last_period   TEXT    NOT NULL
);
CREATE TABLE report_files (
    id          INTEGER PRIMARY KEY,
    schedule_id INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    period_from TEXT    NOT NULL,
    period_to   TEXT    NOT NULL,
    lang        TEXT    NOT NULL,
    folder      TEXT    NOT NULL,
    file_name   TEXT    NOT NULL,
    bytes       INTEGER NOT NULL,
    created_ms  INTEGER NOT NULL,
    mail        TEXT    NOT NULL
);
CREATE INDEX report_files_by_time ON report_files (created_ms);
)sql";

int64_t NowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

const std::vector<Migration>& Migrations() {
    static const std::vector<Migration> kMigrations = {
        {1, kSchemaV1}, {2, kSchemaV2}, {3, AccountsSchemaV3()}, {4, kSchemaV4}, {5, kSchemaV5},
        {6, kSchemaV6}, {7, kSchemaV7},
        // v8: the thresholds behind the dashboards' colors and flags, kept on the server per
        // center and team (ThresholdsSchema in store_admin.cpp, docs/api.md "Thresholds").
        {8, ThresholdsSchema()}, {9, kSchemaV9}, {10, kSchemaV10},
        {11, kSchemaV11}, {12, kSchemaV12},
        // v13: rosters, breaks and adherence (RosterSchema in store_roster.cpp, docs/wfm.md).
        {13, RosterSchema()},
        // v14: scheduled reports' day of the month, format, scope and mail attempts
        // (SchedulesSchemaV14 in store_schedules.cpp, docs/reports.md "Scheduled reports").
        {14, SchedulesSchemaV14()},
        // v15: QA forms, evaluations, disputes and calibration (QaSchema in store_qa.cpp, docs/qa.md).
        {15, QaSchema()},
        // v16: alert rules and alert history (AlertsSchema in store_alerts.cpp, docs/alerts.md).
        {16, AlertsSchema()}};
    return kMigrations;
}

}  // namespace

int LatestSchemaVersion() { return Migrations().back().version; }

Status Migrate(sql::Db& db, int* version_out, int up_to) {
    // The first statement that reads the file: a non-SQLite file fails here.
    Status status = db.Exec(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    if (!status.ok()) return status;

    sql::Statement current;
    status = db.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version", &current);
    if (!status.ok()) return status;
    bool has_row = false;
    if (!current.Step(&has_row) || !has_row) return Status::Error(current.error());
    int version = static_cast<int>(current.ColumnInt(0));
    current.Reset();

    if (version > LatestSchemaVersion()) {
        return Status::Error("database schema v" + std::to_string(version) +
                             " is newer than this callboard understands (v" +
                             std::to_string(LatestSchemaVersion()) + ")");
    }
    for (const Migration& m : Migrations()) {
        if (m.version <= version) continue;
        if (m.version > up_to) break;
        status = db.Exec("BEGIN IMMEDIATE");
        if (!status.ok()) return status;
        status = db.Exec(m.sql);
        if (status.ok()) {
            status = db.Exec("INSERT INTO schema_version (version, applied_at) VALUES (" +
                             std::to_string(m.version) + ", " + std::to_string(NowMs()) + ")");
        }
        if (!status.ok()) {
            db.Exec("ROLLBACK");
            return Status::Error("migration v" + std::to_string(m.version) + " failed: " + status.message());
        }
        status = db.Exec("COMMIT");
        if (!status.ok()) return status;
        version = m.version;
    }
    *version_out = version;
    return Status::Ok();
}

}  // namespace cb
