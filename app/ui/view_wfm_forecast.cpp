// The "Forecast & staffing" page (views.h DrawWfmForecast, docs/wfm.md "The Forecast & staffing
// page"): the form (first day, weeks, interval, queues, method, target, shrinkage); per queue
// the method and why, the forecast against what happened drawn per interval (ImDrawList) with
// the agents needed, every method's back-test accuracy (WAPE, MAPE over non-zero actuals, bias)
// and the forecast's own accuracy so far, the staffing table of one day with the target and
// model used; the special days, edited by managers and admins. Every figure's definition on hover.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <imgui.h>
#include <string>
#include "views.h"

namespace cb {

namespace {

constexpr ImU32 kForecastCol = IM_COL32(80, 150, 240, 255);
constexpr ImU32 kActualCol = IM_COL32(225, 170, 40, 255);
constexpr ImU32 kAgentsCol = IM_COL32(46, 160, 67, 200);
constexpr ImU32 kGridCol = IM_COL32(255, 255, 255, 28);
constexpr ImU32 kSpecialCol = IM_COL32(190, 120, 230, 40);

Str MethodLabel(wfm::Method m) {
    switch (m) {
    case wfm::Method::SeasonalNaive: return Str::FcMethodSeasonalNaive;
    case wfm::Method::WeeklyAverage: return Str::FcMethodWeeklyAverage;
    default: return Str::FcMethodHoltWinters;
    }
}

Str ChoiceLabel(wfm::PlanChoice c) {
    switch (c) {
    case wfm::PlanChoice::Backtest: return Str::FcChoiceBacktest;
    case wfm::PlanChoice::Asked: return Str::FcChoiceAsked;
    case wfm::PlanChoice::ShortHistory: return Str::FcChoiceShort;
    default: return Str::FcChoiceNone;
    }
}

void Definition(const ViewContext& ctx, Str title, Str definition) {
    KpiTooltip(ctx, ctx.tr(title), ctx.tr(definition), "");
}

std::string Pct(double v, bool sign = false) {
    if (!std::isfinite(v)) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, sign ? "%+.1f %%" : "%.1f %%", v * 100.0);
    return buf;
}

const char* QueueName(const ViewContext& ctx, const std::string& key) {
    for (const QueueInfo& q : ctx.snapshot.directory.queues)
        if (q.key == key) return Name(ctx, q);
    return key.c_str();
}

// The forecast against what happened, every interval of the plan along x; the agents needed
// scaled on the right. Hovering an interval shows its figures.
void Chart(const ViewContext& ctx, const wfm::PlanReport& r, const wfm::PlanQueueReport& q) {
    ImGui::TextUnformatted(ctx.tr(Str::FcChart));
    Definition(ctx, Str::FcChart, Str::FcChartDef);
    ReportLastItem(ctx, "forecast.chart.title", ctx.tr(Str::FcChart));
    struct Point {
        const wfm::PlanDay* day;
        const wfm::PlanInterval* in;
    };
    std::vector<Point> points;
    for (const wfm::PlanDay& d : q.days)
        for (const wfm::PlanInterval& p : d.intervals) points.push_back({&d, &p});
    double top = 1, top_agents = 1;
    for (const Point& p : points) {
        top = std::max({top, p.in->calls, p.in->has_actual ? p.in->actual_calls : 0.0});
        if (r.staffing && p.in->staffing.ok) top_agents = std::max(top_agents, double(p.in->staffing.agents));
    }
    top *= 1.1;
    top_agents *= 1.1;
    const float h = 160;
    const float axis_w = ImGui::CalcTextSize("0000").x + 6;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::InvisibleButton("forecast.chart", ImVec2(width, h + ImGui::GetTextLineHeight() + 4));
    const bool hovered = ImGui::IsItemHovered();
    ReportLastItem(ctx, "forecast.chart", std::to_string(points.size()));
    if (points.empty()) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 mn(origin.x + axis_w, origin.y), mx(origin.x + width - axis_w, origin.y + h);
    const float slot_w = (mx.x - mn.x) / float(points.size());
    const auto X = [&](size_t i) { return mn.x + slot_w * (float(i) + 0.5f); };
    const auto Y = [&](double v, double t) { return mx.y - float(std::clamp(v / t, 0.0, 1.0)) * (mx.y - mn.y); };
    dl->AddRectFilled(mn, mx, IM_COL32(255, 255, 255, 8));
    for (int k = 1; k <= 4; ++k) {
        const float y = mx.y - (mx.y - mn.y) * float(k) / 4.0f;
        dl->AddLine(ImVec2(mn.x, y), ImVec2(mx.x, y), kGridCol);
        char label[16];
        std::snprintf(label, sizeof label, "%.0f", top * k / 4.0);
        dl->AddText(ImVec2(origin.x, y - ImGui::GetTextLineHeight() * 0.5f), IM_COL32(170, 170, 170, 255), label);
        if (r.staffing) {
            std::snprintf(label, sizeof label, "%.0f", top_agents * k / 4.0);
            dl->AddText(ImVec2(mx.x + 4, y - ImGui::GetTextLineHeight() * 0.5f), kAgentsCol, label);
        }
    }
    // Days: a line at each midnight, the date below, special days shaded.
    static const char* kWeekdays[2][7] = {{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"},
                                          {"周一", "周二", "周三", "周四", "周五", "周六", "周日"}};
    size_t i0 = 0;
    const float day_px = q.days.empty() ? 0 : (mx.x - mn.x) / float(q.days.size());
    for (const wfm::PlanDay& d : q.days) {
        const float x0 = mn.x + slot_w * float(i0), x1 = x0 + slot_w * float(d.intervals.size());
        if (!d.special.empty()) dl->AddRectFilled(ImVec2(x0, mn.y), ImVec2(x1, mx.y), kSpecialCol);
        if (i0 > 0) dl->AddLine(ImVec2(x0, mn.y), ImVec2(x0, mx.y), IM_COL32(255, 255, 255, 60));
        const char* wd = kWeekdays[ctx.tr.lang == Lang::Zh ? 1 : 0][d.weekday % 7];
        char label[32];
        if (day_px > ImGui::CalcTextSize("00-00 Mon").x + 4) std::snprintf(label, sizeof label, "%s %s", d.date.c_str() + 5, wd);
        else std::snprintf(label, sizeof label, "%s", day_px > ImGui::CalcTextSize("Mon").x + 2 ? wd : "");
        dl->AddText(ImVec2(x0 + 2, mx.y + 2), IM_COL32(170, 170, 170, 255), label);
        i0 += d.intervals.size();
    }
    // Agents needed as a step line, actual calls as bars, the forecast as a line.
    if (r.staffing) {
        for (size_t i = 0; i + 1 < points.size(); ++i) {
            const wfm::IntervalStaffing& a = points[i].in->staffing;
            const wfm::IntervalStaffing& b = points[i + 1].in->staffing;
            if (!a.ok || !b.ok) continue;
            const float ya = Y(double(a.agents), top_agents), yb = Y(double(b.agents), top_agents);
            const float xa = mn.x + slot_w * float(i), xb = xa + slot_w;
            dl->AddLine(ImVec2(xa, ya), ImVec2(xb, ya), kAgentsCol, 1.0f);
            dl->AddLine(ImVec2(xb, ya), ImVec2(xb, yb), kAgentsCol, 1.0f);
        }
    }
    for (size_t i = 0; i < points.size(); ++i) {
        if (!points[i].in->has_actual) continue;
        const float x = mn.x + slot_w * float(i);
        dl->AddRectFilled(ImVec2(x, Y(points[i].in->actual_calls, top)), ImVec2(x + std::max(1.0f, slot_w - 0.5f), mx.y),
                          (kActualCol & 0x00FFFFFF) | (150u << 24));
    }
    for (size_t i = 0; i + 1 < points.size(); ++i)
        dl->AddLine(ImVec2(X(i), Y(points[i].in->calls, top)), ImVec2(X(i + 1), Y(points[i + 1].in->calls, top)), kForecastCol, 1.6f);

    if (hovered) {
        const float mx_pos = ImGui::GetIO().MousePos.x;
        if (mx_pos >= mn.x && mx_pos < mx.x) {
            const size_t i = std::min(points.size() - 1, size_t((mx_pos - mn.x) / slot_w));
            dl->AddLine(ImVec2(X(i), mn.y), ImVec2(X(i), mx.y), IM_COL32(255, 255, 255, 140));
            const wfm::PlanInterval& p = *points[i].in;
            ImGui::BeginTooltip();
            ImGui::Text(ctx.tr(Str::FcHoverFmt), points[i].day->date.c_str(), p.time.c_str(), p.calls);
            if (p.has_actual) ImGui::Text(ctx.tr(Str::FcHoverActualFmt), p.actual_calls);
            if (r.staffing && p.staffing.ok)
                ImGui::Text(ctx.tr(Str::FcHoverAgentsFmt), static_cast<long long>(p.staffing.raw_agents),
                            static_cast<long long>(p.staffing.agents));
            ImGui::Separator();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
            ImGui::TextUnformatted(ctx.tr(Str::FcChartDef));
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }
    // Legend.
    const auto swatch = [&](Str label, ImU32 col, bool bar) {
        const ImVec2 c = ImGui::GetCursorScreenPos();
        const float lh = ImGui::GetTextLineHeight();
        if (bar) dl->AddRectFilled(ImVec2(c.x, c.y + lh * 0.2f), ImVec2(c.x + lh, c.y + lh * 0.8f), col);
        else dl->AddLine(ImVec2(c.x, c.y + lh * 0.5f), ImVec2(c.x + lh, c.y + lh * 0.5f), col, 2.5f);
        ImGui::Dummy(ImVec2(lh + 4, lh));
        ImGui::SameLine();
        ImGui::TextUnformatted(ctx.tr(label));
        ImGui::SameLine(0, 18);
    };
    swatch(Str::FcLegendForecast, kForecastCol, false);
    swatch(Str::FcLegendActual, kActualCol, true);
    if (r.staffing) swatch(Str::FcLegendAgents, kAgentsCol, false);
    ImGui::NewLine();
}

void AccuracyTable(const ViewContext& ctx, const wfm::PlanQueueReport& q) {
    ImGui::TextUnformatted(ctx.tr(Str::FcAccuracy));
    ReportLastItem(ctx, "forecast.accuracy.title", ctx.tr(Str::FcAccuracy));
    if (q.origins <= 0) {
        ImGui::TextDisabled("%s", ctx.tr(Str::FcNoBacktest));
        ReportLastItem(ctx, "forecast.accuracy.none", ctx.tr(Str::FcNoBacktest));
    }
    // The forecast shown against what already happened.
    std::vector<double> actual, forecast;
    for (const wfm::PlanDay& d : q.days)
        for (const wfm::PlanInterval& p : d.intervals)
            if (p.has_actual) {
                actual.push_back(p.actual_calls);
                forecast.push_back(p.calls);
            }
    const wfm::Accuracy so_far = wfm::Measure(actual, forecast);
    if (q.origins <= 0 && !so_far.valid()) return;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("forecast.accuracy", 4, flags)) return;
    ImGui::TableSetupColumn(ctx.tr(Str::FcColMethod), ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn(ctx.tr(Str::FcWape), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(ctx.tr(Str::FcMape), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(ctx.tr(Str::FcBias), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    const Str heads[4][2] = {{Str::FcColMethod, Str::FcChoiceBacktest}, {Str::FcWape, Str::FcDefWape},
                             {Str::FcMape, Str::FcDefMape}, {Str::FcBias, Str::FcDefBias}};
    for (int c = 0; c < 4; ++c) {
        ImGui::TableSetColumnIndex(c);
        ImGui::TableHeader(ctx.tr(heads[c][0]));
        if (c > 0) Definition(ctx, heads[c][0], heads[c][1]);
    }
    const auto row = [&](const std::string& id, const std::string& label, const wfm::Accuracy& a, bool used, Str def) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (used) ImGui::TextColored(ImVec4(0.4f, 0.75f, 1.0f, 1.0f), "%s", label.c_str());
        else ImGui::TextUnformatted(label.c_str());
        if (def != Str::kCount) Definition(ctx, Str::FcSoFar, def);
        ReportLastItem(ctx, "forecast.accuracy." + id, label);
        const std::string cells[3] = {Pct(a.wape), Pct(a.mape), Pct(a.bias, true)};
        const Str defs[3] = {Str::FcDefWape, Str::FcDefMape, Str::FcDefBias};
        const Str titles[3] = {Str::FcWape, Str::FcMape, Str::FcBias};
        const char* names[3] = {"wape", "mape", "bias"};
        for (int c = 0; c < 3; ++c) {
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(cells[c].c_str());
            Definition(ctx, titles[c], defs[c]);
            ReportLastItem(ctx, "forecast.accuracy." + id + "." + names[c], cells[c]);
        }
    };
    if (q.origins > 0) {
        for (size_t m = 0; m < q.accuracy.size(); ++m) {
            if (!q.ran[m]) continue;
            const wfm::Method method = static_cast<wfm::Method>(m);
            std::string label = ctx.tr(MethodLabel(method));
            if (method == q.method) label += std::string("  (") + ctx.tr(Str::FcUsed) + ")";
            row(std::string(wfm::MethodName(method)), label, q.accuracy[m], method == q.method, Str::kCount);
        }
    }
    if (so_far.valid()) row("so_far", ctx.tr(Str::FcSoFar), so_far, false, Str::FcSoFarDef);
    ImGui::EndTable();
    if (q.origins > 0) {
        char line[512];
        std::snprintf(line, sizeof line, ctx.tr(Str::FcAccuracyFmt), q.origins, q.noise_floor * 100.0);
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("%s", line);
        ImGui::PopTextWrapPos();
        ReportLastItem(ctx, "forecast.accuracy.floor", line);
    }
}

std::string TargetLine(const ViewContext& ctx, const wfm::PlanQueueReport& q) {
    char model[128], target[128], line[512];
    if (q.model == wfm::StaffModel::ErlangA) std::snprintf(model, sizeof model, ctx.tr(Str::FcModelAFmt), q.target.patience_s);
    else std::snprintf(model, sizeof model, "%s", ctx.tr(Str::FcModelCFmt));
    if (q.target.kind == wfm::Target::Kind::Asa) std::snprintf(target, sizeof target, ctx.tr(Str::FcTargetAsaFmt), q.target.asa_s);
    else std::snprintf(target, sizeof target, ctx.tr(Str::FcTargetSlFmt), q.target.service_level * 100.0, q.target.t_s);
    std::snprintf(line, sizeof line, ctx.tr(Str::FcTargetFmt), model, target, q.target.max_occupancy * 100.0,
                  q.target.shrinkage * 100.0);
    return line;
}

void StaffingTable(const ViewContext& ctx, WfmForecastState& s, const wfm::PlanReport& r, const wfm::PlanQueueReport& q) {
    ImGui::TextUnformatted(ctx.tr(Str::FcStaffing));
    ReportLastItem(ctx, "forecast.staffing.title", ctx.tr(Str::FcStaffing));
    const std::string target = TargetLine(ctx, q);
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", target.c_str());
    ImGui::PopTextWrapPos();
    Definition(ctx, Str::FcStaffing, Str::FcModelDef);
    ReportLastItem(ctx, "forecast.staffing.target", target);
    if (q.days.empty()) return;
    if (s.day < 0 || size_t(s.day) >= q.days.size()) s.day = 0;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ctx.tr(Str::FcDay));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("0000-00-00 (holiday x0.0)").x + 40);
    if (ImGui::BeginCombo("##forecast.day", q.days[size_t(s.day)].date.c_str())) {
        for (size_t d = 0; d < q.days.size(); ++d) {
            std::string label = q.days[d].date + (q.days[d].special.empty() ? "" : "  (" + q.days[d].special + ")");
            if (ImGui::Selectable(label.c_str(), int(d) == s.day)) {
                s.day = int(d);
                s.scroll_to_open = true;
            }
        }
        ImGui::EndCombo();
    }
    ReportLastItem(ctx, "forecast.day", q.days[size_t(s.day)].date);
    const wfm::PlanDay& day = q.days[size_t(s.day)];
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
    const int cols = r.staffing ? 9 : 4;
    const float height = (ImGui::GetTextLineHeightWithSpacing() + 4) * 21;
    if (!ImGui::BeginTable("forecast.staffing", cols, flags, ImVec2(0, height))) return;
    struct Col {
        Str title, def;
    };
    const Col all[9] = {{Str::FcColTime, Str::FcDefCalls},       {Str::FcColCalls, Str::FcDefCalls},
                        {Str::FcColAht, Str::FcDefAht},          {Str::FcColActual, Str::FcDefActual},
                        {Str::FcColOnPhones, Str::FcDefOnPhones}, {Str::FcColScheduled, Str::FcDefScheduled},
                        {Str::FcColSl, Str::FcDefSl},            {Str::FcColAsa, Str::FcDefAsa},
                        {Str::FcColOcc, Str::FcDefOcc}};
    ImGui::TableSetupScrollFreeze(0, 1);
    for (int c = 0; c < cols; ++c) ImGui::TableSetupColumn(ctx.tr(all[c].title));
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < cols; ++c) {
        ImGui::TableSetColumnIndex(c);
        ImGui::TableHeader(ctx.tr(all[c].title));
        if (c > 0) Definition(ctx, all[c].title, all[c].def);
    }
    // The night's empty intervals are scrolled past: the table opens on the first with calls.
    size_t first_open = 0;
    while (first_open < day.intervals.size() && !(day.intervals[first_open].calls > 0 ||
                                                  (day.intervals[first_open].has_actual && day.intervals[first_open].actual_calls > 0)))
        ++first_open;
    if (first_open == day.intervals.size()) first_open = 0;
    for (size_t i = 0; i < day.intervals.size(); ++i) {
        const wfm::PlanInterval& p = day.intervals[i];
        ImGui::TableNextRow();
        if (s.scroll_to_open && i == first_open) {
            ImGui::SetScrollHereY(0.0f);
            s.scroll_to_open = false;
        }
        char cell[64];
        const auto text = [&](int col, const char* value) {
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(value);
            if (col > 0) Definition(ctx, all[col].title, all[col].def);
            if (ctx.report && i < 200) ctx.report->Add("forecast.staffing." + std::to_string(i) + "." + std::to_string(col), value, 0, 0, 0, 0);
        };
        text(0, p.time.c_str());
        std::snprintf(cell, sizeof cell, "%.1f", p.calls);
        text(1, cell);
        if (std::isfinite(p.aht_s)) std::snprintf(cell, sizeof cell, "%.0f", p.aht_s);
        else std::snprintf(cell, sizeof cell, "-");
        text(2, cell);
        if (p.has_actual) std::snprintf(cell, sizeof cell, "%.0f", p.actual_calls);
        else std::snprintf(cell, sizeof cell, "-");
        text(3, cell);
        if (!r.staffing) continue;
        const wfm::IntervalStaffing& st = p.staffing;
        if (!st.ok) {
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", ctx.tr(Str::FcCannotStaff));
            if (ImGui::IsItemHovered() && !st.why.empty()) ImGui::SetTooltip("%s", st.why.c_str());
            continue;
        }
        std::snprintf(cell, sizeof cell, "%lld", static_cast<long long>(st.raw_agents));
        text(4, cell);
        std::snprintf(cell, sizeof cell, "%lld", static_cast<long long>(st.agents));
        text(5, cell);
        const bool none = p.calls <= 0;
        text(6, none ? "-" : Pct(st.at_raw.service_level).c_str());
        if (none) std::snprintf(cell, sizeof cell, "-");
        else std::snprintf(cell, sizeof cell, "%.1f", st.at_raw.asa_s);
        text(7, cell);
        text(8, none ? "-" : Pct(st.at_raw.occupancy).c_str());
    }
    ImGui::EndTable();
}

bool MayEditSpecialDays(const ViewContext& ctx) {
    if (!ctx.session) return false;
    const SessionPhase phase = ctx.session->phase();
    if (phase == SessionPhase::Local) return true;
    return phase == SessionPhase::SignedIn && (ctx.session->info().role == "admin" || ctx.session->info().role == "manager");
}

void SpecialDays(const ViewContext& ctx, WfmForecastState& s) {
    ImGui::TextUnformatted(ctx.tr(Str::FcSpecialDays));
    ReportLastItem(ctx, "forecast.special.title", ctx.tr(Str::FcSpecialDays));
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", ctx.tr(Str::FcSpecialHelp));
    ImGui::PopTextWrapPos();
    const bool editable = MayEditSpecialDays(ctx);
    if (s.special_days.empty()) {
        ImGui::TextDisabled("%s", ctx.tr(Str::FcNoSpecialDays));
        ReportLastItem(ctx, "forecast.special.none", ctx.tr(Str::FcNoSpecialDays));
    } else {
        const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                      ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
        const float rows = float(std::min<size_t>(s.special_days.size(), 6) + 1);
        if (ImGui::BeginTable("forecast.special", 6, flags, ImVec2(0, rows * (ImGui::GetTextLineHeightWithSpacing() + 4) + 4))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            const Str heads[6] = {Str::FcSdDate, Str::FcSdQueue, Str::FcSdKind, Str::FcSdFactor, Str::FcSdNote, Str::FcSdBy};
            for (Str h : heads) ImGui::TableSetupColumn(ctx.tr(h));
            ImGui::TableHeadersRow();
            for (size_t i = 0; i < s.special_days.size(); ++i) {
                const wfm::SpecialDay& d = s.special_days[i];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                char id[64];
                std::snprintf(id, sizeof id, "%s##sd%zu", d.date.c_str(), i);
                if (ImGui::Selectable(id, s.sd_selected == int(i), ImGuiSelectableFlags_SpanAllColumns) && editable)
                    ctx.actions->push_back({UiAction::Kind::WfmForecastCommand, int(WfmForecastCommand::PickSpecialDay) | (int(i) << 8)});
                ReportLastItem(ctx, "forecast.special." + std::to_string(i), d.date + " " + d.queue);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(d.queue.empty() ? ctx.tr(Str::FcSdEveryQueue) : QueueName(ctx, d.queue));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(ctx.tr(d.kind == wfm::SpecialKind::Campaign ? Str::FcSdCampaign : Str::FcSdHoliday));
                ImGui::TableNextColumn();
                if (d.factor) ImGui::Text("x%g", *d.factor);
                else ImGui::TextDisabled("%s", ctx.tr(Str::FcSdFactorHint));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(d.note.c_str());
                ImGui::TableNextColumn();
                ImGui::TextDisabled("%s", d.updated_by.c_str());
            }
            ImGui::EndTable();
        }
    }
    if (!editable) {
        ImGui::TextDisabled("%s", ctx.tr(Str::FcSdReadOnly));
        ReportLastItem(ctx, "forecast.special.readonly", ctx.tr(Str::FcSdReadOnly));
        return;
    }
    const float date_w = ImGui::CalcTextSize("0000-00-00").x + ImGui::GetStyle().FramePadding.x * 2 + 8;
    const auto label = [&](Str l) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(ctx.tr(l));
        ImGui::SameLine();
    };
    label(Str::FcSdDate);
    ImGui::SetNextItemWidth(date_w);
    ImGui::InputText("##sd.date", s.sd_date, sizeof s.sd_date);
    ReportLastItem(ctx, "forecast.special.date", s.sd_date);
    ImGui::SameLine(0, 12);
    label(Str::FcSdQueue);
    ImGui::SetNextItemWidth(120);
    ImGui::InputTextWithHint("##sd.queue", ctx.tr(Str::FcSdEveryQueue), s.sd_queue, sizeof s.sd_queue);
    ReportLastItem(ctx, "forecast.special.queue", s.sd_queue);
    ImGui::SameLine(0, 12);
    label(Str::FcSdKind);
    ImGui::SetNextItemWidth(ImGui::CalcTextSize(ctx.tr(Str::FcSdCampaign)).x + 40);
    const char* kinds[2] = {ctx.tr(Str::FcSdHoliday), ctx.tr(Str::FcSdCampaign)};
    ImGui::Combo("##sd.kind", &s.sd_kind, kinds, 2);
    ReportLastItem(ctx, "forecast.special.kind", kinds[s.sd_kind == 1 ? 1 : 0]);
    label(Str::FcSdFactor);
    ImGui::SetNextItemWidth(ImGui::CalcTextSize(ctx.tr(Str::FcSdFactorHint)).x + 16);
    ImGui::InputTextWithHint("##sd.factor", ctx.tr(Str::FcSdFactorHint), s.sd_factor, sizeof s.sd_factor);
    ReportLastItem(ctx, "forecast.special.factor", s.sd_factor);
    ImGui::SameLine(0, 12);
    label(Str::FcSdNote);
    ImGui::SetNextItemWidth(std::max(120.0f, ImGui::GetContentRegionAvail().x));
    ImGui::InputText("##sd.note", s.sd_note, sizeof s.sd_note);
    ReportLastItem(ctx, "forecast.special.note", s.sd_note);
    ImGui::BeginDisabled(s.sd_busy);
    if (ImGui::Button(ctx.tr(Str::FcSdSave))) ctx.actions->push_back({UiAction::Kind::WfmForecastCommand, int(WfmForecastCommand::SaveSpecialDay)});
    ReportLastItem(ctx, "forecast.special.save", ctx.tr(Str::FcSdSave));
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr(Str::FcSdDelete))) ctx.actions->push_back({UiAction::Kind::WfmForecastCommand, int(WfmForecastCommand::DeleteSpecialDay)});
    ReportLastItem(ctx, "forecast.special.delete", ctx.tr(Str::FcSdDelete));
    ImGui::EndDisabled();
    ImGui::SameLine(0, 12);
    const ImVec4 bad = ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Bad));
    char message[512] = "";
    switch (s.sd_error) {
    case WfmForecastError::BadDate: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::FcErrDate)); break;
    case WfmForecastError::BadNumber: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::FcErrNumber)); break;
    case WfmForecastError::Unreachable: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::LoginUnreachable)); break;
    case WfmForecastError::Server:
        if (s.sd_server_error.status == 403) std::snprintf(message, sizeof message, "%s", ctx.tr(Str::ErrForbidden));
        else std::snprintf(message, sizeof message, ctx.tr(Str::ErrServerFmt), s.sd_server_error.message.c_str());
        break;
    case WfmForecastError::None: break;
    }
    if (message[0]) {
        ImGui::TextColored(bad, "%s", message);
        ReportLastItem(ctx, "forecast.special.error", message);
    } else if (s.sd_saved) {
        ImGui::TextDisabled("%s", ctx.tr(Str::FcSdSaved));
        ReportLastItem(ctx, "forecast.special.saved", ctx.tr(Str::FcSdSaved));
    }
}

}  // namespace

bool MayForecast(const ViewContext& ctx) {
    if (!ctx.wfm_forecast || !ctx.session) return false;
    const SessionPhase phase = ctx.session->phase();
    if (phase == SessionPhase::Local) return true;
    if (phase != SessionPhase::SignedIn) return false;
    const std::string& role = ctx.session->info().role;
    return role == "admin" || role == "manager" || role == "lead" || role == "trainer";
}

void DrawWfmForecast(const ViewContext& ctx, const Fonts& fonts) {
    WfmForecastState& s = *ctx.wfm_forecast;
    ImGui::PushFont(fonts.large);
    ImGui::TextUnformatted(ctx.tr(Str::FcTitle));
    ImGui::PopFont();
    ReportLastItem(ctx, "forecast.title", ctx.tr(Str::FcTitle));
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(ctx.tr(Str::SettingsClose)).x -
                    ImGui::GetStyle().FramePadding.x * 2);
    if (ImGui::Button(ctx.tr(Str::SettingsClose))) ctx.actions->push_back({UiAction::Kind::OpenWfmForecast, 0});
    ReportLastItem(ctx, "forecast.close", ctx.tr(Str::SettingsClose));
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", ctx.tr(Str::FcHelp));
    ImGui::PopTextWrapPos();

    // The form.
    bool run = false;
    const auto label = [&](Str l) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(ctx.tr(l));
        ImGui::SameLine();
    };
    const float date_w = ImGui::CalcTextSize("0000-00-00").x + ImGui::GetStyle().FramePadding.x * 2 + 8;
    label(Str::FcFrom);
    ImGui::SetNextItemWidth(date_w);
    run |= ImGui::InputText("##forecast.from", s.from, sizeof s.from, ImGuiInputTextFlags_EnterReturnsTrue);
    ReportLastItem(ctx, "forecast.from", s.from);
    ImGui::SameLine(0, 14);
    label(Str::FcWeeks);
    ImGui::SetNextItemWidth(90);
    if (ImGui::InputInt("##forecast.weeks", &s.weeks)) s.weeks = std::clamp(s.weeks, 1, wfm::kMaxHorizonWeeks);
    ReportLastItem(ctx, "forecast.weeks", std::to_string(s.weeks));
    ImGui::SameLine(0, 14);
    label(Str::FcInterval);
    char m15[32], m30[32];
    std::snprintf(m15, sizeof m15, ctx.tr(Str::FcMinutesFmt), 15);
    std::snprintf(m30, sizeof m30, ctx.tr(Str::FcMinutesFmt), 30);
    const char* intervals[2] = {m15, m30};
    ImGui::SetNextItemWidth(ImGui::CalcTextSize(m30).x + 40);
    ImGui::Combo("##forecast.interval", &s.interval, intervals, 2);
    ReportLastItem(ctx, "forecast.interval", intervals[s.interval == 1 ? 1 : 0]);
    ImGui::SameLine(0, 14);
    label(Str::FcQueues);
    ImGui::SetNextItemWidth(160);
    run |= ImGui::InputTextWithHint("##forecast.queues", ctx.tr(Str::FcQueuesHint), s.queues, sizeof s.queues,
                                    ImGuiInputTextFlags_EnterReturnsTrue);
    ReportLastItem(ctx, "forecast.queues", s.queues);
    label(Str::FcMethod);
    const char* methods[4] = {ctx.tr(Str::FcMethodAuto), ctx.tr(Str::FcMethodSeasonalNaive), ctx.tr(Str::FcMethodWeeklyAverage),
                              ctx.tr(Str::FcMethodHoltWinters)};
    ImGui::SetNextItemWidth(ImGui::CalcTextSize(methods[3]).x + 40);
    ImGui::Combo("##forecast.method", &s.method, methods, 4);
    ReportLastItem(ctx, "forecast.method", methods[std::clamp(s.method, 0, 3)]);
    ImGui::SameLine(0, 14);
    label(Str::FcSl);
    ImGui::SetNextItemWidth(ImGui::CalcTextSize(ctx.tr(Str::FcSlHint)).x + 16);
    run |= ImGui::InputTextWithHint("##forecast.sl", ctx.tr(Str::FcSlHint), s.sl, sizeof s.sl, ImGuiInputTextFlags_EnterReturnsTrue);
    Definition(ctx, Str::FcSl, Str::FcModelDef);
    ReportLastItem(ctx, "forecast.sl", s.sl);
    ImGui::SameLine(0, 14);
    label(Str::FcShrinkage);
    ImGui::SetNextItemWidth(60);
    run |= ImGui::InputTextWithHint("##forecast.shrinkage", "0", s.shrinkage, sizeof s.shrinkage, ImGuiInputTextFlags_EnterReturnsTrue);
    ReportLastItem(ctx, "forecast.shrinkage", s.shrinkage);
    ImGui::SameLine(0, 14);
    ImGui::BeginDisabled(s.loading);
    char run_label[96];
    std::snprintf(run_label, sizeof run_label, "%s###forecast.run", ctx.tr(Str::FcRun));
    run |= ImGui::Button(run_label);
    ImGui::EndDisabled();
    ReportLastItem(ctx, "forecast.run", ctx.tr(Str::FcRun));
    if (run) ctx.actions->push_back({UiAction::Kind::WfmForecastCommand, int(WfmForecastCommand::Run)});

    const ImVec4 bad = ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Bad));
    char message[512] = "";
    switch (s.error) {
    case WfmForecastError::BadDate: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::FcErrDate)); break;
    case WfmForecastError::BadNumber: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::FcErrNumber)); break;
    case WfmForecastError::Unreachable: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::LoginUnreachable)); break;
    case WfmForecastError::Server:
        if (s.server_error.status == 403) std::snprintf(message, sizeof message, "%s", ctx.tr(Str::ErrForbidden));
        else std::snprintf(message, sizeof message, ctx.tr(Str::ErrServerFmt), s.server_error.message.c_str());
        break;
    case WfmForecastError::None: break;
    }
    if (message[0]) {
        ImGui::TextColored(bad, "%s", message);
        ReportLastItem(ctx, "forecast.error", message);
    } else if (s.loading) {
        ImGui::TextDisabled("%s", ctx.tr(Str::FcLoading));
        ReportLastItem(ctx, "forecast.loading", ctx.tr(Str::FcLoading));
    }
    ImGui::Separator();

    if (s.has_report) {
        const wfm::PlanReport& r = s.report;
        char summary[512];
        std::snprintf(summary, sizeof summary, ctx.tr(Str::FcSummaryFmt), r.from.c_str(), r.to.c_str(), r.interval_minutes,
                      r.history_from.c_str(), r.history_to.c_str(), r.time_zone.c_str());
        ImGui::TextUnformatted(summary);
        ReportLastItem(ctx, "forecast.summary", summary);
        if (r.queues.empty()) {
            ImGui::TextDisabled("%s", ctx.tr(Str::FcNoQueues));
            ReportLastItem(ctx, "forecast.no_queues", ctx.tr(Str::FcNoQueues));
        } else {
            if (s.queue < 0 || size_t(s.queue) >= r.queues.size()) s.queue = 0;
            for (size_t i = 0; i < r.queues.size(); ++i) {
                if (i > 0) ImGui::SameLine();
                char id[160];
                std::snprintf(id, sizeof id, "%s##fq%zu", QueueName(ctx, r.queues[i].key), i);
                if (ImGui::RadioButton(id, s.queue == int(i))) s.queue = int(i);
                ReportLastItem(ctx, "forecast.queue." + r.queues[i].key, QueueName(ctx, r.queues[i].key));
            }
            const wfm::PlanQueueReport& q = r.queues[size_t(s.queue)];
            char line[512];
            std::string method = ctx.tr(MethodLabel(q.method));
            std::snprintf(line, sizeof line, ctx.tr(Str::FcMethodUsedFmt), method.c_str(), ctx.tr(ChoiceLabel(q.choice)));
            ImGui::TextUnformatted(line);
            ReportLastItem(ctx, "forecast.method_used", std::string(wfm::MethodName(q.method)) + " " + std::string(wfm::PlanChoiceName(q.choice)));
            ImGui::SameLine(0, 24);
            std::snprintf(line, sizeof line, ctx.tr(Str::FcHistoryFmt), q.history_weeks, q.missing_days, q.excluded_days);
            ImGui::TextDisabled("%s", line);
            ReportLastItem(ctx, "forecast.history", line);
            Chart(ctx, r, q);
            ImGui::Spacing();
            // Two columns that grow with their content (the page scrolls): the day's staffing;
            // the accuracy and the special days.
            if (ImGui::BeginTable("forecast.layout", 2, ImGuiTableFlags_SizingStretchProp)) {
                ImGui::TableSetupColumn("staffing", ImGuiTableColumnFlags_WidthStretch, 1.25f);
                ImGui::TableSetupColumn("accuracy", ImGuiTableColumnFlags_WidthStretch, 1.0f);
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                StaffingTable(ctx, s, r, q);
                ImGui::TableNextColumn();
                AccuracyTable(ctx, q);
                ImGui::Spacing();
                ImGui::Separator();
                SpecialDays(ctx, s);
                ImGui::EndTable();
            }
            return;
        }
    }
    SpecialDays(ctx, s);
}

}  // namespace cb
