// Private to server/store: the state behind Store (connection and prepared statements).
#pragma once
#include "server/store/sqlite_db.h"
#include "server/store/store.h"

namespace cb {

struct Store::Impl {
    sql::Db db;
    int schema_version = 0;
    DataKind kind = DataKind::Demo;
    sql::Statement insert_event;
    sql::Statement count_events_all;
    sql::Statement count_events_source;
    sql::Statement get_meta;
    sql::Statement upsert_queue;
    sql::Statement upsert_team;
    sql::Statement upsert_agent;
    sql::Statement team_id_by_key;
    DerivedConfig derived;
    // Derived tables (store_derived.cpp).
    sql::Statement call_offered, call_answered, call_ring_noanswer, call_hold, call_resume, call_ended,
        call_outcome, call_wrap;
    sql::Statement close_agent_state, open_agent_state;
    sql::Statement mark_day;
    sql::Statement put_progress, get_progress;
};

// Prepares the statements of store_derived.cpp.
Status PrepareDerivedStatements(Store::Impl& impl);
// Updates calls and agent_states from one newly stored event (inside the caller's
// transaction). Keys as stored in events.
Status ApplyDerived(Store::Impl& impl, std::string_view source, const Event& e, const std::string* agent_key,
                    const std::string* queue_key);


// Prepares the statements used by store_events.cpp and store_directory.cpp.
Status PrepareEventStatements(Store::Impl& impl);
Status PrepareDirectoryStatements(Store::Impl& impl);

}  // namespace cb
