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
};

// Prepares the statements used by store_events.cpp and store_directory.cpp.
Status PrepareEventStatements(Store::Impl& impl);
Status PrepareDirectoryStatements(Store::Impl& impl);

}  // namespace cb
