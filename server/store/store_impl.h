// Private to server/store: the state behind Store (connection and prepared statements).
#pragma once
#include "server/store/sqlite_db.h"
#include <string>
#include <unordered_map>
#include <vector>
#include "server/store/store.h"

namespace cb {

// Between the queue keys of agent_states.queues (a key never holds this control character).
inline constexpr char kQueueListSeparator = '\x1f';

struct Store::Impl {
    sql::Db db;
    int schema_version = 0;
    DataKind kind = DataKind::Demo;
    sql::Statement insert_event, insert_events_many, max_event_id, event_keys_after;
    sql::Statement count_events_all;
    sql::Statement count_events_source;
    sql::Statement get_meta;
    sql::Statement upsert_queue;
    sql::Statement upsert_team;
    sql::Statement upsert_agent;
    sql::Statement team_id_by_key;
    sql::Statement latest_definition, put_definition;  // sl_definitions (store_directory.cpp)
    DerivedConfig derived;
    // Derived tables (store_derived.cpp).
    sql::Statement put_leg, put_legs_many, set_leg_outcome;
    sql::Statement put_miss, put_misses_many, put_tag, put_tags_many;
    sql::Statement load_open_states, update_state, open_agent_state, open_states_many;
    sql::Statement get_tracker_state, put_tracker_state, put_tracker_day;
    sql::Statement mark_day;
    sql::Statement put_caller;
    bool rederive_pending = false;  // derived tables were made by older rules (meta derived_rules)
    sql::Statement put_progress, get_progress;
};

// Prepares the statements of store_derived.cpp.
Status PrepareDerivedStatements(Store::Impl& impl);
// Updates calls and agent_states from a batch's newly stored events, applied in `order`
// (indices into events, time order), inside the caller's transaction: each touched row is
// read and written once. Agents and queues are stored by their directory keys. Appends to
// *days the days whose interval counts the changed rows belong to (calls' entry days, closed
// states' days), unsorted.
// row_ids: the events' stored row ids (parallel to events): the event ids the tracker sees, as
// the live engine does.
Status ApplyDerived(Store::Impl& impl, std::string_view source, const Directory& directory,
                    std::span<const StoredEvent> events, std::span<const uint32_t> order, std::span<const int64_t> row_ids,
                    std::vector<int64_t>* days);


// Reads rows of the events table (the columns kColumns, in order) as Events of a directory:
// agent and queue keys become its indices (unknown keys: kNoAgent / kNoQueue); the id is the
// row id. False for a row whose kind this callboard does not know.
class EventRowReader {
public:
    static constexpr const char* kColumns =
        "id, t_ms, kind, call, agent, queue, reason, exit_reason, outcome, target_queue, wait_ms, ring_ms, value_cents";
    explicit EventRowReader(const Directory& directory);
    bool Read(const sql::Statement& s, Event* out) const;

private:
    uint16_t Queue(const sql::Statement& s, int column) const;
    std::unordered_map<std::string, uint32_t> m_agents;
    std::unordered_map<std::string, uint16_t> m_queues;
};

// Marks the days (sorted or not; sorted and made unique here) for an interval rebuild.
Status MarkDays(Store::Impl& impl, std::vector<int64_t>* days);
// Sets rederive_pending when the derived tables were made by other rules (store_rederive.cpp).
Status CheckDerivedRules(Store::Impl& impl);

// Prepares the statements used by store_events.cpp and store_directory.cpp.
Status PrepareEventStatements(Store::Impl& impl);
Status PrepareDirectoryStatements(Store::Impl& impl);

}  // namespace cb
