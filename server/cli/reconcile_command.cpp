// `callboard reconcile` (reconcile_command.h).
#include "server/cli/reconcile_command.h"

#include <sys/stat.h>
#include <algorithm>
#include <cstdio>
#include <iterator>
#include "core/reconcile/reconcile_json.h"
#include "server/base/time_zone.h"
#include "server/config/config.h"
#include "server/store/store_reconcile.h"

namespace cb {

namespace {

constexpr const char* kRowTitles[] = {"Answered",      "Abandoned",     "Timed out",     "Service level",
                                      "Service level 2", "Talk",        "Wait (answered)", "Ring no answer"};
constexpr const char* kToolTitles[] = {"Callboard", "Asterisk", "Asternic", "Wazo"};
static_assert(std::size(kRowTitles) == size_t(ReconRow::kCount));
static_assert(std::size(kToolTitles) == size_t(ReconTool::kCount));

std::string Seconds(int64_t ms) {
    char buf[48];
    if (ms % 1000 == 0) std::snprintf(buf, sizeof buf, "%lld s", static_cast<long long>(ms / 1000));
    else std::snprintf(buf, sizeof buf, "%.3f s", double(ms) / 1000.0);
    return buf;
}

std::string Amount(ReconUnit unit, int64_t v) {
    return unit == ReconUnit::Ms ? Seconds(v) : std::to_string(v);
}

std::string CellText(ReconRow row, const ReconCell& c) {
    if (!c.reported) return "-";
    const ReconUnit unit = ReconRowUnit(row);
    if (unit != ReconUnit::Ratio) return Amount(unit, c.value.value);
    const Ratio r = c.ratio();
    char buf[80];
    if (r.valid)
        std::snprintf(buf, sizeof buf, "%.1f %% (%lld/%lld)", r.value * 100.0, static_cast<long long>(r.numerator),
                      static_cast<long long>(r.denominator));
    else
        std::snprintf(buf, sizeof buf, "- (%lld/%lld)", static_cast<long long>(r.numerator),
                      static_cast<long long>(r.denominator));
    return buf;
}

std::string DiffLines(ReconUnit unit, const char* part, const std::vector<ReconDiff>& diffs) {
    std::string out;
    for (const ReconDiff& d : diffs) {
        const std::string amount = unit == ReconUnit::Ms ? Seconds(d.delta) : std::to_string(d.delta);
        out += "      ";
        if (part) out += std::string(part) + " ";
        out += (d.delta > 0 ? "+" : "") + amount + "  " + std::string(ReconReasonName(d.reason)) + ": " +
               std::string(ReconReasonText(d.reason)) + " [" + std::to_string(d.calls) +
               (d.calls == 1 ? " call]\n" : " calls]\n");
    }
    return out;
}

std::string TextReport(const ReconRequest& request, const ReconReport& report) {
    std::string out = "Reconciliation " + request.from + " to " + request.to + " (" + request.time_zone + "), ";
    if (request.queues.empty()) {
        out += "every queue";
    } else {
        out += "queues ";
        for (size_t i = 0; i < request.queues.size(); ++i) out += (i ? ", " : "") + request.queues[i];
    }
    out += ": " + std::to_string(report.legs_in_range) + " calls entered (" + std::to_string(report.legs) +
           " read with the day before)\n\n";
    char line[256];
    std::snprintf(line, sizeof line, "%-17s %-22s %-22s %-22s %-22s\n", "", kToolTitles[0], kToolTitles[1],
                  kToolTitles[2], kToolTitles[3]);
    out += line;
    for (const ReconRowResult& r : report.rows) {
        std::snprintf(line, sizeof line, "%-17s %-22s %-22s %-22s %-22s\n", kRowTitles[size_t(r.row)],
                      CellText(r.row, r.cells[0]).c_str(), CellText(r.row, r.cells[1]).c_str(),
                      CellText(r.row, r.cells[2]).c_str(), CellText(r.row, r.cells[3]).c_str());
        out += line;
        const ReconUnit unit = ReconRowUnit(r.row);
        for (size_t t = 1; t < r.cells.size(); ++t) {
            const ReconCell& c = r.cells[t];
            if (!c.reported) continue;
            std::string diffs = unit == ReconUnit::Ratio
                                    ? DiffLines(unit, "numerator", c.numerator.diffs) +
                                          DiffLines(unit, "denominator", c.denominator.diffs)
                                    : DiffLines(unit, nullptr, c.value.diffs);
            if (diffs.empty()) continue;
            out += "    " + std::string(kToolTitles[t]) + " = Callboard, then:\n" + diffs;
        }
    }
    out += "\nDefinitions: docs/reconciliation.md. Every tool's figure = Callboard's + the differences listed.\n";
    return out;
}

Result<TimeZone> ZoneFor(const ReconcileOptions& o) {
    if (!o.time_zone.empty()) {
        Result<TimeZone> zone = LoadTimeZone(o.time_zone);
        if (!zone.ok()) return Status::Error("--time-zone: " + zone.status().message());
        return zone;
    }
    if (!o.config.empty()) {
        Result<Config> config = LoadConfig(o.config);
        if (!config.ok()) return Status::Error("--config: " + config.status().message());
        return config.value().Zone();
    }
    return TimeZone();
}

}  // namespace

bool IsReconcileCommand(const std::vector<std::string_view>& args) { return !args.empty() && args[0] == "reconcile"; }

Result<ReconcileOptions> ParseReconcileOptions(const std::vector<std::string_view>& args) {
    ReconcileOptions o;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        const std::string where = "argument " + std::to_string(i + 2) + " '" + std::string(a) + "'";
        const auto value = [&](std::string* out) -> Status {
            if (i + 1 >= args.size() || args[i + 1].empty() || args[i + 1].rfind("--", 0) == 0)
                return Status::Error(where + ": needs a value");
            *out = std::string(args[++i]);
            return Status::Ok();
        };
        Status status = Status::Ok();
        if (a == "--db") status = value(&o.db);
        else if (a == "--from") status = value(&o.from);
        else if (a == "--to") status = value(&o.to);
        else if (a == "--config") status = value(&o.config);
        else if (a == "--time-zone") status = value(&o.time_zone);
        else if (a == "--json") o.json = true;
        else if (a == "--queue") {
            std::string key;
            status = value(&key);
            if (status.ok() && std::find(o.queues.begin(), o.queues.end(), key) == o.queues.end()) o.queues.push_back(key);
        } else {
            return Status::Error(where + ": unknown option (reconcile takes --db, --from, --to, --queue, --config, "
                                 "--time-zone, --json)");
        }
        if (!status.ok()) return status;
    }
    if (o.from.empty()) return Status::Error("--from: required, a local date YYYY-MM-DD");
    if (o.to.empty()) return Status::Error("--to: required, a local date YYYY-MM-DD");
    if (!o.config.empty() && !o.time_zone.empty())
        return Status::Error("--config and --time-zone: give one of them (the time zone of the dates)");
    return o;
}

int RunReconcileCommand(const std::vector<std::string_view>& all) {
    const std::vector<std::string_view> args(all.begin() + 1, all.end());
    Result<ReconcileOptions> parsed = ParseReconcileOptions(args);
    if (!parsed.ok()) {
        std::fprintf(stderr, "callboard reconcile: %s\n", parsed.status().message().c_str());
        return 2;
    }
    const ReconcileOptions& o = parsed.value();
    Result<TimeZone> zone = ZoneFor(o);
    if (!zone.ok()) {
        std::fprintf(stderr, "callboard reconcile: %s\n", zone.status().message().c_str());
        return 2;
    }
    ReconRequest request{o.from, o.to, zone.value().name(), o.queues};
    int64_t from_ms = 0, to_ms = 0;
    std::string error;
    if (!ReconRangeOf(o.from, o.to, zone.value(), &from_ms, &to_ms, &error)) {
        std::fprintf(stderr, "callboard reconcile: %s\n", error.c_str());
        return 2;
    }
    // Reading only: a database that does not exist is a mistake, not one to create.
    struct stat st {};
    if (stat(o.db.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
        std::fprintf(stderr, "callboard reconcile: --db: '%s' is not a database file\n", o.db.c_str());
        return 2;
    }
    ReconcileQuery query;
    if (Status status = query.Open(o.db); !status.ok()) {
        std::fprintf(stderr, "callboard reconcile: %s\n", status.message().c_str());
        return 1;
    }
    Result<ReconReport> report = query.Reconcile(from_ms, to_ms, o.queues);
    if (!report.ok()) {
        const bool unknown_queue = report.status().message().rfind("queue: ", 0) == 0;
        std::fprintf(stderr, "callboard reconcile: %s%s\n", unknown_queue ? "--" : "",
                     report.status().message().c_str());
        return unknown_queue ? 2 : 1;
    }
    if (!report.value().Balanced(&error)) {
        std::fprintf(stderr, "callboard reconcile: the differences do not add up: %s\n", error.c_str());
        return 1;
    }
    const std::string out =
        o.json ? ReconReportToJson(request, report.value()) + "\n" : TextReport(request, report.value());
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}

}  // namespace cb
