// Reconciliation JSON (reconcile_json.h). Shape:
// {"from","to","time_zone","queues":[..],"from_ms","to_ms","legs","legs_in_range","balanced",
//  "rows":[{"row","unit","cells":[{"tool","reported", "value" | "numerator","denominator","ratio",
//   "differences" | "numerator_differences","denominator_differences":[{"reason","delta","calls"}]}]}]}
#include "reconcile_json.h"

#include <nlohmann/json.hpp>

namespace cb {

namespace {

using nlohmann::json;

json DiffsToJson(const std::vector<ReconDiff>& diffs) {
    json out = json::array();
    for (const ReconDiff& d : diffs)
        out.push_back({{"reason", ReconReasonName(d.reason)}, {"delta", d.delta}, {"calls", d.calls}});
    return out;
}

bool ReadInt(const json& j, const char* key, int64_t* out, const std::string& where, std::string* error) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer()) {
        *error = where + key + ": missing or not an integer";
        return false;
    }
    *out = it->get<int64_t>();
    return true;
}

bool ReadString(const json& j, const char* key, std::string* out, const std::string& where, std::string* error) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) {
        *error = where + key + ": missing or not a string";
        return false;
    }
    *out = it->get<std::string>();
    return true;
}

bool DiffsFromJson(const json& j, const char* key, std::vector<ReconDiff>* out, const std::string& where,
                   std::string* error) {
    auto it = j.find(key);
    if (it == j.end()) return true;  // the Callboard column has none
    if (!it->is_array()) {
        *error = where + key + ": not an array";
        return false;
    }
    for (size_t i = 0; i < it->size(); ++i) {
        const json& d = (*it)[i];
        const std::string at = where + key + "[" + std::to_string(i) + "].";
        if (!d.is_object()) {
            *error = at + ": not an object";
            return false;
        }
        ReconDiff diff;
        std::string reason;
        if (!ReadString(d, "reason", &reason, at, error) || !ReadInt(d, "delta", &diff.delta, at, error) ||
            !ReadInt(d, "calls", &diff.calls, at, error))
            return false;
        if (!ParseReconReason(reason, &diff.reason)) {
            *error = at + "reason: unknown value '" + reason + "'";
            return false;
        }
        out->push_back(diff);
    }
    return true;
}

bool FigureFromJson(const json& j, const char* key, const char* diffs_key, ReconFigure* out, const std::string& where,
                    std::string* error) {
    return ReadInt(j, key, &out->value, where, error) && DiffsFromJson(j, diffs_key, &out->diffs, where, error);
}

}  // namespace

std::string ReconReportToJson(const ReconRequest& request, const ReconReport& report) {
    std::string why;
    json rows = json::array();
    for (const ReconRowResult& r : report.rows) {
        const bool ratio = ReconRowUnit(r.row) == ReconUnit::Ratio;
        json cells = json::array();
        for (size_t t = 0; t < r.cells.size(); ++t) {
            const ReconCell& c = r.cells[t];
            const bool peer = t != size_t(ReconTool::Callboard);
            json cell = {{"tool", ReconToolName(static_cast<ReconTool>(t))}, {"reported", c.reported}};
            if (c.reported && ratio) {
                const Ratio v = c.ratio();
                cell["numerator"] = c.numerator.value;
                cell["denominator"] = c.denominator.value;
                cell["ratio"] = v.valid ? json(v.value) : json(nullptr);
                if (peer) {
                    cell["numerator_differences"] = DiffsToJson(c.numerator.diffs);
                    cell["denominator_differences"] = DiffsToJson(c.denominator.diffs);
                }
            } else if (c.reported) {
                cell["value"] = c.value.value;
                if (peer) cell["differences"] = DiffsToJson(c.value.diffs);
            }
            cells.push_back(std::move(cell));
        }
        rows.push_back({{"row", ReconRowName(r.row)}, {"unit", ReconUnitName(ReconRowUnit(r.row))}, {"cells", cells}});
    }
    const json body = {
        {"from", request.from},
        {"to", request.to},
        {"time_zone", request.time_zone},
        {"queues", request.queues},
        {"from_ms", report.from_ms},
        {"to_ms", report.to_ms},
        {"legs", report.legs},
        {"legs_in_range", report.legs_in_range},
        {"balanced", report.Balanced(&why)},
        {"rows", std::move(rows)},
    };
    return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool ReconReportFromJson(std::string_view text, ReconRequest* request, ReconReport* report, std::string* error) {
    error->clear();
    const json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        *error = "not a JSON object";
        return false;
    }
    *request = ReconRequest{};
    *report = ReconReport{};
    if (!ReadString(j, "from", &request->from, "", error) || !ReadString(j, "to", &request->to, "", error) ||
        !ReadString(j, "time_zone", &request->time_zone, "", error) ||
        !ReadInt(j, "from_ms", &report->from_ms, "", error) || !ReadInt(j, "to_ms", &report->to_ms, "", error) ||
        !ReadInt(j, "legs", &report->legs, "", error) || !ReadInt(j, "legs_in_range", &report->legs_in_range, "", error))
        return false;
    auto queues = j.find("queues");
    if (queues == j.end() || !queues->is_array()) {
        *error = "queues: missing or not an array";
        return false;
    }
    for (const json& q : *queues) {
        if (!q.is_string()) {
            *error = "queues: not a list of strings";
            return false;
        }
        request->queues.push_back(q.get<std::string>());
    }
    auto rows = j.find("rows");
    if (rows == j.end() || !rows->is_array()) {
        *error = "rows: missing or not an array";
        return false;
    }
    std::array<bool, size_t(ReconRow::kCount)> seen{};
    for (size_t i = 0; i < rows->size(); ++i) {
        const json& r = (*rows)[i];
        const std::string at = "rows[" + std::to_string(i) + "].";
        std::string name;
        ReconRow row;
        if (!r.is_object() || !ReadString(r, "row", &name, at, error)) {
            if (error->empty()) *error = at + ": not an object";
            return false;
        }
        if (!ParseReconRow(name, &row)) {
            *error = at + "row: unknown value '" + name + "'";
            return false;
        }
        ReconRowResult& out = report->rows[size_t(row)];
        out.row = row;
        seen[size_t(row)] = true;
        auto cells = r.find("cells");
        if (cells == r.end() || !cells->is_array()) {
            *error = at + "cells: missing or not an array";
            return false;
        }
        for (size_t k = 0; k < cells->size(); ++k) {
            const json& c = (*cells)[k];
            const std::string cat = at + "cells[" + std::to_string(k) + "].";
            std::string tool_name;
            ReconTool tool;
            if (!c.is_object() || !ReadString(c, "tool", &tool_name, cat, error)) {
                if (error->empty()) *error = cat + ": not an object";
                return false;
            }
            if (!ParseReconTool(tool_name, &tool)) {
                *error = cat + "tool: unknown value '" + tool_name + "'";
                return false;
            }
            ReconCell& cell = out.cells[size_t(tool)];
            auto reported = c.find("reported");
            if (reported == c.end() || !reported->is_boolean()) {
                *error = cat + "reported: missing or not true/false";
                return false;
            }
            cell.reported = reported->get<bool>();
            if (!cell.reported) continue;
            if (ReconRowUnit(row) == ReconUnit::Ratio) {
                if (!FigureFromJson(c, "numerator", "numerator_differences", &cell.numerator, cat, error) ||
                    !FigureFromJson(c, "denominator", "denominator_differences", &cell.denominator, cat, error))
                    return false;
            } else if (!FigureFromJson(c, "value", "differences", &cell.value, cat, error)) {
                return false;
            }
        }
    }
    for (size_t r = 0; r < seen.size(); ++r) {
        if (!seen[r]) {
            *error = "rows: '" + std::string(ReconRowName(static_cast<ReconRow>(r))) + "' is missing";
            return false;
        }
    }
    return true;
}

}  // namespace cb
