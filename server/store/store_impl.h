// Private to server/store: the state behind Store (connection and prepared statements).
#pragma once
#include "server/store/sqlite_db.h"
#include <vector>
#include "server/store/store.h"

namespace cb {

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
    DerivedConfig derived;
    // Derived tables (store_derived.cpp).
    sql::Statement get_call, max_call, put_call, put_calls_many;
    sql::Statement load_open_states, close_state, open_agent_state, open_states_many;
    sql::Statement mark_day;
    sql::Statement put_progress, get_progress;
};

// Prepares the statements of store_derived.cpp.
Status PrepareDerivedStatements(Store::Impl& impl);
// Updates calls and agent_states from a batch's newly stored events, applied in `order`
// (indices into events, time order), inside the caller's transaction: each touched row is
// read and written once. Agents and queues are stored by their directory keys. Appends to
// *days the days whose interval counts the changed rows belong to (calls' entry days, closed
// states' days), unsorted.
Status ApplyDerived(Store::Impl& impl, std::string_view source, const Directory& directory,
                    std::span<const StoredEvent> events, std::span<const uint32_t> order, std::vector<int64_t>* days);


// Prepares the statements used by store_events.cpp and store_directory.cpp.
Status PrepareEventStatements(Store::Impl& impl);
Status PrepareDirectoryStatements(Store::Impl& impl);

}  // namespace cb
