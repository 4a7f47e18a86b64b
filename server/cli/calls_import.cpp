#include "server/cli/calls_import.h"

#include <unistd.h>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include "server/base/time_zone.h"
#include "server/cli/import_progress.h"
#include "server/cli/ingest_commands.h"
#include "server/live/broadcaster.h"
#include "server/store/interval_rebuilder.h"
#include "server/store/wal_checkpointer.h"

namespace cb {
namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kBatchEvents = 20000;  // events per transaction, as `import queue_log`
constexpr size_t kListedPerReason = 5;  // rows shown per reason in the text summary

std::string UtcText(int64_t ms) {
    if (ms < 0) return "-";
    const CivilTime t = TimeZone().ToCivil(ms);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", t.date.year, t.date.month, t.date.day, t.hour,
                  t.minute, t.second);
    return buf;
}

std::string LocalText(int64_t ms, const TimeZone& zone) { return ms < 0 ? "-" : FormatCivilTime(zone.ToCivil(ms)); }

nlohmann::json CountsJson(const CdrCounts& c) {
    nlohmann::json j = {{"rows", c.rows},
                        {"answered", c.answered},
                        {"answered_without_queue", c.answered_without_queue},
                        {"abandoned", c.abandoned},
                        {"hung_up_before_queue", c.hung_up_before_queue},
                        {"ignored", c.ignored},
                        {"rejected", c.rejected},
                        {"answered_within_t", c.answered_within_t},
                        {"abandoned_within_t", c.abandoned_within_t},
                        {"wait_answered_ms", c.wait_answered_ms},
                        {"wait_abandoned_ms", c.wait_abandoned_ms},
                        {"talk_ms", c.talk_ms}};
    if (c.threshold_s > 0) j["threshold_s"] = c.threshold_s;
    return j;
}

nlohmann::json ListedJson(const std::vector<CdrListedRow>& rows, const char* reason_key) {
    nlohmann::json list = nlohmann::json::array();
    for (const CdrListedRow& r : rows)
        list.push_back({{"file", r.file}, {"line", r.line}, {reason_key, r.reason}, {"detail", r.detail}});
    return list;
}

std::string CountsRow(const std::string& name, const CdrCounts& c) {
    char buf[320];
    const std::string t = c.threshold_s > 0 ? std::to_string(c.threshold_s) : "";
    std::snprintf(buf, sizeof buf, "    %-10s %8s %9s %9s %9s %9s %8s %8s %9s %3s %8.1f\n", name.substr(0, 10).c_str(),
                  GroupDigits(c.rows).c_str(), GroupDigits(c.answered).c_str(),
                  GroupDigits(c.answered_without_queue).c_str(), GroupDigits(c.abandoned).c_str(),
                  GroupDigits(c.hung_up_before_queue).c_str(), GroupDigits(c.ignored).c_str(),
                  GroupDigits(c.rejected).c_str(), GroupDigits(c.answered_within_t).c_str(), t.c_str(),
                  static_cast<double>(c.talk_ms) / 3600000.0);
    return buf;
}

// "a 3, b 2" in the map's order.
std::string CountList(const std::map<std::string, uint64_t>& counts) {
    std::string out;
    for (const auto& [name, n] : counts) out += (out.empty() ? "" : ", ") + name + " " + GroupDigits(n);
    return out;
}

std::string ListedText(const std::vector<CdrListedRow>& rows, uint64_t total) {
    std::string out;
    std::map<std::string, size_t> shown;
    size_t listed = 0;
    for (const CdrListedRow& r : rows) {
        if (shown[r.reason]++ >= kListedPerReason) continue;
        out += "    " + r.file + " line " + std::to_string(r.line) + ": " + r.reason + ": " + r.detail + "\n";
        ++listed;
    }
    if (listed < total) out += "    ... " + GroupDigits(total - listed) + " more (--json lists every one)\n";
    return out;
}

Result<CdrMapping> LoadMapping(const IngestOptions& options) {
    if (!options.calls_format.empty()) return BuiltInCdrMapping(options.calls_format);
    std::ifstream in(options.calls_map, std::ios::binary);
    if (!in) return Status::Error(options.calls_map + ": cannot read the mapping file");
    std::ostringstream text;
    text << in.rdbuf();
    return ParseCdrMapping(text.str(), options.calls_map);
}

}  // namespace

std::string CallsSummaryJson(const CdrSummary& s, const CallsImportTotals& t, const TimeZone& zone) {
    nlohmann::json queues = nlohmann::json::array();
    for (const auto& [name, counts] : s.per_queue) {
        nlohmann::json q = CountsJson(counts);
        q["queue"] = name;
        queues.push_back(std::move(q));
    }
    nlohmann::json files = nlohmann::json::array();
    for (const CdrFileCounts& f : s.per_file) {
        nlohmann::json j = CountsJson(f.counts);
        j["file"] = f.file;
        j["outcome_values"] = f.outcome_values;
        j["rejected_by_reason"] = f.rejected_by_reason;
        j["notes_by_kind"] = f.notes_by_kind;
        files.push_back(std::move(j));
    }
    nlohmann::json body = {
        {"files", s.files},
        {"mapping", s.mapping},
        {"time_zone", s.time_zone},
        {"lines", s.lines},
        {"header_lines", s.header_lines},
        {"blank_lines", s.blank_lines},
        {"events", s.events},
        {"stored", t.store.stored},
        {"duplicates", t.store.duplicates},
        {"skipped_events", t.store.skipped_events},
        {"skipped_files", t.store.skipped_files},
        {"agents", s.agents},
        {"queues", s.queues},
        {"first_time", UtcText(s.first_ms)},
        {"last_time", UtcText(s.last_ms)},
        {"first_local", LocalText(s.first_ms, zone)},
        {"last_local", LocalText(s.last_ms, zone)},
        {"seconds", t.seconds},
        {"outcome_values", s.outcome_values},
        {"total", CountsJson(s.total)},
        {"per_queue", queues},
        {"per_file", files},
        {"rejected_by_reason", s.rejected_by_reason},
        {"notes_by_kind", s.notes_by_kind},
        {"rejected", ListedJson(s.rejected, "reason")},
        {"notes", ListedJson(s.notes, "note")},
    };
    return body.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string CallsSummaryText(const CdrSummary& s, const CallsImportTotals& t, const TimeZone& zone) {
    std::string out;
    char buf[512];
    const uint64_t rows = s.total.rows;
    std::snprintf(buf, sizeof buf, "imported %zu file(s) (mapping %s, times in %s): %s rows in %.1f s\n", s.files.size(),
                  s.mapping.c_str(), s.time_zone.c_str(), GroupDigits(rows).c_str(), t.seconds);
    out += buf;
    const uint64_t calls = s.total.answered + s.total.answered_without_queue + s.total.abandoned;
    std::snprintf(buf, sizeof buf, "  %s events stored, %s already stored; %s calls, %s agents, %s queues\n",
                  GroupDigits(static_cast<uint64_t>(t.store.stored)).c_str(),
                  GroupDigits(static_cast<uint64_t>(t.store.duplicates) + t.store.skipped_events).c_str(),
                  GroupDigits(calls).c_str(), GroupDigits(s.agents).c_str(), GroupDigits(s.queues).c_str());
    out += buf;
    for (const std::string& f : t.store.skipped_files) out += "  " + f + " was imported before and is unchanged: not stored again\n";
    out += "  time range " + LocalText(s.first_ms, zone) + " .. " + LocalText(s.last_ms, zone) + " " + s.time_zone + " (" +
           UtcText(s.first_ms) + " .. " + UtcText(s.last_ms) + ")\n";
    out += "  lines " + GroupDigits(s.lines) + ": " + GroupDigits(s.header_lines) + " header, " +
           GroupDigits(s.blank_lines) + " blank, " + GroupDigits(rows) + " rows";
    if (!s.outcome_values.empty()) out += "; outcome values: " + CountList(s.outcome_values);
    out += "\n";
    std::snprintf(buf, sizeof buf, "    %-10s %8s %9s %9s %9s %9s %8s %8s %9s %3s %8s\n", "queue", "rows", "answered",
                  "no queue", "abandoned", "before q", "ignored", "rejected", "within T", "T", "talk h");
    out += buf;
    for (const auto& [name, counts] : s.per_queue) out += CountsRow(name, counts);
    out += CountsRow("total", s.total);
    if (s.per_file.size() > 1) {
        for (const CdrFileCounts& f : s.per_file) out += CountsRow(f.file.substr(f.file.rfind('/') + 1), f.counts);
    }
    out += "    (answered: after a queue wait; no queue: served with no queue entry, wait 0; before q: hung up\n"
           "     before reaching a queue, not stored; within T: answered with wait <= T seconds)\n";
    if (s.total.rejected > 0) {
        out += "  rejected rows (" + GroupDigits(s.total.rejected) + "): " + CountList(s.rejected_by_reason) + "\n";
        out += ListedText(s.rejected, s.total.rejected);
    }
    uint64_t notes = 0;
    for (const auto& [kind, n] : s.notes_by_kind) notes += n;
    if (notes > 0) {
        out += "  kept with a note (" + GroupDigits(notes) + "): " + CountList(s.notes_by_kind) + "\n";
        out += ListedText(s.notes, notes);
    }
    return out;
}

int RunImportCalls(const IngestOptions& options) {
    const auto start = Clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
    ImportProgress progress(stderr, isatty(STDERR_FILENO) == 1, 5.0, "calls");
    auto fail = [&](const std::string& message) {
        progress.Message("callboard: " + message);
        return 1;
    };
    Result<CdrMapping> mapping = LoadMapping(options);
    if (!mapping.ok()) return fail(mapping.status().message());
    const std::string zone_name = !options.time_zone.empty() ? options.time_zone : mapping.value().time_zone;
    if (zone_name.empty()) {
        return fail("the time zone of the files' times is not known: give --time-zone ZONE (an IANA name, like "
                    "Europe/Berlin) or time_zone in " + mapping.value().name);
    }
    Result<TimeZone> zone = LoadTimeZone(zone_name);
    if (!zone.ok()) return fail(zone.status().message());
    ImportSetup setup;
    if (Status status = PrepareImport(options, &setup); !status.ok()) return fail(status.message());

    CdrImport import(CdrRowReader(mapping.value(), zone.value()), setup.mapper);
    for (const std::string& file : options.files) {
        if (Status status = import.AddFile(file); !status.ok()) return fail(status.message());
    }
    import.Finish();
    const CdrSummary& summary = import.summary();
    const DerivedConfig derived = setup.store->derived_config();
    if (summary.first_ms >= 0 && DerivedDayStart(derived, summary.first_ms) != zone.value().DayStart(summary.first_ms)) {
        progress.Message("callboard: note: the center's days are cut at midnight of the configuration's time zone, "
                         "which is not midnight in " + zone.value().name() + " (the files' times): set the center's "
                         "time zone in --config for days and intervals in the files' local time");
    }

    std::unique_ptr<IntervalRebuilder> rebuilder;
    std::unique_ptr<WalCheckpointer> checkpointer;
    if (options.db != ":memory:") {
        Result<std::unique_ptr<IntervalRebuilder>> started = IntervalRebuilder::Start(options.db, DataKind::Real, derived);
        Result<std::unique_ptr<WalCheckpointer>> checkpointing = WalCheckpointer::Start(options.db);
        if (!started.ok() || !checkpointing.ok()) return fail((started.ok() ? checkpointing.status() : started.status()).message());
        rebuilder = std::move(started.value());
        checkpointer = std::move(checkpointing.value());
    }
    const uint64_t total_events = summary.events;
    Result<CdrStoreReport> stored = StoreCdrImport(*setup.store, import, kBatchEvents, [&](const CdrStoredBatch& batch) {
        progress.Update(import.files()[batch.file].path, batch.file, import.files().size(),
                        ImportProgressSample{elapsed(), import.RowsBefore(batch.events_done), batch.events_done, total_events});
        if (!rebuilder) return Status::Ok();
        rebuilder->Allow(DerivedDayStart(derived, batch.last_t_ms));
        Result<int64_t> written = setup.store->WriteIntervalDays(rebuilder->Take());
        return written.ok() ? Status::Ok() : written.status();
    });
    if (!stored.ok()) return fail(stored.status().message());
    if (rebuilder && !rebuilder->error().empty()) {
        progress.Message("callboard: counting intervals during the import stopped (" + rebuilder->error() +
                         "); counting them now");
    }
    rebuilder.reset();
    checkpointer.reset();
    Result<int64_t> rebuilt = setup.store->RebuildIntervals(WallClockMs());
    if (!rebuilt.ok()) return fail(rebuilt.status().message());
    CallsImportTotals totals{stored.value(), elapsed()};
    const uint64_t calls = summary.total.answered + summary.total.answered_without_queue + summary.total.abandoned;
    progress.Done(options.files.size() == 1 ? options.files[0] : std::to_string(options.files.size()) + " files", calls,
                  totals.seconds);
    const std::string text = options.json ? CallsSummaryJson(summary, totals, zone.value())
                                          : CallsSummaryText(summary, totals, zone.value());
    std::fputs(text.c_str(), stdout);
    return 0;
}

}  // namespace cb
