// Intraday charts (chart_intraday.h).
#include "chart_intraday.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include "format.h"
#include "views.h"

namespace cb {
namespace {

constexpr ImU32 kOffered = IM_COL32(120, 140, 170, 255);
constexpr ImU32 kAnswered = IM_COL32(46, 160, 67, 255);
constexpr ImU32 kAbandoned = IM_COL32(215, 60, 55, 255);
constexpr ImU32 kStaffed = IM_COL32(225, 170, 40, 255);
constexpr ImU32 kSl = IM_COL32(80, 150, 240, 255);
constexpr ImU32 kAsa = IM_COL32(190, 120, 230, 255);
constexpr ImU32 kGrid = IM_COL32(255, 255, 255, 28);

// A plot area with intervals as equal slots along x.
struct Plot {
    ImVec2 min, max;   // plot rectangle (inside the axis labels)
    int slots = 0;
    float SlotX(int i) const { return min.x + (max.x - min.x) * (float(i) + 0.5f) / float(slots); }
    float SlotW() const { return (max.x - min.x) / float(slots); }
    float Y(double v, double top) const { return max.y - float(std::clamp(v / top, 0.0, 1.0)) * (max.y - min.y); }
};

void DashedLine(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col) {
    const float dash = 6, gap = 4, len = b.x - a.x;
    for (float x = 0; x < len; x += dash + gap) dl->AddLine(ImVec2(a.x + x, a.y), ImVec2(a.x + std::min(len, x + dash), b.y), col, 1.5f);
}

void Swatch(const char* label, ImU32 col, bool line) {
    const ImVec2 c = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (line) dl->AddLine(ImVec2(c.x, c.y + h * 0.5f), ImVec2(c.x + h, c.y + h * 0.5f), col, 2.5f);
    else dl->AddRectFilled(ImVec2(c.x, c.y + h * 0.2f), ImVec2(c.x + h * 0.8f, c.y + h * 0.8f), col, 2.0f);
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine(0, 4);
    ImGui::TextUnformatted(label);
    ImGui::SameLine(0, 12);
}

// Lays out a chart: title line with the legend drawn by the caller, then a plot rectangle
// with room for axis labels on both sides and the time labels below. Returns the plot.
Plot BeginPlot(const ViewContext& ctx, const char* id, ImVec2 size, int slots, int64_t first_start_ms) {
    const float lh = ImGui::GetTextLineHeight();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, size);
    Plot plot;
    // Room for the axis captions above, the tick labels on both sides and the times below.
    plot.min = ImVec2(p.x + lh * 3.0f, p.y + lh + 8);
    plot.max = ImVec2(p.x + size.x - lh * 3.0f, p.y + size.y - lh - 6);
    plot.slots = std::max(1, slots);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), IM_COL32(0, 0, 0, 40), 4.0f);
    // Time labels: about one per 110 px, on whole intervals.
    const int step = std::max(1, int(std::ceil(110.0f / std::max(1.0f, plot.SlotW()))));
    const int64_t interval_ms = int64_t(ctx.snapshot.interval_minutes) * 60000;
    for (int i = 0; i < plot.slots; i += step) {
        const std::string t = FormatClock(first_start_ms + i * interval_ms, LocalOffsetMin(ctx.snapshot, first_start_ms + i * interval_ms), false);
        const float x = plot.min.x + plot.SlotW() * float(i);
        dl->AddLine(ImVec2(x, plot.max.y), ImVec2(x, plot.max.y + 3), kGrid);
        dl->AddText(ImVec2(x, plot.max.y + 3), ImGui::GetColorU32(ImGuiCol_TextDisabled), t.c_str());
    }
    return plot;
}

// Both value axes of a plot: gridlines at the left axis's ticks, each tick labelled on both
// sides (the right axis shares the divisions), a caption with the unit above each axis. Reports
// "<id>.left" and "<id>.right" with the tick labels (bottom to top, space-separated) and
// "<id>.left_unit", "<id>.right_unit" with the captions.
void DrawAxes(const ViewContext& ctx, const Plot& plot, const std::string& id, const Axis& left, const char* left_fmt,
              const char* left_caption, const Axis& right, const char* right_fmt, const char* right_caption) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const float lh = ImGui::GetTextLineHeight();
    std::string left_ticks, right_ticks;
    char label[32];
    for (int i = 0; i <= left.divisions; ++i) {
        const float y = plot.Y(left.step * i, left.top());
        dl->AddLine(ImVec2(plot.min.x, y), ImVec2(plot.max.x, y), kGrid);
        std::snprintf(label, sizeof label, left_fmt, left.step * i);
        dl->AddText(ImVec2(plot.min.x - ImGui::CalcTextSize(label).x - 4, y - lh * 0.5f), text, label);
        left_ticks += (i ? " " : "") + std::string(label);
        std::snprintf(label, sizeof label, right_fmt, right.step * i);
        dl->AddText(ImVec2(plot.max.x + 4, y - lh * 0.5f), text, label);
        right_ticks += (i ? " " : "") + std::string(label);
    }
    const float caption_y = plot.min.y - lh - 6;
    dl->AddText(ImVec2(plot.min.x - lh * 2.6f, caption_y), text, left_caption);
    dl->AddText(ImVec2(plot.max.x + lh * 2.6f - ImGui::CalcTextSize(right_caption).x, caption_y), text, right_caption);
    if (ctx.report) {
        ctx.report->Add(id + ".left", left_ticks, plot.min.x - lh * 3.0f, plot.min.y, lh * 3.0f, plot.max.y - plot.min.y);
        ctx.report->Add(id + ".right", right_ticks, plot.max.x, plot.min.y, lh * 3.0f, plot.max.y - plot.min.y);
        ctx.report->Add(id + ".left_unit", left_caption, plot.min.x - lh * 2.6f, caption_y, 0, lh);
        ctx.report->Add(id + ".right_unit", right_caption, plot.max.x, caption_y, 0, lh);
    }
}

void IntervalTooltip(const ViewContext& ctx, const QueueInfo& info, const IntervalRow& r) {
    const KpiCounts& c = r.counts;
    const Ratio sl = ServiceLevel(c, info.sl);
    const Mean asa = Asa(c);
    const Ratio ab = AbandonRate(c);
    ImGui::BeginTooltip();
    const int64_t interval_ms = int64_t(ctx.snapshot.interval_minutes) * 60000;
    ImGui::Text("%s %s-%s", ctx.tr(Str::ChartInterval), FormatClock(r.start_ms, LocalOffsetMin(ctx.snapshot, r.start_ms), false).c_str(),
                FormatClock(r.start_ms + interval_ms, LocalOffsetMin(ctx.snapshot, r.start_ms + interval_ms), false).c_str());
    ImGui::Separator();
    ImGui::Text("%s %lld", ctx.tr(Str::KpiOffered), (long long)c.offered);
    ImGui::Text("%s %lld  (%s %lld)", ctx.tr(Str::KpiAnswered), (long long)c.answered, ctx.tr(Str::KpiAnsweredWithinT), (long long)c.answered_within_t);
    ImGui::Text("%s %lld  (%s %lld, %s %lld)", ctx.tr(Str::KpiAbandoned), (long long)c.abandoned, ctx.tr(Str::KpiShortAbandoned),
                (long long)c.short_abandoned, ctx.tr(Str::KpiAbandonedWithinT), (long long)c.abandoned_within_t);
    ImGui::Text("%s %s  (%lld / %lld)", ctx.tr(Str::KpiServiceLevel), FormatPercent(sl).c_str(), (long long)sl.numerator, (long long)sl.denominator);
    ImGui::TextDisabled("%s", ctx.tr.Variant(info.sl.variant));
    ImGui::Text("%s %s  (%s / %lld)", ctx.tr(Str::KpiAsa), FormatMeanDuration(asa, ctx.tr).c_str(), FormatDuration(asa.total, ctx.tr).c_str(), (long long)asa.count);
    ImGui::Text("%s %s  (%lld / %lld)", ctx.tr(Str::KpiAbandonRate), FormatPercent(ab).c_str(), (long long)ab.numerator, (long long)ab.denominator);
    ImGui::Text("%s %.1f", ctx.tr(Str::ChartStaffed), r.agents_staffed);
    ImGui::EndTooltip();
}

// Interval rows by slot (missing intervals stay null).
struct Slots {
    std::vector<const IntervalRow*> rows;
    int64_t first_ms = 0;
};

Slots BuildSlots(const ViewContext& ctx, const std::vector<IntervalRow>& rows) {
    Slots s;
    // The night before the first call or login is left out: the chart starts at the first
    // interval with calls or staff.
    size_t first = 0;
    while (first + 1 < rows.size() && rows[first].counts.offered == 0 && rows[first].agents_staffed <= 0) ++first;
    if (rows.empty()) return s;
    const int64_t interval_ms = std::max<int64_t>(60000, int64_t(ctx.snapshot.interval_minutes) * 60000);
    s.first_ms = rows[first].start_ms;
    const int n = int((rows.back().start_ms - s.first_ms) / interval_ms) + 1;
    s.rows.assign(size_t(std::clamp(n, 1, 24 * 60)), nullptr);
    for (size_t k = first; k < rows.size(); ++k) {
        const IntervalRow& r = rows[k];
        const int64_t i = (r.start_ms - s.first_ms) / interval_ms;
        if (i >= 0 && i < int64_t(s.rows.size())) s.rows[size_t(i)] = &r;
    }
    return s;
}

void HoverColumn(const Plot& plot, int slot) {
    const float x = plot.min.x + plot.SlotW() * float(slot);
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(x, plot.min.y), ImVec2(x + plot.SlotW(), plot.max.y), IM_COL32(255, 255, 255, 22));
}

// Reports and shows the hovered interval of the last drawn plot.
void HandleHover(const ViewContext& ctx, const QueueInfo& info, const Plot& plot, const Slots& slots) {
    if (!ImGui::IsItemHovered()) return;
    const int slot = SlotAt(ImGui::GetIO().MousePos.x, plot.min.x, plot.max.x, plot.slots);
    if (slot < 0 || !slots.rows[size_t(slot)]) return;
    HoverColumn(plot, slot);
    const IntervalRow& r = *slots.rows[size_t(slot)];
    IntervalTooltip(ctx, info, r);
    if (ctx.report) {
        const float x = plot.min.x + plot.SlotW() * float(slot);
        ctx.report->Add("intraday." + info.key + ".hover", FormatClock(r.start_ms, LocalOffsetMin(ctx.snapshot, r.start_ms), false), x, plot.min.y,
                        plot.SlotW(), plot.max.y - plot.min.y);
    }
}

void VolumeChart(const ViewContext& ctx, const QueueInfo& info, const Slots& slots, ImVec2 size) {
    ImGui::BeginGroup();
    ImGui::TextUnformatted(ctx.tr(Str::ChartVolume));
    ImGui::SameLine(0, 16);
    Swatch(ctx.tr(Str::KpiOffered), kOffered, false);
    Swatch(ctx.tr(Str::KpiAnswered), kAnswered, false);
    Swatch(ctx.tr(Str::KpiAbandoned), kAbandoned, false);
    Swatch(ctx.tr(Str::ChartStaffed), kStaffed, true);
    ImGui::NewLine();
    double top = 0, staffed_top = 0;
    int64_t offered = 0;
    for (const IntervalRow* r : slots.rows) {
        if (!r) continue;
        top = std::max({top, double(r->counts.offered), double(r->counts.answered), double(r->counts.abandoned)});
        staffed_top = std::max(staffed_top, r->agents_staffed);
        offered += r->counts.offered;
    }
    const Axis calls = NiceAxis(top);
    const Axis staff = NiceAxisWith(staffed_top, calls.divisions);
    top = calls.top();
    staffed_top = staff.top();
    const Plot plot = BeginPlot(ctx, "volume", size, int(slots.rows.size()), slots.first_ms);
    ReportLastItem(ctx, "intraday." + info.key + ".volume", std::to_string(offered));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float bw = std::max(1.0f, plot.SlotW() * 0.8f / 3);
    ImVec2 prev(0, 0);
    bool have_prev = false;
    for (int i = 0; i < plot.slots; ++i) {
        const IntervalRow* r = slots.rows[size_t(i)];
        if (!r) { have_prev = false; continue; }
        const float x0 = plot.SlotX(i) - bw * 1.5f;
        const double v[3] = {double(r->counts.offered), double(r->counts.answered), double(r->counts.abandoned)};
        const ImU32 col[3] = {kOffered, kAnswered, kAbandoned};
        for (int k = 0; k < 3; ++k)
            if (v[k] > 0) dl->AddRectFilled(ImVec2(x0 + bw * float(k), plot.Y(v[k], top)), ImVec2(x0 + bw * float(k + 1) - 1, plot.max.y), col[k]);
        const ImVec2 pt(plot.SlotX(i), plot.Y(r->agents_staffed, staffed_top));
        if (have_prev) dl->AddLine(prev, pt, kStaffed, 2.0f);
        dl->AddCircleFilled(pt, 2.5f, kStaffed);
        prev = pt;
        have_prev = true;
    }
    DrawAxes(ctx, plot, "intraday." + info.key + ".volume", calls, "%g", ctx.tr(Str::AxisCalls), staff, "%g",
             ctx.tr(Str::AxisAgents));
    HandleHover(ctx, info, plot, slots);
    ImGui::EndGroup();
}

void SlAsaChart(const ViewContext& ctx, const QueueInfo& info, const Slots& slots, ImVec2 size) {
    ImGui::BeginGroup();
    ImGui::TextUnformatted(ctx.tr(Str::ChartSlAsa));
    ImGui::SameLine(0, 16);
    Swatch(ctx.tr(Str::KpiServiceLevel), kSl, true);
    Swatch(ctx.tr(Str::KpiAsa), kAsa, true);
    ImGui::TextDisabled("%s", ctx.tr(Str::ChartTargetLine));
    KpiCounts total;
    double asa_top = info.sl.threshold_s * 2000.0;  // ASA axis shows at least twice T
    for (const IntervalRow* r : slots.rows) {
        if (!r) continue;
        total.Add(r->counts);
        const Mean asa = Asa(r->counts);
        if (asa.valid) asa_top = std::max(asa_top, asa.value);
    }
    const Axis sl_axis{25.0, 4};  // service level 0-100 %
    const Axis asa_axis = NiceAxisWith(asa_top / 1000.0, sl_axis.divisions);
    asa_top = asa_axis.top() * 1000.0;
    const Plot plot = BeginPlot(ctx, "sl_asa", size, int(slots.rows.size()), slots.first_ms);
    ReportLastItem(ctx, "intraday." + info.key + ".sl", FormatPercent(ServiceLevel(total, info.sl)));
    KpiTooltip(ctx, ctx.tr(Str::KpiServiceLevel), ctx.tr.Variant(info.sl.variant), "");
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Target lines: SL target on the left axis (0-100 %), T on the right (ASA) axis.
    DashedLine(dl, ImVec2(plot.min.x, plot.Y(info.sl.target, 1.0)), ImVec2(plot.max.x, plot.Y(info.sl.target, 1.0)), kSl);
    DashedLine(dl, ImVec2(plot.min.x, plot.Y(info.sl.threshold_s * 1000.0, asa_top)), ImVec2(plot.max.x, plot.Y(info.sl.threshold_s * 1000.0, asa_top)), kAsa);
    ImVec2 prev_sl, prev_asa;
    bool have_sl = false, have_asa = false;
    for (int i = 0; i < plot.slots; ++i) {
        const IntervalRow* r = slots.rows[size_t(i)];
        const Ratio sl = r ? ServiceLevel(r->counts, info.sl) : Ratio{};
        const Mean asa = r ? Asa(r->counts) : Mean{};
        if (sl.valid) {
            const ImVec2 pt(plot.SlotX(i), plot.Y(sl.value, 1.0));
            if (have_sl) dl->AddLine(prev_sl, pt, kSl, 2.0f);
            dl->AddCircleFilled(pt, 2.5f, kSl);
            prev_sl = pt;
        }
        have_sl = sl.valid;
        if (asa.valid) {
            const ImVec2 pt(plot.SlotX(i), plot.Y(asa.value, asa_top));
            if (have_asa) dl->AddLine(prev_asa, pt, kAsa, 2.0f);
            dl->AddCircleFilled(pt, 2.5f, kAsa);
            prev_asa = pt;
        }
        have_asa = asa.valid;
    }
    DrawAxes(ctx, plot, "intraday." + info.key + ".sl", sl_axis, "%g%%", ctx.tr(Str::AxisServiceLevel), asa_axis, "%g",
             ctx.tr(Str::AxisAsaSeconds));
    HandleHover(ctx, info, plot, slots);
    ImGui::EndGroup();
}

}  // namespace

namespace {

// The smallest step of 1, 2 or 5 x 10^k (at least 1: counts and agents are whole) with
// step * divisions >= max.
double NiceStep(double max, int divisions) {
    const double raw = std::max(1.0, max / std::max(1, divisions));
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * p * divisions >= max - 1e-9) return m * p;
    return 10 * p;
}

}  // namespace

Axis NiceAxis(double max) {
    // The smallest nice step that needs at most 6 divisions; at least 2 divisions.
    for (double p = 1; p < 1e12; p *= 10) {
        for (double m : {1.0, 2.0, 5.0}) {
            const double step = m * p;
            const int divisions = std::max(2, static_cast<int>(std::ceil(max / step - 1e-9)));
            if (divisions <= 6) return Axis{step, divisions};
        }
    }
    return Axis{1e12, 2};
}

Axis NiceAxisWith(double max, int divisions) {
    divisions = std::max(1, divisions);
    return Axis{NiceStep(max, divisions), divisions};
}

int SlotAt(float x, float x0, float x1, int slots) {
    if (slots <= 0 || x1 <= x0 || x < x0 || x >= x1) return -1;
    return std::min(slots - 1, int((x - x0) / (x1 - x0) * float(slots)));
}

void DrawQueueCharts(const ViewContext& ctx, size_t q, float height) {
    const QueueInfo& info = ctx.snapshot.directory.queues[q];
    if (q >= ctx.snapshot.intervals.size() || ctx.snapshot.intervals[q].empty()) {
        ImGui::TextDisabled("%s", ctx.tr(Str::ChartNoIntervals));
        ReportLastItem(ctx, "intraday." + info.key + ".empty", ctx.tr(Str::ChartNoIntervals));
        return;
    }
    const Slots slots = BuildSlots(ctx, ctx.snapshot.intervals[q]);
    const float avail = ImGui::GetContentRegionAvail().x;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const bool side_by_side = avail > 900;
    const float w = side_by_side ? (avail - spacing) / 2 : avail;
    ImGui::PushID(int(q));
    VolumeChart(ctx, info, slots, ImVec2(w, height));
    if (side_by_side) ImGui::SameLine();
    SlAsaChart(ctx, info, slots, ImVec2(w, height));
    ImGui::PopID();
}

}  // namespace cb
