// Numbered schema migrations. Each runs once, in order, in its own transaction, and is
// recorded in schema_version. Migrations are append-only: never edit one that has shipped.
#pragma once
#include "server/store/sqlite_db.h"
#include "server/base/status.h"

namespace cb {

// The newest schema version this build knows.
int LatestSchemaVersion();
// Brings db up to LatestSchemaVersion(). Fails if the file is not a database, if a migration
// fails (that migration is rolled back), or if the file is newer than this build.
// *version_out receives the version after migrating. up_to stops at that version (tests build
// databases of an older schema with it).
Status Migrate(sql::Db& db, int* version_out, int up_to = 1 << 30);

}  // namespace cb
