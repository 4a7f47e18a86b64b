// Snapshot <-> JSON, the wire format of GET /api/snapshot and of the live stream
// (docs/api.md). Encoding is done once per tick on the server and shared by all clients;
// decoding never throws (the web build has no exceptions) and reports what was wrong.
#pragma once
#include <string>
#include <string_view>
#include "snapshot.h"
#include "snapshot_delta.h"

namespace cb {

std::string SnapshotToJson(const Snapshot& snapshot);
// Returns false and sets *error ("agents[3].state: unknown value 'x'") on malformed input;
// *out is then unspecified.
bool SnapshotFromJson(std::string_view json, Snapshot* out, std::string* error);

std::string DeltaToJson(const SnapshotDelta& delta);
bool DeltaFromJson(std::string_view json, SnapshotDelta* out, std::string* error);

}  // namespace cb
