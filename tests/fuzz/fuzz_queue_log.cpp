// Fuzz target: arbitrary bytes as a queue_log file and as a realtime CSV export through the
// parser and the mapper (with Finish). Must never crash, hang or trip a sanitizer; every line
// must land in exactly one summary category. Built with libFuzzer (clang) when available, else
// its corpus is replayed by fuzz_replay.cpp as a normal test.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "server/ingest/queue_log.h"
#include "server/ingest/queue_log_mapper.h"

namespace {

void Check(bool ok) {
    if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    cb::QueueLogMapperConfig cfg;
    cfg.max_rejected_listed = 4;
    if (size > 0 && (data[0] & 1)) cfg.answered_open = cb::QueueLogAnsweredOpen::Exclude;
    if (size > 0 && (data[0] & 2)) cfg.waiting_open = cb::QueueLogWaitingOpen::Abandoned;
    cb::QueueLogMapper mapper(cfg);
    cb::QueueLogMapper csv_mapper(cfg);
    cb::QueueLogCsvLayout layout;
    std::string error;
    bool have_layout = false;
    std::vector<cb::Event> out;
    uint64_t lines = 0;
    size_t start = 0;
    while (start < input.size()) {
        size_t nl = input.find('\n', start);
        if (nl == std::string_view::npos) nl = input.size();
        const std::string_view line = input.substr(start, nl - start);
        start = nl + 1;
        ++lines;
        cb::QueueLogRecord rec;
        if (cb::ParseQueueLogLine(line, &rec) == cb::QueueLogStatus::Ok) {
            Check(rec.data_count <= cb::kQueueLogMaxData);
            for (size_t i = 0; i < rec.data_count; ++i)
                Check(rec.data[i].data() >= line.data() && rec.data[i].data() + rec.data[i].size() <= line.data() + line.size());
        }
        mapper.MapLine(line, &out);
        if (!have_layout) {
            have_layout = cb::ParseQueueLogCsvHeader(line, &layout, &error);
        } else {
            csv_mapper.MapCsvRow(line, layout, cb::QueueLogCsvOptions{480}, &out);
        }
    }
    mapper.Finish(&out);
    const cb::QueueLogSummary& s = mapper.summary();
    Check(s.lines_read == lines);
    Check(s.lines_blank + s.lines_rejected + s.lines_custom + s.lines_mapped + s.lines_ignored == lines);
    Check(s.rejected.size() <= 4);
    for (const cb::Event& e : out) {
        Check(e.id != 0);
        Check(e.agent == cb::kNoAgent || e.agent < mapper.directory().agents.size() ||
              e.agent < csv_mapper.directory().agents.size());
    }
    return 0;
}
