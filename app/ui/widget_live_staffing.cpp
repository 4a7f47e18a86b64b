// Live staffing, the break what-if and live adherence (widget_live_staffing.h).
#include "widget_live_staffing.h"

#include <algorithm>
#include <cstdio>
#include <vector>
#include <imgui.h>
#include "format.h"
#include "views.h"
#include "widget_figures.h"

namespace cb {
namespace {

ImVec4 HealthVec(Health h) {
    return ImGui::ColorConvertU32ToFloat4(h == Health::Unknown ? ImGui::GetColorU32(ImGuiCol_Text) : HealthColor(h));
}

std::string NeededText(const ViewContext& ctx, const wfm::LiveStaffing& l) {
    if (!l.known) return "-";
    if (l.agents_needed < 0) return ctx.tr(Str::LsOutOfReach);
    return std::to_string(l.agents_needed);
}

// Why a queue has no figures, or empty when it has them.
const char* MissingReason(const ViewContext& ctx, const wfm::LiveStaffing& l) {
    if (!wfm::HasLiveData(ctx.snapshot)) return ctx.tr(Str::LsNoLiveData);
    if (!l.known) return ctx.tr(Str::LsNotKnown);
    return "";
}

// Agents on queue, fractional (each agent for its share of the queue): one decimal.
std::string AgentsText(double agents) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", agents);
    return buf;
}

void ReportField(const ViewContext& ctx, const std::string& prefix, const char* field, const std::string& text) {
    ReportLastItem(ctx, prefix + "." + field, text);
}

// The target and the inputs of queue qi's figures (or why there are none), for tooltips.
void InputLines(const ViewContext& ctx, size_t qi) {
    const QueueInfo& info = ctx.snapshot.directory.queues[qi];
    const QueueLive& q = ctx.snapshot.queues[qi];
    const wfm::LiveStaffing& l = q.staffing;
    char line[256];
    std::snprintf(line, sizeof line, ctx.tr(Str::LsTargetFmt), info.sl.target * 100.0, info.sl.threshold_s);
    ImGui::TextUnformatted(line);
    const char* missing = MissingReason(ctx, l);
    if (*missing) {
        ImGui::TextUnformatted(missing);
        return;
    }
    const double minutes = double(q.recent.window_ms) / 60000.0;
    std::snprintf(line, sizeof line, ctx.tr(Str::LsInputsFmt), minutes, (long long)q.recent.offered,
                  minutes > 0 ? double(q.recent.offered) / minutes : 0.0, (long long)q.recent.handled, l.aht_s, l.erlangs);
    ImGui::TextUnformatted(line);
    std::snprintf(line, sizeof line, ctx.tr(Str::LsAgentsFmt), l.agents_on_queue, l.members_on_queue, l.next30.min_agents,
                  l.next30.max_agents);
    ImGui::TextUnformatted(line);
}

void ColoredOutlook(const ViewContext& ctx, const wfm::SlOutlook& o, double target, bool known) {
    const std::string text = known ? OutlookText(ctx, o) : "-";
    if (!known) ImGui::TextUnformatted(text.c_str());
    else ImGui::TextColored(HealthVec(OutlookHealth(ctx, o, target)), "%s", text.c_str());
}

}  // namespace

std::string OutlookText(const ViewContext& ctx, const wfm::SlOutlook& o) {
    if (!o.stable) return ctx.tr(Str::LsUnstable);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", o.service_level * 100.0);
    return buf;
}

Health OutlookHealth(const ViewContext& ctx, const wfm::SlOutlook& o, double target) {
    if (!o.stable) return Health::Bad;
    Ratio r;
    r.valid = true;
    r.value = o.service_level;
    return SlHealth(r, target, ctx.ui.thresholds);
}

const char* ActivityLabel(const ViewContext& ctx, wfm::Activity a) {
    switch (a) {
    case wfm::Activity::OnQueue: return ctx.tr(Str::ActOnQueue);
    case wfm::Activity::Break: return ctx.tr(Str::ActBreak);
    case wfm::Activity::Lunch: return ctx.tr(Str::ActLunch);
    case wfm::Activity::Meeting: return ctx.tr(Str::ActMeeting);
    case wfm::Activity::Training: return ctx.tr(Str::ActTraining);
    case wfm::Activity::Other: return ctx.tr(Str::ActOther);
    case wfm::Activity::Off:
    case wfm::Activity::kCount: break;
    }
    return ctx.tr(Str::ActOff);
}

void LiveStaffingTooltip(const ViewContext& ctx, size_t qi) {
    if (!ImGui::IsItemHovered()) return;
    const QueueInfo& info = ctx.snapshot.directory.queues[qi];
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 34.0f);
    ImGui::Text("%s · %s", Name(ctx, info), ctx.tr(Str::LsTitle));
    ImGui::Separator();
    ImGui::TextDisabled("%s", ctx.tr(Str::DefinitionTitle));
    ImGui::TextUnformatted(ctx.tr(Str::LsDefinition));
    ImGui::Separator();
    InputLines(ctx, qi);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

int LiveStaffingLineCount(bool tv) { return tv ? 1 : 3; }

void LiveStaffingLines(const ViewContext& ctx, size_t qi, const std::string& prefix) {
    const QueueInfo& info = ctx.snapshot.directory.queues[qi];
    const wfm::LiveStaffing& l = ctx.snapshot.queues[qi].staffing;
    const char* missing = MissingReason(ctx, l);
    char line[256];
    if (*missing) {
        // No figures: say why, never a number (history only, or too little seen yet).
        ImGui::TextDisabled("%s", ctx.tr(Str::LsTitle));
        ImGui::SameLine();
        ImGui::TextDisabled("-");
        LiveStaffingTooltip(ctx, qi);
        ReportField(ctx, prefix, "live", wfm::HasLiveData(ctx.snapshot) ? "not_known" : "no_live_data");
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", missing);
        ImGui::PopTextWrapPos();
        return;
    }
    const std::string needed = NeededText(ctx, l);
    const Health staffed = l.agents_needed < 0 || l.agents_on_queue < l.agents_needed ? Health::Bad : Health::Good;
    if (ctx.ui.tv_mode) {
        // TV mode, read across the room: one line, the next 15 and 30 minutes.
        const std::string n15 = OutlookText(ctx, l.next15), n30 = OutlookText(ctx, l.next30);
        const std::string on = AgentsText(l.agents_on_queue);
        std::snprintf(line, sizeof line, ctx.tr(Str::LsTvFmt), needed.c_str(), on.c_str(), n15.c_str(), n30.c_str());
        const Health worst = std::max({staffed, OutlookHealth(ctx, l.next15, info.sl.target), OutlookHealth(ctx, l.next30, info.sl.target)},
                                      [](Health a, Health b) { return int(a) < int(b); });
        ImGui::TextColored(HealthVec(worst), "%s", line);
        ReportField(ctx, prefix, "needed", needed);
        ReportField(ctx, prefix, "on_queue", on);
        ReportField(ctx, prefix, "sl_next15", n15);
        ReportField(ctx, prefix, "sl_next30", n30);
        return;
    }
    const std::string on = AgentsText(l.agents_on_queue);
    std::snprintf(line, sizeof line, ctx.tr(Str::LsNeededFmt), needed.c_str(), on.c_str());
    ImGui::TextColored(HealthVec(staffed), "%s", line);
    LiveStaffingTooltip(ctx, qi);
    ReportField(ctx, prefix, "needed", needed);
    ReportField(ctx, prefix, "on_queue", on);

    const std::string now = OutlookText(ctx, l.now), n15 = OutlookText(ctx, l.next15), n30 = OutlookText(ctx, l.next30);
    std::snprintf(line, sizeof line, ctx.tr(Str::LsPredictedFmt), now.c_str(), n15.c_str(), n30.c_str());
    const Health worst = std::max({OutlookHealth(ctx, l.now, info.sl.target), OutlookHealth(ctx, l.next15, info.sl.target),
                                   OutlookHealth(ctx, l.next30, info.sl.target)},
                                  [](Health a, Health b) { return int(a) < int(b); });
    ImGui::TextColored(HealthVec(worst), "%s", line);
    LiveStaffingTooltip(ctx, qi);
    ReportField(ctx, prefix, "sl_now", now);
    ReportField(ctx, prefix, "sl_next15", n15);
    ReportField(ctx, prefix, "sl_next30", n30);

    const std::string after = OutlookText(ctx, l.break_next15);
    std::snprintf(line, sizeof line, ctx.tr(Str::LsBreakNowFmt), n15.c_str(), after.c_str());
    ImGui::TextColored(HealthVec(OutlookHealth(ctx, l.break_next15, info.sl.target)), "%s", line);
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 34.0f);
        ImGui::TextUnformatted(ctx.tr(Str::LsBreakDef));
        ImGui::Separator();
        ImGui::TextUnformatted(ctx.tr(Str::LsDefinition));
        ImGui::Separator();
        InputLines(ctx, qi);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
    ReportField(ctx, prefix, "break_now", n15 + " → " + after);
}

void LiveStaffingTable(const ViewContext& ctx) {
    const Snapshot& s = ctx.snapshot;
    ImGui::TextUnformatted(ctx.tr(Str::LsTitle));
    ReportLastItem(ctx, "floor.staffing", ctx.tr(Str::LsTitle));
    if (!wfm::HasLiveData(s)) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", ctx.tr(Str::LsNoLiveData));
        ImGui::PopTextWrapPos();
        ReportLastItem(ctx, "staffing.no_live_data", ctx.tr(Str::LsNoLiveData));
        return;
    }
    if (!ImGui::BeginTable("live_staffing", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit))
        return;
    ImGui::TableSetupColumn(ctx.tr(Str::LsQueue));
    ImGui::TableSetupColumn(ctx.tr(Str::LsNeeded));
    ImGui::TableSetupColumn(ctx.tr(Str::LsOnQueue));
    ImGui::TableSetupColumn(ctx.tr(Str::LsSlNow));
    ImGui::TableSetupColumn(ctx.tr(Str::LsNext15));
    ImGui::TableSetupColumn(ctx.tr(Str::LsNext30));
    ImGui::TableHeadersRow();
    int needed_total = 0;
    double on_total = 0;
    bool out_of_reach = false, any_known = false;
    for (size_t qi = 0; qi < s.directory.queues.size() && qi < s.queues.size(); ++qi) {
        const QueueInfo& info = s.directory.queues[qi];
        const wfm::LiveStaffing& l = s.queues[qi].staffing;
        const std::string prefix = "staffing." + info.key;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(Name(ctx, info));
        LiveStaffingTooltip(ctx, qi);
        ImGui::TableNextColumn();
        const std::string needed = NeededText(ctx, l);
        ImGui::TextUnformatted(needed.c_str());
        LiveStaffingTooltip(ctx, qi);
        ReportField(ctx, prefix, "needed", needed);
        ImGui::TableNextColumn();
        const Health staffed = !l.known ? Health::Unknown
                               : l.agents_needed < 0 || l.agents_on_queue < l.agents_needed ? Health::Bad : Health::Good;
        const std::string on = AgentsText(l.agents_on_queue);
        ImGui::TextColored(HealthVec(staffed), "%s", on.c_str());
        LiveStaffingTooltip(ctx, qi);
        ReportField(ctx, prefix, "on_queue", on);
        if (l.known) {
            needed_total += std::max(0, l.agents_needed);
            out_of_reach = out_of_reach || l.agents_needed < 0;
            any_known = true;
        }
        on_total += l.agents_on_queue;
        const wfm::SlOutlook* outlooks[] = {&l.now, &l.next15, &l.next30};
        static const char* const kFields[] = {"sl_now", "sl_next15", "sl_next30"};
        for (int k = 0; k < 3; ++k) {
            ImGui::TableNextColumn();
            ColoredOutlook(ctx, *outlooks[k], info.sl.target, l.known);
            LiveStaffingTooltip(ctx, qi);
            ReportField(ctx, prefix, kFields[k], l.known ? OutlookText(ctx, *outlooks[k]) : "-");
        }
    }
    // The center: the queues' needed added up, and the agents on queue counted once (the shares of
    // every queue add up to one per agent on queue).
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(ctx.tr(Str::LsCenter));
    const auto center_tooltip = [&] {
        if (!ImGui::IsItemHovered()) return;
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 34.0f);
        ImGui::TextDisabled("%s", ctx.tr(Str::DefinitionTitle));
        ImGui::TextUnformatted(ctx.tr(Str::LsCenterDef));
        ImGui::Separator();
        ImGui::TextUnformatted(ctx.tr(Str::LsDefinition));
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    };
    center_tooltip();
    ImGui::TableNextColumn();
    const std::string needed_text = !any_known ? "-" : out_of_reach ? ctx.tr(Str::LsOutOfReach) : std::to_string(needed_total);
    ImGui::TextUnformatted(needed_text.c_str());
    center_tooltip();
    ReportLastItem(ctx, "staffing.center.needed", needed_text);
    ImGui::TableNextColumn();
    const std::string on_text = AgentsText(on_total);
    ImGui::TextColored(HealthVec(!any_known ? Health::Unknown : out_of_reach || on_total < needed_total ? Health::Bad : Health::Good), "%s",
                       on_text.c_str());
    center_tooltip();
    ReportLastItem(ctx, "staffing.center.on_queue", on_text);
    ImGui::EndTable();
}

ImU32 AdherenceImpactColor(const wfm::LiveAdherence& a) {
    switch (a.impact) {
    case wfm::Impact::Negative: return HealthColor(Health::Warning);
    case wfm::Impact::Positive: return IM_COL32(90, 170, 255, 255);
    default: return IM_COL32(170, 170, 170, 255);
    }
}

ImU32 AdherenceMarkerColor(const wfm::LiveAdherence& a) {
    if (a.status != wfm::LiveStatus::OutOfAdherence || !a.counted) return 0;
    if (a.severe) return HealthColor(Health::Bad);
    return AdherenceImpactColor(a);
}

void DrawAdherenceStrip(ImDrawList* dl, const wfm::LiveAdherence& a, float x0, float x1, float y) {
    if (!AdherenceMarkerColor(a)) return;
    dl->AddRectFilled(ImVec2(x0, y - 6), ImVec2(x1, y), IM_COL32(15, 15, 20, 255), 2.0f);
    dl->AddRectFilled(ImVec2(x0 + 1, y - 5), ImVec2(x1 - 1, y - 1), AdherenceImpactColor(a), 1.0f);
    if (a.severe) dl->AddRectFilled(ImVec2(x1 - (x1 - x0) / 3, y - 5), ImVec2(x1 - 1, y - 1), HealthColor(Health::Bad), 1.0f);
}

std::string AdherenceText(const ViewContext& ctx, const wfm::LiveAdherence& a) {
    std::string text;
    switch (a.status) {
    case wfm::LiveStatus::InAdherence: text = ctx.tr(Str::AdhIn); break;
    case wfm::LiveStatus::OutOfAdherence: text = ctx.tr(Str::AdhOut); break;
    case wfm::LiveStatus::Unscheduled: return ctx.tr(Str::AdhUnscheduled);
    case wfm::LiveStatus::Unknown: return ctx.tr(Str::AdhUnknown);
    }
    if (a.status == wfm::LiveStatus::OutOfAdherence) {
        switch (a.impact) {
        case wfm::Impact::Positive: text += std::string(" · ") + ctx.tr(Str::AdhImpactPositive); break;
        case wfm::Impact::Negative: text += std::string(" · ") + ctx.tr(Str::AdhImpactNegative); break;
        case wfm::Impact::Neutral: text += std::string(" · ") + ctx.tr(Str::AdhImpactNeutral); break;
        case wfm::Impact::None: break;
        }
        if (a.severe) text += std::string(" · ") + ctx.tr(Str::AdhSevere);
        else if (!a.counted) text += std::string(" · ") + ctx.tr(Str::AdhPending);
    }
    if (a.since_ms > 0 && ctx.center_now_ms >= a.since_ms) {
        char buf[64];
        std::snprintf(buf, sizeof buf, ctx.tr(Str::AdhForFmt), FormatDuration(ctx.center_now_ms - a.since_ms, ctx.tr, DurationStyle::Timer).c_str());
        text += std::string(" · ") + buf;
    }
    return text;
}

namespace {

void AdherenceDefinitionTooltip(const ViewContext& ctx) {
    if (!ImGui::IsItemHovered()) return;
    const wfm::AdherenceOptions& o = ctx.snapshot.schedule.options;
    char def[1400];
    std::snprintf(def, sizeof def, ctx.tr(Str::AdhDefinitionFmt), FormatDuration(o.exception_threshold_ms, ctx.tr).c_str(),
                  FormatDuration(o.severe_threshold_ms, ctx.tr).c_str());
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 34.0f);
    ImGui::TextUnformatted(ctx.tr(Str::AdhTitle));
    ImGui::Separator();
    ImGui::TextDisabled("%s", ctx.tr(Str::DefinitionTitle));
    ImGui::TextUnformatted(def);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

std::string AdherenceReport(const wfm::LiveAdherence& a) {
    std::string r(wfm::LiveStatusName(a.status));
    if (a.status == wfm::LiveStatus::OutOfAdherence) {
        r += ":" + std::string(wfm::ImpactName(a.impact));
        if (a.severe) r += ":severe";
        else if (!a.counted) r += ":pending";
    }
    return r;
}

}  // namespace

void AgentAdherence(const ViewContext& ctx, uint32_t agent) {
    const Snapshot& s = ctx.snapshot;
    if (!s.schedule.set || agent >= s.agents.size()) return;
    const wfm::LiveAdherence& a = s.agents[agent].adherence;
    const std::string text = AdherenceText(ctx, a);
    const ImU32 marker = AdherenceMarkerColor(a);
    ImGui::TextDisabled("%s:", ctx.tr(Str::AdhTitle));
    ImGui::SameLine();
    if (marker) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(marker), "%s", text.c_str());
    else ImGui::TextUnformatted(text.c_str());
    AdherenceDefinitionTooltip(ctx);
    ReportLastItem(ctx, "card.adherence", AdherenceReport(a));
    if (a.status == wfm::LiveStatus::InAdherence || a.status == wfm::LiveStatus::OutOfAdherence) {
        char line[160];
        std::snprintf(line, sizeof line, ctx.tr(Str::AdhScheduledFmt), ActivityLabel(ctx, a.scheduled), ActivityLabel(ctx, a.actual));
        ImGui::TextDisabled("%s", line);
        AdherenceDefinitionTooltip(ctx);
        ReportLastItem(ctx, "card.adherence.activities",
                       std::string(wfm::ActivityName(a.scheduled)) + "/" + std::string(wfm::ActivityName(a.actual)));
    }
}

void BreakWhatIfSection(const ViewContext& ctx, uint32_t agent) {
    const Snapshot& s = ctx.snapshot;
    ImGui::TextDisabled("%s", ctx.tr(Str::WhatIfTitle));
    if (!wfm::HasLiveData(s)) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(ctx.tr(Str::LsNoLiveData));
        ImGui::PopTextWrapPos();
        ReportLastItem(ctx, "card.whatif", "no_live_data");
        return;
    }
    const wfm::BreakWhatIf w = wfm::WhatIfBreak(s, agent, s.now_ms, wfm::kDefaultBreakMs);
    if (w.problem == wfm::WhatIfProblem::NoQueue) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(ctx.tr(Str::WhatIfNoQueue));
        ImGui::PopTextWrapPos();
        ReportLastItem(ctx, "card.whatif", "no_queue");
        return;
    }
    if (w.problem != wfm::WhatIfProblem::None) {
        ImGui::TextUnformatted("-");
        ReportLastItem(ctx, "card.whatif", std::string(wfm::WhatIfProblemName(w.problem)));
        return;
    }
    char line[256];
    char share_line[256];
    for (const wfm::QueueWhatIf& q : w.queues) {
        share_line[0] = 0;
        const QueueInfo& info = s.directory.queues[q.queue];
        std::string report;
        if (!q.known) {
            std::snprintf(line, sizeof line, ctx.tr(Str::WhatIfNotKnownFmt), Name(ctx, info));
            ImGui::TextUnformatted(line);
            report = "not_known";
        } else if (!q.on_queue) {
            std::snprintf(line, sizeof line, ctx.tr(Str::WhatIfNoChangeFmt), Name(ctx, info));
            ImGui::TextUnformatted(line);
            report = "no_change";
        } else {
            const std::string x = OutlookText(ctx, q.without), y = OutlookText(ctx, q.with);
            std::snprintf(share_line, sizeof share_line, ctx.tr(Str::WhatIfShareFmt), Name(ctx, info), q.share);
            std::snprintf(line, sizeof line, ctx.tr(Str::WhatIfLineFmt), Name(ctx, info), x.c_str(), y.c_str());
            ImGui::TextColored(HealthVec(OutlookHealth(ctx, q.with, info.sl.target)), "%s", line);
            report = x + " → " + y;
        }
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 34.0f);
            ImGui::TextDisabled("%s", ctx.tr(Str::DefinitionTitle));
            ImGui::TextUnformatted(ctx.tr(Str::WhatIfDefinition));
            if (share_line[0]) ImGui::TextUnformatted(share_line);
            ImGui::Separator();
            ImGui::TextUnformatted(ctx.tr(Str::LsDefinition));
            ImGui::Separator();
            InputLines(ctx, q.queue);
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
        ReportLastItem(ctx, "card.whatif." + info.key, report);
    }
}

void AdherenceList(const ViewContext& ctx) {
    const Snapshot& s = ctx.snapshot;
    if (!s.schedule.set) return;
    struct Out {
        uint32_t agent;
        bool severe;
        int64_t since;
    };
    std::vector<Out> out;
    int scheduled = 0, severe = 0;
    for (uint32_t i = 0; i < s.agents.size(); ++i) {
        const wfm::LiveAdherence& a = s.agents[i].adherence;
        if (a.status == wfm::LiveStatus::InAdherence || a.status == wfm::LiveStatus::OutOfAdherence) ++scheduled;
        if (a.status != wfm::LiveStatus::OutOfAdherence || !a.counted) continue;
        severe += a.severe;
        out.push_back({i, a.severe, a.since_ms});
    }
    std::sort(out.begin(), out.end(), [](const Out& x, const Out& y) {
        if (x.severe != y.severe) return x.severe;
        return x.since != y.since ? x.since < y.since : x.agent < y.agent;
    });
    ImGui::TextUnformatted(ctx.tr(Str::AdhListTitle));
    AdherenceDefinitionTooltip(ctx);
    char buf[256];
    std::snprintf(buf, sizeof buf, ctx.tr(Str::AdhListFmt), int(out.size()), scheduled, severe);
    ImGui::TextDisabled("%s", buf);
    AdherenceDefinitionTooltip(ctx);
    ReportLastItem(ctx, "floor.adherence", std::to_string(out.size()));
    if (out.empty()) {
        ImGui::TextUnformatted(ctx.tr(Str::AdhListNone));
        return;
    }
    // At most 6 rows high (scrolls), only the visible rows drawn.
    const float row_h = ImGui::GetTextLineHeightWithSpacing();
    ImGui::BeginChild("adherence_list", ImVec2(0, row_h * float(std::min<size_t>(out.size(), 6)) + 4), false);
    ImGuiListClipper clipper;
    clipper.Begin(int(out.size()));
    while (clipper.Step()) {
      for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
        const Out& o = out[size_t(r)];
        const AgentInfo& info = s.directory.agents[o.agent];
        const wfm::LiveAdherence& a = s.agents[o.agent].adherence;
        char label[320];
        std::snprintf(label, sizeof label, "%s · %s → %s  %s###adh%u", Name(ctx, info), ActivityLabel(ctx, a.scheduled),
                      ActivityLabel(ctx, a.actual),
                      FormatDuration(std::max<int64_t>(0, ctx.center_now_ms - a.since_ms), ctx.tr, DurationStyle::Timer).c_str(), o.agent);
        ImGui::PushStyleColor(ImGuiCol_Text, AdherenceMarkerColor(a));
        if (ImGui::Selectable(label, ctx.ui.selected_agent == o.agent)) ctx.actions->push_back({UiAction::Kind::SelectAgent, int(o.agent)});
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", AdherenceText(ctx, a).c_str());
        ReportLastItem(ctx, "adh." + info.key, AdherenceReport(a));
      }
    }
    ImGui::EndChild();
}

}  // namespace cb
