// The roster page (views.h DrawRosterPage, docs/wfm.md "Views"): a team's week as a grid of
// agents x days (each cell a shift, changed by hand with a click), coverage against the
// requirement per interval drawn under it (updated at once by an edit), publish and the change
// log; the break queue of a day with each request's what-if and the allowances; the day's
// adherence per agent as a timeline (scheduled above, actual below).
#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <imgui.h>
#include "roster_controller.h"
#include "views.h"
#include "format.h"

namespace cb {

namespace {

Str WeekdayStr(int wd) {
    static constexpr Str kDays[] = {Str::WfmMon, Str::WfmTue, Str::WfmWed, Str::WfmThu, Str::WfmFri, Str::WfmSat, Str::WfmSun};
    return kDays[((wd % 7) + 7) % 7];
}

const char* StatusText(const ViewContext& ctx, const std::string& status) {
    if (status == "published") return ctx.tr(Str::WfmPublished);
    if (status == "superseded") return ctx.tr(Str::WfmSuperseded);
    if (status == "approved") return ctx.tr(Str::WfmApproved);
    if (status == "declined") return ctx.tr(Str::WfmDeclined);
    if (status == "requested") return ctx.tr(Str::WfmRequested);
    return ctx.tr(Str::WfmDraft);
}

ImU32 ActivityColor(wfm::Activity a) {
    switch (a) {
    case wfm::Activity::OnQueue: return IM_COL32(76, 175, 80, 255);
    case wfm::Activity::Break: return IM_COL32(255, 193, 7, 255);
    case wfm::Activity::Lunch: return IM_COL32(33, 150, 243, 255);
    case wfm::Activity::Off: return IM_COL32(0, 0, 0, 0);
    default: return IM_COL32(158, 158, 158, 255);
    }
}

void Action(const ViewContext& ctx, UiAction::Kind kind, int value) { ctx.actions->push_back({kind, value}); }

void Command(const ViewContext& ctx, RosterCommand c) { Action(ctx, UiAction::Kind::RosterCommand, static_cast<int>(c)); }

// Coverage against the requirement per interval over the horizon, drawn.
void CoverageChart(const ViewContext& ctx, const RosterPageState& s) {
    const wfm::RosterProblem& p = s.doc.problem;
    const std::vector<int>& have = s.stats.total_coverage;
    const std::vector<int>& need = s.stats.total_required;
    const int n = p.horizon_intervals();
    if (n <= 0 || static_cast<int>(have.size()) < n || static_cast<int>(need.size()) < n) return;
    ImGui::TextUnformatted(ctx.tr(Str::WfmCoverageTitle));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr(Str::WfmCoverageDef));
    ReportLastItem(ctx, "roster.coverage.title", ctx.tr(Str::WfmCoverageTitle));
    int top = 1;
    for (int t = 0; t < n; ++t) top = std::max({top, have[static_cast<size_t>(t)], need[static_cast<size_t>(t)]});
    const float width = std::max(200.0f, ImGui::GetContentRegionAvail().x - 40);
    const float height = 120;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const float left = o.x + 32;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(left, o.y), ImVec2(left + width, o.y + height), IM_COL32(255, 255, 255, 10));
    const float bw = width / static_cast<float>(n);
    const auto y_of = [&](int v) { return o.y + height - height * static_cast<float>(v) / static_cast<float>(top); };
    for (int t = 0; t < n; ++t) {
        const int h = have[static_cast<size_t>(t)], r = need[static_cast<size_t>(t)];
        const float x = left + bw * static_cast<float>(t);
        const ImU32 color = h < r ? HealthColor(Health::Bad) : IM_COL32(100, 181, 246, 200);
        if (h > 0) dl->AddRectFilled(ImVec2(std::floor(x), y_of(h)), ImVec2(std::floor(x + bw) + 1, o.y + height), color);
        if (t > 0) {
            const int prev = need[static_cast<size_t>(t - 1)];
            dl->AddLine(ImVec2(x, y_of(prev)), ImVec2(x, y_of(r)), IM_COL32(255, 255, 255, 230), 1.5f);
        }
        dl->AddLine(ImVec2(x, y_of(r)), ImVec2(x + bw, y_of(r)), IM_COL32(255, 255, 255, 230), 1.5f);
    }
    const int ipd = p.intervals_per_day();
    for (int d = 0; d <= p.days; ++d) {
        const float x = left + bw * static_cast<float>(d * ipd);
        dl->AddLine(ImVec2(x, o.y), ImVec2(x, o.y + height + 4), IM_COL32(255, 255, 255, 60));
        if (d < p.days) dl->AddText(ImVec2(x + 3, o.y + height + 2), IM_COL32(200, 200, 200, 255), ctx.tr(WeekdayStr(p.weekday(d))));
    }
    char label[16];
    std::snprintf(label, sizeof label, "%d", top);
    dl->AddText(ImVec2(o.x, o.y - 2), IM_COL32(200, 200, 200, 255), label);
    dl->AddText(ImVec2(o.x, o.y + height - ImGui::GetTextLineHeight()), IM_COL32(200, 200, 200, 255), "0");
    ImGui::Dummy(ImVec2(width + 32, height + ImGui::GetTextLineHeight() + 6));
    if (ImGui::IsItemHovered()) {
        const float mx = ImGui::GetIO().MousePos.x;
        const int t = std::clamp(static_cast<int>((mx - left) / bw), 0, n - 1);
        ImGui::SetTooltip("%s %s: %d / %d", ctx.tr(WeekdayStr(p.weekday(t / ipd))), wfm::ClockText((t % ipd) * p.interval_min).c_str(),
                          have[static_cast<size_t>(t)], need[static_cast<size_t>(t)]);
    }
    int64_t short_total = 0;
    for (int t = 0; t < n; ++t) short_total += std::max(0, need[static_cast<size_t>(t)] - have[static_cast<size_t>(t)]);
    ReportItem item{"roster.coverage", "", o.x, o.y, width, height};
    char text[96];
    std::snprintf(text, sizeof text, "intervals=%d short=%lld", n, static_cast<long long>(short_total));
    item.text = text;
    if (ctx.report) ctx.report->items.push_back(item);
}

void RosterTabView(const ViewContext& ctx, const RosterPageState& s) {
    const wfm::RosterDoc& d = s.doc;
    const wfm::RosterProblem& p = d.problem;
    char solve[200];
    if (d.solve.status == "hand") std::snprintf(solve, sizeof solve, ctx.tr(Str::WfmHandFmt), d.solve.objective);
    else std::snprintf(solve, sizeof solve, ctx.tr(Str::WfmSolveFmt), SolveStatusText(ctx.tr, d.solve.status).c_str(), d.solve.objective,
                       d.solve.gap * 100);
    char head[400];
    std::snprintf(head, sizeof head, ctx.tr(Str::WfmHeadFmt), d.version, StatusText(ctx, d.status), solve);
    ImGui::TextUnformatted(head);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr(Str::WfmSolveDef));
    ReportLastItem(ctx, "roster.head", head);
    ImGui::SameLine(0, 24);
    ImGui::BeginDisabled(s.loading || d.status == "published");
    if (ImGui::Button(ctx.tr(Str::WfmPublish))) Command(ctx, RosterCommand::Publish);
    ImGui::EndDisabled();
    ReportLastItem(ctx, "roster.publish", ctx.tr(Str::WfmPublish));

    // The grid: agents x days.
    const int cols = p.days + 4;
    if (ImGui::BeginTable("roster.grid", cols, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollY,
                          ImVec2(0, std::min(340.0f, ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(p.agents.size() + 2) + 12)))) {
        ImGui::TableSetupScrollFreeze(1, 1);
        ImGui::TableSetupColumn(ctx.tr(Str::WfmAgent));
        CivilDate day0;
        const bool dated = ParseCivilDate(p.start_date, &day0);
        std::vector<std::string> day_labels;
        for (int day = 0; day < p.days; ++day) {
            char label[48];
            if (dated) {
                const CivilDate c = CivilFromDays(DaysFromCivil(day0) + day);
                std::snprintf(label, sizeof label, "%s %02d-%02d##d%d", ctx.tr(WeekdayStr(p.weekday(day))), c.month, c.day, day);
            } else {
                std::snprintf(label, sizeof label, "%s##d%d", ctx.tr(WeekdayStr(p.weekday(day))), day);
            }
            day_labels.push_back(label);
            ImGui::TableSetupColumn(day_labels.back().c_str());
        }
        ImGui::TableSetupColumn(ctx.tr(Str::WfmHours));
        ImGui::TableSetupColumn(ctx.tr(Str::WfmNights));
        ImGui::TableSetupColumn(ctx.tr(Str::WfmWeekends));
        ImGui::TableHeadersRow();
        const int weeks = std::max(1, s.stats.weeks);
        for (size_t a = 0; a < p.agents.size() && a < d.roster.shift.size(); ++a) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const std::string& key = p.agents[a].key;
            const AgentInfo* info = nullptr;
            for (const AgentInfo& x : ctx.snapshot.directory.agents)
                if (x.key == key) info = &x;
            ImGui::TextUnformatted(info ? Name(ctx, *info) : key.c_str());
            for (int day = 0; day < p.days; ++day) {
                ImGui::TableNextColumn();
                const int sh = d.roster.shift[a][static_cast<size_t>(day)];
                const char* name = sh < 0 ? ctx.tr(Str::WfmOff) : p.shifts[static_cast<size_t>(sh)].name.c_str();
                char id[64];
                std::snprintf(id, sizeof id, "%s##c%zu_%d", name, a, day);
                if (sh >= 0) ImGui::PushStyleColor(ImGuiCol_Button, p.shifts[static_cast<size_t>(sh)].night ? IM_COL32(63, 81, 181, 200) : IM_COL32(46, 125, 50, 200));
                else ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(60, 60, 60, 120));
                char popup[32];
                std::snprintf(popup, sizeof popup, "pick%zu_%d", a, day);
                if (ImGui::Button(id, ImVec2(std::max(64.0f, ImGui::CalcTextSize(name).x + 12), 0)) && !s.loading) ImGui::OpenPopup(popup);
                ImGui::PopStyleColor();
                ReportLastItem(ctx, "roster.cell." + key + "." + std::to_string(day), name);
                if (ImGui::BeginPopup(popup)) {
                    if (ImGui::Selectable(ctx.tr(Str::WfmOff), sh < 0))
                        Action(ctx, UiAction::Kind::RosterEdit, RosterController::EditValue(static_cast<int>(a), day, -1));
                    ReportLastItem(ctx, "roster.pick.off", ctx.tr(Str::WfmOff));
                    for (size_t k = 0; k < p.shifts.size(); ++k) {
                        const std::string text = wfm::ShiftText(p.shifts[k]);
                        if (ImGui::Selectable(text.c_str(), sh == static_cast<int>(k)))
                            Action(ctx, UiAction::Kind::RosterEdit, RosterController::EditValue(static_cast<int>(a), day, static_cast<int>(k)));
                        ReportLastItem(ctx, "roster.pick." + p.shifts[k].name, text);
                    }
                    ImGui::EndPopup();
                }
            }
            ImGui::TableNextColumn();
            double hours = 0;
            for (int w = 0; w < weeks; ++w) {
                const size_t i = a * static_cast<size_t>(weeks) + static_cast<size_t>(w);
                if (i < s.stats.hours_per_week.size()) hours += s.stats.hours_per_week[i];
            }
            ImGui::Text("%.1f", hours);
            ImGui::TableNextColumn();
            ImGui::Text("%d", a < s.stats.nights.size() ? s.stats.nights[a] : 0);
            ImGui::TableNextColumn();
            ImGui::Text("%d", a < s.stats.weekend_shifts.size() ? s.stats.weekend_shifts[a] : 0);
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    CoverageChart(ctx, s);
    char under[160];
    std::snprintf(under, sizeof under, ctx.tr(Str::WfmUnderFmt), static_cast<long long>(s.stats.understaffed_agent_intervals));
    ImGui::TextUnformatted(under);
    ReportLastItem(ctx, "roster.understaffed", under);
    const std::vector<std::string> broken = wfm::CheckRoster(p, d.roster);
    if (broken.empty()) {
        ImGui::TextDisabled("%s", ctx.tr(Str::WfmChecksOk));
    } else {
        for (const std::string& b : broken) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Bad)), "%s", b.c_str());
    }
    ImGui::Spacing();
    ImGui::TextUnformatted(ctx.tr(Str::WfmLogTitle));
    const int offset = LocalOffsetMin(ctx.snapshot, ctx.center_now_ms);
    for (size_t i = s.log.size(); i-- > 0 && i + 10 >= s.log.size();) {
        const wfm::RosterLogEntry& e = s.log[i];
        const CivilDate c = CivilFromDays((e.t_ms + int64_t{offset} * 60000) / 86400000);
        ImGui::TextDisabled("%s %s  %s  %s", FormatCivilDate(c).c_str(), FormatClock(e.t_ms, offset, false).c_str(), e.user.c_str(),
                            RosterLogAction(ctx.tr, e.action));
        ImGui::SameLine();
        const std::string line = RosterLogLine(ctx.tr, e, [&](const std::string& key) {
            for (const AgentInfo& a : ctx.snapshot.directory.agents)
                if (a.key == key) return std::string(Name(ctx, a));
            return key;
        });
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(line.c_str());
        ImGui::PopTextWrapPos();
        ReportLastItem(ctx, "roster.log." + std::to_string(i), e.action + " " + line);
    }
}

void BreaksTabView(const ViewContext& ctx, const RosterPageState& s) {
    if (!s.has_breaks) return;
    const int offset = LocalOffsetMin(ctx.snapshot, ctx.center_now_ms);
    if (s.requests.empty()) {
        ImGui::TextDisabled("%s", ctx.tr(Str::WfmNoRequests));
        ReportLastItem(ctx, "breaks.empty", ctx.tr(Str::WfmNoRequests));
    } else if (ImGui::BeginTable("breaks", 7, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
        for (Str h : {Str::WfmTime, Str::WfmAgent, Str::WfmMinutes, Str::WfmKind, Str::WfmStatus, Str::WfmImpact}) ImGui::TableSetupColumn(ctx.tr(h));
        ImGui::TableSetupColumn("##decide");
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < s.requests.size(); ++i) {
            const wfm::BreakRequest& r = s.requests[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(FormatClock(r.start_ms, offset, false).c_str());
            ImGui::TableNextColumn();
            const AgentInfo* info = nullptr;
            for (const AgentInfo& x : ctx.snapshot.directory.agents)
                if (x.key == r.agent) info = &x;
            ImGui::TextUnformatted(info ? Name(ctx, *info) : r.agent.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", r.minutes);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ctx.tr(r.kind == "lunch" ? Str::WfmLunch : Str::WfmBreak));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(StatusText(ctx, r.status));
            ReportLastItem(ctx, "breaks.status." + std::to_string(r.id), r.status);
            ImGui::TableNextColumn();
            std::string impact;
            if (r.impact.problem == "no_queue") impact = ctx.tr(Str::WfmImpactNoQueue);
            else if (r.impact.problem == "bad_start") impact = ctx.tr(Str::WfmImpactBadStart);
            else if (!r.impact.computed || !r.impact.problem.empty() || r.impact.queues.empty()) impact = ctx.tr(Str::WfmImpactNone);
            for (const wfm::BreakImpactQueue& q : r.impact.queues) {
                if (!q.known) continue;
                char line[160];
                const QueueInfo* qi = nullptr;
                for (const QueueInfo& x : ctx.snapshot.directory.queues)
                    if (x.key == q.queue) qi = &x;
                const char* qname = qi ? Name(ctx, *qi) : q.queue.c_str();
                if (q.stable_without && q.stable_with) std::snprintf(line, sizeof line, ctx.tr(Str::WfmImpactFmt), qname, q.sl_without * 100, q.sl_with * 100);
                else std::snprintf(line, sizeof line, ctx.tr(Str::WfmImpactUnstable), qname);
                impact += (impact.empty() ? "" : "\n") + std::string(line);
            }
            if (impact.empty()) impact = ctx.tr(Str::WfmImpactNone);
            ImGui::TextUnformatted(impact.c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr(Str::WfmImpactDef));
            ReportLastItem(ctx, "breaks.impact." + std::to_string(r.id), impact);
            ImGui::TableNextColumn();
            if (r.status == "requested") {
                ImGui::BeginDisabled(s.loading);
                char id[48];
                std::snprintf(id, sizeof id, "%s##a%zu", ctx.tr(Str::WfmApprove), i);
                if (ImGui::Button(id)) Action(ctx, UiAction::Kind::RosterDecide, static_cast<int>(i) * 2 + 1);
                ImGui::SameLine();
                std::snprintf(id, sizeof id, "%s##d%zu", ctx.tr(Str::WfmDecline), i);
                if (ImGui::Button(id)) Action(ctx, UiAction::Kind::RosterDecide, static_cast<int>(i) * 2);
                ImGui::EndDisabled();
            } else {
                ImGui::TextDisabled("%s", r.decided_by.c_str());
            }
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    ImGui::TextUnformatted(ctx.tr(Str::WfmAllowances));
    for (const wfm::BreakAllowance& a : s.allowances) {
        const AgentInfo* info = nullptr;
        for (const AgentInfo& x : ctx.snapshot.directory.agents)
            if (x.key == a.agent) info = &x;
        char line[160];
        std::snprintf(line, sizeof line, ctx.tr(Str::WfmAllowanceFmt), info ? Name(ctx, *info) : a.agent.c_str(), a.used_minutes, a.minutes_per_day);
        ImGui::BulletText("%s", line);
        ReportLastItem(ctx, "breaks.allowance." + a.agent, line);
    }
}

void AdherenceTabView(const ViewContext& ctx, const RosterPageState& s) {
    if (!s.has_adherence) return;
    const wfm::AdherenceDay& day = s.adherence;
    char def[600];
    std::snprintf(def, sizeof def, ctx.tr(Str::WfmAdhDefFmt), static_cast<long long>(day.options.exception_threshold_ms / 1000));
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", def);
    ImGui::PopTextWrapPos();
    if (day.roster_id == 0) {
        ImGui::TextUnformatted(ctx.tr(Str::WfmNoPublished));
        ReportLastItem(ctx, "adherence.none", ctx.tr(Str::WfmNoPublished));
        return;
    }
    // One time axis for every agent: the scheduled and actual times, with an hour either side.
    int64_t from = INT64_MAX, to = INT64_MIN;
    for (const wfm::AgentDayAdherence& a : day.agents) {
        for (const wfm::Planned& p : a.planned) from = std::min(from, p.start_ms), to = std::max(to, p.end_ms);
        for (const wfm::Spell& p : a.spells) from = std::min(from, p.start_ms), to = std::max(to, p.end_ms);
    }
    if (from >= to) from = day.day_start_ms + int64_t{6} * 3600000, to = day.day_start_ms + int64_t{22} * 3600000;
    from = std::max<int64_t>(day.day_start_ms, from - 3600000);
    to = std::min<int64_t>(day.day_end_ms + int64_t{12} * 3600000, to + 3600000);
    const int offset = LocalOffsetMin(ctx.snapshot, from);
    const float name_w = 150, stats_w = 260;
    const float width = std::max(200.0f, ImGui::GetContentRegionAvail().x - name_w - stats_w - 16);
    const auto x_of = [&](float left, int64_t t) { return left + width * static_cast<float>(t - from) / static_cast<float>(to - from); };
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Hour ticks.
    {
        const ImVec2 o = ImGui::GetCursorScreenPos();
        const float left = o.x + name_w;
        for (int64_t t = (from / 3600000 + 1) * 3600000; t < to; t += 3600000) {
            const float x = x_of(left, t);
            dl->AddText(ImVec2(x - 12, o.y), IM_COL32(180, 180, 180, 255), FormatClock(t, offset, false).c_str());
        }
        ImGui::Dummy(ImVec2(name_w + width, ImGui::GetTextLineHeight() + 2));
    }
    for (const wfm::AgentDayAdherence& a : day.agents) {
        const ImVec2 o = ImGui::GetCursorScreenPos();
        const float left = o.x + name_w, h = 14;
        const AgentInfo* info = nullptr;
        for (const AgentInfo& x : ctx.snapshot.directory.agents)
            if (x.key == a.agent) info = &x;
        ImGui::TextUnformatted(info ? Name(ctx, *info) : a.agent.c_str());
        dl->AddRectFilled(ImVec2(left, o.y), ImVec2(left + width, o.y + 2 * h + 2), IM_COL32(255, 255, 255, 12));
        for (const wfm::Planned& p : a.planned)
            dl->AddRectFilled(ImVec2(x_of(left, p.start_ms), o.y), ImVec2(x_of(left, p.end_ms), o.y + h), ActivityColor(p.activity));
        for (const wfm::Spell& p : a.spells)
            dl->AddRectFilled(ImVec2(x_of(left, p.start_ms), o.y + h + 2), ImVec2(x_of(left, p.end_ms), o.y + 2 * h + 2),
                              p.state == AgentState::LoggedOut ? IM_COL32(0, 0, 0, 0) : ActivityColor(wfm::ActivityOf(p.state, p.reason)));
        for (const wfm::Deviation& dv : a.result.deviations) {
            if (!dv.counted) continue;
            dl->AddRect(ImVec2(x_of(left, dv.start_ms), o.y - 1), ImVec2(x_of(left, dv.end_ms), o.y + 2 * h + 3),
                        dv.severe ? HealthColor(Health::Bad) : HealthColor(Health::Warning), 0, 0, 2.0f);
        }
        char stats[160];
        if (a.result.valid) {
            char adh[64], conf[64];
            std::snprintf(adh, sizeof adh, ctx.tr(Str::WfmAdhFmt), a.result.adherence * 100);
            std::snprintf(conf, sizeof conf, ctx.tr(Str::WfmConfFmt), a.result.conformance * 100);
            std::snprintf(stats, sizeof stats, "%s · %s", adh, conf);
        } else {
            std::snprintf(stats, sizeof stats, "%s", ctx.tr(Str::WfmNotScheduled));
        }
        dl->AddText(ImVec2(left + width + 12, o.y + 4), IM_COL32(230, 230, 230, 255), stats);
        ImGui::SetCursorScreenPos(ImVec2(o.x, o.y));
        ImGui::Dummy(ImVec2(name_w + width + stats_w, 2 * h + 8));
        ReportLastItem(ctx, "adherence.agent." + a.agent, stats);
    }
    // Legend.
    const struct {
        wfm::Activity a;
        Str label;
    } legend[] = {{wfm::Activity::OnQueue, Str::WfmActOnQueue}, {wfm::Activity::Break, Str::WfmBreak}, {wfm::Activity::Lunch, Str::WfmLunch}, {wfm::Activity::Other, Str::WfmActAway}};
    for (const auto& l : legend) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float t = ImGui::GetTextLineHeight();
        dl->AddRectFilled(ImVec2(p.x, p.y + 3), ImVec2(p.x + t - 6, p.y + t - 3), ActivityColor(l.a));
        ImGui::Dummy(ImVec2(t - 4, t));
        ImGui::SameLine();
        ImGui::TextUnformatted(ctx.tr(l.label));
        ImGui::SameLine(0, 16);
    }
    ImGui::NewLine();
}

}  // namespace

bool MayRoster(const ViewContext& ctx) {
    if (!ctx.roster || !ctx.session) return false;
    const SessionPhase phase = ctx.session->phase();
    if (phase == SessionPhase::Local) return true;
    if (phase != SessionPhase::SignedIn) return false;
    const std::string& role = ctx.session->info().role;
    return role == "admin" || role == "manager" || role == "lead";
}

void DrawRosterPage(const ViewContext& ctx, const Fonts& fonts) {
    (void)fonts;
    RosterPageState& s = *ctx.roster;
    ImGui::TextUnformatted(ctx.tr(Str::WfmTitle));
    ReportLastItem(ctx, "roster.title", ctx.tr(Str::WfmTitle));
    ImGui::SameLine(0, 24);
    if (ImGui::Button(ctx.tr(Str::SettingsClose))) Action(ctx, UiAction::Kind::OpenRoster, 0);
    ReportLastItem(ctx, "roster.close", ctx.tr(Str::SettingsClose));
    ImGui::Spacing();

    bool show = false;
    const auto field = [&](Str label, const char* id, char* buffer, size_t size, float width) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(ctx.tr(label));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(width);
        char imgui_id[48];
        std::snprintf(imgui_id, sizeof imgui_id, "##%s", id);
        show |= ImGui::InputText(imgui_id, buffer, size, ImGuiInputTextFlags_EnterReturnsTrue);
        ReportLastItem(ctx, id, buffer);
        ImGui::SameLine(0, 16);
    };
    const float date_w = ImGui::CalcTextSize("0000-00-00").x + ImGui::GetStyle().FramePadding.x * 2 + 8;
    field(Str::WfmTeam, "roster.team", s.team, sizeof s.team, 120);
    if (s.tab == RosterTab::Roster) field(Str::WfmWeek, "roster.week", s.week, sizeof s.week, date_w);
    else field(Str::WfmDay, "roster.day", s.day, sizeof s.day, date_w);
    ImGui::BeginDisabled(s.loading);
    show |= ImGui::Button(ctx.tr(Str::WfmShow));
    ReportLastItem(ctx, "roster.show", ctx.tr(Str::WfmShow));
    if (s.tab == RosterTab::Roster) {
        ImGui::SameLine();
        if (ImGui::Button(ctx.tr(Str::WfmSolve))) Command(ctx, RosterCommand::Solve);
        ReportLastItem(ctx, "roster.solve", ctx.tr(Str::WfmSolve));
    }
    ImGui::EndDisabled();
    if (show) Command(ctx, s.tab == RosterTab::Roster ? RosterCommand::Load : s.tab == RosterTab::Breaks ? RosterCommand::LoadBreaks : RosterCommand::LoadAdherence);

    // Tabs.
    const struct {
        RosterTab tab;
        Str label;
        RosterCommand command;
        const char* id;
    } tabs[] = {{RosterTab::Roster, Str::WfmTabRoster, RosterCommand::TabRoster, "roster.tab.roster"},
                {RosterTab::Breaks, Str::WfmTabBreaks, RosterCommand::TabBreaks, "roster.tab.breaks"},
                {RosterTab::Adherence, Str::WfmTabAdherence, RosterCommand::TabAdherence, "roster.tab.adherence"}};
    for (const auto& t : tabs) {
        const bool active = s.tab == t.tab;
        if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_TabActive]);
        if (ImGui::Button(ctx.tr(t.label))) Command(ctx, t.command);
        if (active) ImGui::PopStyleColor();
        ReportLastItem(ctx, t.id, ctx.tr(t.label));
        ImGui::SameLine();
    }
    ImGui::NewLine();
    ImGui::Separator();

    const ImVec4 bad = ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Bad));
    if (s.bad_date) {
        ImGui::TextColored(bad, "%s", ctx.tr(Str::WfmBadDate));
        ReportLastItem(ctx, "roster.error", ctx.tr(Str::WfmBadDate));
    } else if (s.error.status != 0) {
        char message[512];
        if (s.error.status == -1) std::snprintf(message, sizeof message, "%s", ctx.tr(Str::LoginUnreachable));
        else if (s.error.status == 403) std::snprintf(message, sizeof message, "%s", ctx.tr(Str::ErrForbidden));
        else std::snprintf(message, sizeof message, ctx.tr(Str::ErrServerFmt), s.error.message.c_str());
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(bad, "%s", message);
        ImGui::PopTextWrapPos();
        ReportLastItem(ctx, "roster.error", message);
        if (!s.why.empty()) {
            ImGui::TextUnformatted(ctx.tr(Str::WfmWhy));
            for (const std::string& w : s.why) ImGui::BulletText("%s", w.c_str());
        }
    } else if (s.loading) {
        ImGui::TextDisabled("%s", ctx.tr(Str::WfmWorking));
        ReportLastItem(ctx, "roster.loading", ctx.tr(Str::WfmWorking));
    }
    switch (s.tab) {
    case RosterTab::Roster:
        if (s.has_roster) RosterTabView(ctx, s);
        else if (s.no_roster) {
            ImGui::TextDisabled("%s", ctx.tr(Str::WfmNoRoster));
            ReportLastItem(ctx, "roster.none", ctx.tr(Str::WfmNoRoster));
        }
        break;
    case RosterTab::Breaks: BreaksTabView(ctx, s); break;
    case RosterTab::Adherence: AdherenceTabView(ctx, s); break;
    }
}

}  // namespace cb
