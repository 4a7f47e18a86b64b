// Wallboard: a tile per queue (waiting now, oldest wait, service level today vs target,
// abandon rate, ASA, agents by state) plus a whole-center tile. Every number says its
// definition and the counts behind it on hover.
#include <algorithm>
#include <cstdio>
#include <imgui.h>
#include "format.h"
#include "views.h"

namespace cb {
namespace {

Health SlHealth(const Ratio& sl, double target) {
    if (!sl.valid) return Health::Unknown;
    if (sl.value >= target) return Health::Good;
    if (sl.value >= target - 0.10) return Health::Warning;
    return Health::Bad;
}

Health WaitHealth(int64_t wait_ms, int threshold_s) {
    if (wait_ms <= 0) return Health::Good;
    if (wait_ms <= int64_t(threshold_s) * 1000) return Health::Good;
    if (wait_ms <= int64_t(threshold_s) * 3000) return Health::Warning;
    return Health::Bad;
}

std::string CountsText(const ViewContext& ctx, const Ratio& r) {
    char buf[96];
    std::snprintf(buf, sizeof buf, ctx.tr(Str::CountsBehindFmt), (long long)r.numerator, (long long)r.denominator);
    return buf;
}

// One big figure with its label; colored by health.
void BigFigure(const ViewContext& ctx, const Fonts& fonts, const char* label, const std::string& value, Health h,
               const std::string& report_id) {
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", label);
    ImGui::PushFont(fonts.large);
    ImGui::PushStyleColor(ImGuiCol_Text, h == Health::Unknown ? ImGui::GetColorU32(ImGuiCol_Text) : HealthColor(h));
    ImGui::TextUnformatted(value.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::EndGroup();
    ReportLastItem(ctx, report_id, value);
}

void AgentCounts(const ViewContext& ctx, int available, int on_call, int wrap, int not_ready, const std::string& id) {
    struct Part { Str label; int n; AgentState state; };
    const Part parts[] = {{Str::KpiAgentsAvailable, available, AgentState::Available},
                          {Str::KpiAgentsOnCall, on_call, AgentState::OnCall},
                          {Str::KpiAgentsWrapUp, wrap, AgentState::WrapUp},
                          {Str::KpiAgentsNotReady, not_ready, AgentState::NotReady}};
    for (const Part& p : parts) {
        if (&p != parts) ImGui::SameLine(0, 14);
        ImVec2 c = ImGui::GetCursorScreenPos();
        float h = ImGui::GetTextLineHeight();
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(c.x, c.y + h * 0.2f), ImVec2(c.x + h * 0.6f, c.y + h * 0.8f), StateColor(p.state), 2.0f);
        ImGui::Dummy(ImVec2(h * 0.6f, h));
        ImGui::SameLine(0, 4);
        ImGui::Text("%s %d", ctx.tr(p.label), p.n);
    }
    (void)id;
}

void QueueTile(const ViewContext& ctx, const Fonts& fonts, size_t qi, ImVec2 size) {
    const QueueInfo& info = ctx.snapshot.directory.queues[qi];
    const QueueLive& q = ctx.snapshot.queues[qi];
    const std::string id = "queue." + info.key;
    ImGui::BeginChild(id.c_str(), size, true, ImGuiWindowFlags_NoScrollbar);
    ImGui::TextUnformatted(Name(ctx, info));
    ReportLastItem(ctx, id + ".name", Name(ctx, info));

    const int64_t oldest = q.waiting > 0 && q.oldest_wait_since_ms ? std::max<int64_t>(0, ctx.center_now_ms - q.oldest_wait_since_ms) : 0;
    const Ratio sl = ServiceLevel(q.today, info.sl);
    const Ratio ab = AbandonRate(q.today);
    const Mean asa = Asa(q.today);

    const float col = size.x / 3.0f;
    BigFigure(ctx, fonts, ctx.tr(Str::KpiWaiting), std::to_string(q.waiting),
              q.waiting == 0 ? Health::Good : WaitHealth(oldest, info.sl.threshold_s), id + ".waiting");
    KpiTooltip(ctx, ctx.tr(Str::KpiWaiting), ctx.tr(Str::KpiWaiting), "");
    ImGui::SameLine(col);
    BigFigure(ctx, fonts, ctx.tr(Str::KpiOldestWait), q.waiting ? FormatDuration(oldest) : "-", WaitHealth(oldest, info.sl.threshold_s),
              id + ".oldest_wait");
    KpiTooltip(ctx, ctx.tr(Str::KpiOldestWait), ctx.tr(Str::DefOldestWait), "");
    ImGui::SameLine(col * 2);
    BigFigure(ctx, fonts, ctx.tr(Str::KpiServiceLevel), FormatPercent(sl), SlHealth(sl, info.sl.target), id + ".service_level");
    {
        char thr[96];
        std::snprintf(thr, sizeof thr, ctx.tr(Str::SlThresholdFmt), info.sl.threshold_s, info.sl.short_abandon_s);
        KpiTooltip(ctx, ctx.tr(Str::KpiServiceLevel), ctx.tr.Variant(info.sl.variant), CountsText(ctx, sl) + "\n" + thr);
    }

    char target[64];
    std::snprintf(target, sizeof target, "%s %.0f%% / %d %s", ctx.tr(Str::KpiTarget), info.sl.target * 100.0,
                  info.sl.threshold_s, ctx.tr(Str::UnitSeconds));
    ImGui::SetCursorPosX(col * 2 + ImGui::GetStyle().WindowPadding.x);
    ImGui::TextDisabled("%s", target);

    ImGui::Separator();
    ImGui::Text("%s %s", ctx.tr(Str::KpiAbandonRate), FormatPercent(ab).c_str());
    KpiTooltip(ctx, ctx.tr(Str::KpiAbandonRate), ctx.tr(Str::DefAbandonRate), CountsText(ctx, ab));
    ReportLastItem(ctx, id + ".abandon_rate", FormatPercent(ab));
    ImGui::SameLine(col);
    ImGui::Text("%s %s", ctx.tr(Str::KpiAsa), FormatSeconds(asa).c_str());
    KpiTooltip(ctx, ctx.tr(Str::KpiAsa), ctx.tr(Str::DefAsa), std::to_string(asa.count) + " " + ctx.tr(Str::KpiAnswered));
    ReportLastItem(ctx, id + ".asa", FormatSeconds(asa));
    ImGui::SameLine(col * 2);
    ImGui::Text("%s %lld / %lld", ctx.tr(Str::KpiAnswered), (long long)q.today.answered, (long long)q.today.offered);
    ReportLastItem(ctx, id + ".answered", std::to_string(q.today.answered));
    AgentCounts(ctx, q.agents_available, q.agents_on_call, q.agents_wrap_up, q.agents_not_ready, id + ".agents");
    ImGui::EndChild();
}

void CenterTile(const ViewContext& ctx, const Fonts& fonts, ImVec2 size) {
    const Snapshot& s = ctx.snapshot;
    KpiCounts total;
    int waiting = 0;
    int64_t oldest_since = 0;
    for (size_t i = 0; i < s.queues.size(); ++i) {
        total.Add(s.queues[i].today);
        waiting += s.queues[i].waiting;
        if (s.queues[i].waiting && s.queues[i].oldest_wait_since_ms && (!oldest_since || s.queues[i].oldest_wait_since_ms < oldest_since))
            oldest_since = s.queues[i].oldest_wait_since_ms;
    }
    int logged_in = 0, available = 0, on_call = 0, wrap = 0, not_ready = 0;
    KpiCounts agents_total;
    for (const TeamLive& t : s.teams) {
        logged_in += t.agents_logged_in;
        available += t.agents_available;
        on_call += t.agents_on_call;
        wrap += t.agents_wrap_up;
        not_ready += t.agents_not_ready;
        agents_total.Add(t.today);
    }
    ImGui::BeginChild("center", size, true, ImGuiWindowFlags_NoScrollbar);
    ImGui::Text("%s · %s", ctx.tr(Str::WallboardCenter), ctx.tr(Str::WallboardToday));
    const float col = size.x / 4.0f;
    const int64_t oldest = oldest_since ? std::max<int64_t>(0, ctx.center_now_ms - oldest_since) : 0;
    BigFigure(ctx, fonts, ctx.tr(Str::KpiWaiting), std::to_string(waiting), waiting ? Health::Warning : Health::Good, "center.waiting");
    ImGui::SameLine(col);
    BigFigure(ctx, fonts, ctx.tr(Str::KpiOldestWait), waiting ? FormatDuration(oldest) : "-", Health::Unknown, "center.oldest_wait");
    KpiTooltip(ctx, ctx.tr(Str::KpiOldestWait), ctx.tr(Str::DefOldestWait), "");
    ImGui::SameLine(col * 2);
    const Mean aht = Aht(agents_total);
    BigFigure(ctx, fonts, ctx.tr(Str::KpiAht), FormatSeconds(aht), Health::Unknown, "center.aht");
    KpiTooltip(ctx, ctx.tr(Str::KpiAht), ctx.tr(Str::DefAht), std::to_string(aht.count));
    ImGui::SameLine(col * 3);
    const Ratio occ = Occupancy(agents_total);
    BigFigure(ctx, fonts, ctx.tr(Str::KpiOccupancy), FormatPercent(occ), Health::Unknown, "center.occupancy");
    KpiTooltip(ctx, ctx.tr(Str::KpiOccupancy), ctx.tr(Str::DefOccupancy), FormatDuration(occ.numerator) + " / " + FormatDuration(occ.denominator));
    ImGui::Text("%s %d", ctx.tr(Str::AgentsLoggedIn), logged_in);
    ImGui::SameLine(0, 18);
    AgentCounts(ctx, available, on_call, wrap, not_ready, "center.agents");
    ImGui::Text("%s %lld   %s %lld   %s %lld", ctx.tr(Str::KpiOffered), (long long)total.offered, ctx.tr(Str::KpiAnswered),
                (long long)total.answered, ctx.tr(Str::KpiAbandoned), (long long)total.abandoned);
    ReportLastItem(ctx, "center.offered", std::to_string(total.offered));
    ImGui::EndChild();
}

}  // namespace

void DrawWallboard(const ViewContext& ctx, const Fonts& fonts) {
    const Snapshot& s = ctx.snapshot;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float center_h = ImGui::GetTextLineHeightWithSpacing() * 3 + fonts.large->FontSize + 30;
    CenterTile(ctx, fonts, ImVec2(avail.x, center_h));
    const int n = static_cast<int>(s.directory.queues.size());
    if (n == 0) return;
    const int cols = avail.x > 1100 ? 2 : 1;
    const float tile_w = (avail.x - spacing * (cols - 1)) / cols;
    const float tile_h = ImGui::GetTextLineHeightWithSpacing() * 5 + fonts.large->FontSize + 34;
    for (int i = 0; i < n; ++i) {
        if (i % cols) ImGui::SameLine();
        QueueTile(ctx, fonts, size_t(i), ImVec2(tile_w, tile_h));
    }
}

}  // namespace cb
