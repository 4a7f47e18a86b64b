// Wallboard: a tile per queue (waiting now, oldest wait, service level today vs target,
// abandon rate, ASA, agents by state) plus a whole-center tile; and TV mode, which shows the
// wallboard in large type and cycles through the teams. Colors follow UiState::thresholds;
// every number says its definition and the counts behind it on hover.
#include <algorithm>
#include <cstdio>
#include <imgui.h>
#include "applies.h"
#include "format.h"
#include "views.h"
#include "widget_figures.h"
#include "widget_live_staffing.h"
#include "widget_team_panel.h"

namespace cb {
namespace {

constexpr float kTvFontScale = 1.35f;  // TV mode: regular text this much larger (read across a room)

// Starts a tile (a bordered child); in TV mode its text is enlarged.
void BeginTile(const ViewContext& ctx, const char* id, ImVec2 size) {
    ImGui::BeginChild(id, size, true, ImGuiWindowFlags_NoScrollbar);
    // Set every frame: a child window keeps its scale, and the tile must shrink back after TV mode.
    ImGui::SetWindowFontScale(ctx.ui.tv_mode ? kTvFontScale : 1.0f);
}

void QueueTile(const ViewContext& ctx, const Fonts& fonts, size_t qi, ImVec2 size) {
    const Thresholds& th = ctx.ui.thresholds;
    const QueueInfo& info = ctx.snapshot.directory.queues[qi];
    const QueueLive& q = ctx.snapshot.queues[qi];
    char id[160];
    const std::string prefix = "queue." + info.key;
    BeginTile(ctx, prefix.c_str(), size);
    ImGui::TextUnformatted(Name(ctx, info));
    std::snprintf(id, sizeof id, "%s.name", prefix.c_str());
    ReportLastItem(ctx, id, Name(ctx, info));

    const int64_t oldest = q.waiting > 0 && q.oldest_wait_since_ms ? std::max<int64_t>(0, ctx.center_now_ms - q.oldest_wait_since_ms) : 0;
    const Ratio sl = ServiceLevel(q.today, info.sl);
    const Ratio ab = AbandonRate(q.today);
    const Mean asa = Asa(q.today);
    const Health wait_health = OldestWaitHealth(oldest, th);
    const std::string wait_rule = SecondsRuleText(ctx, th.oldest_wait_warn_s, th.oldest_wait_bad_s);

    const float col = ImGui::GetContentRegionAvail().x / 3.0f;
    const float fig_w = col - ImGui::GetStyle().ItemSpacing.x;
    const std::string waiting = std::to_string(q.waiting);
    std::snprintf(id, sizeof id, "%s.waiting", prefix.c_str());
    BigFigure(ctx, fonts, ctx.tr(Str::KpiWaiting), waiting.c_str(), wait_health, id, fig_w);
    KpiTooltip(ctx, ctx.tr(Str::KpiWaiting), ctx.tr(Str::DefWaiting), wait_rule);
    ImGui::SameLine(col);
    const std::string oldest_text = q.waiting ? FormatDuration(oldest, ctx.tr, DurationStyle::Timer) : "-";
    std::snprintf(id, sizeof id, "%s.oldest_wait", prefix.c_str());
    BigFigure(ctx, fonts, ctx.tr(Str::KpiOldestWait), oldest_text.c_str(), wait_health, id, fig_w);
    KpiTooltip(ctx, ctx.tr(Str::KpiOldestWait), ctx.tr(Str::DefOldestWait), wait_rule);
    ImGui::SameLine(col * 2);
    const std::string sl_text = FormatPercent(sl);
    std::snprintf(id, sizeof id, "%s.service_level", prefix.c_str());
    BigFigure(ctx, fonts, ctx.tr(Str::KpiServiceLevel), sl_text.c_str(), SlHealth(sl, info.sl.target, th), id, fig_w);
    {
        char thr[96], rule[160];
        std::snprintf(thr, sizeof thr, ctx.tr(Str::SlThresholdFmt), info.sl.threshold_s, info.sl.short_abandon_s);
        std::snprintf(rule, sizeof rule, ctx.tr(Str::SlColorRuleFmt), th.sl_warn_margin * 100.0);
        KpiTooltip(ctx, ctx.tr(Str::KpiServiceLevel), ctx.tr.Variant(info.sl.variant), CountsText(ctx, sl) + "\n" + thr + "\n" + rule);
    }

    char target[96];
    std::snprintf(target, sizeof target, "%s %.0f%% / %d %s", ctx.tr(Str::KpiTarget), info.sl.target * 100.0,
                  info.sl.threshold_s, ctx.tr(Str::UnitSeconds));
    ImGui::SetCursorPosX(col * 2 + ImGui::GetStyle().WindowPadding.x);
    ImGui::TextDisabled("%s", target);

    ImGui::Separator();
    const std::string ab_text = FormatPercent(ab);
    const Health ab_health = AbandonHealth(ab, th);
    ImGui::TextUnformatted(ctx.tr(Str::KpiAbandonRate));
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ab_health == Health::Unknown ? ImGui::GetColorU32(ImGuiCol_Text) : HealthColor(ab_health)),
                       "%s", ab_text.c_str());
    KpiTooltip(ctx, ctx.tr(Str::KpiAbandonRate), ctx.tr(Str::DefAbandonRate), CountsText(ctx, ab));
    std::snprintf(id, sizeof id, "%s.abandon_rate", prefix.c_str());
    ReportLastItem(ctx, id, ab_text);
    ImGui::SameLine(col);
    const std::string asa_text = FormatMeanDuration(asa, ctx.tr);
    const Health asa_health = AsaHealth(asa, th);
    ImGui::TextUnformatted(ctx.tr(Str::KpiAsa));
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(asa_health == Health::Unknown ? ImGui::GetColorU32(ImGuiCol_Text) : HealthColor(asa_health)),
                       "%s", asa_text.c_str());
    KpiTooltip(ctx, ctx.tr(Str::KpiAsa), ctx.tr(Str::DefAsa),
               FormatDuration(asa.total, ctx.tr) + " / " + std::to_string(asa.count) + " " + ctx.tr(Str::KpiAnswered) + "\n" +
                   SecondsRuleText(ctx, th.asa_warn_s, th.asa_bad_s));
    std::snprintf(id, sizeof id, "%s.asa", prefix.c_str());
    ReportLastItem(ctx, id, asa_text);
    ImGui::SameLine(col * 2);
    ImGui::Text("%s %lld / %lld", ctx.tr(Str::KpiAnswered), (long long)q.today.answered, (long long)q.today.offered);
    std::snprintf(id, sizeof id, "%s.answered", prefix.c_str());
    ReportLastItem(ctx, id, std::to_string(q.today.answered));
    AgentCounts(ctx, q.agents_available, q.agents_on_call, q.agents_wrap_up, q.agents_not_ready);
    ImGui::Separator();
    LiveStaffingLines(ctx, qi, prefix);
    ImGui::EndChild();
}

void CenterTile(const ViewContext& ctx, const Fonts& fonts, ImVec2 size) {
    const Snapshot& s = ctx.snapshot;
    const Thresholds& th = ctx.ui.thresholds;
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
    BeginTile(ctx, "center", size);
    ImGui::Text("%s · %s", ctx.tr(Str::WallboardCenter), ctx.tr(Str::WallboardToday));
    const float col = ImGui::GetContentRegionAvail().x / 4.0f;
    const float fig_w = col - ImGui::GetStyle().ItemSpacing.x;
    const int64_t oldest = oldest_since ? std::max<int64_t>(0, ctx.center_now_ms - oldest_since) : 0;
    const Health wait_health = OldestWaitHealth(oldest, th);
    const std::string wait_rule = SecondsRuleText(ctx, th.oldest_wait_warn_s, th.oldest_wait_bad_s);
    const std::string waiting_text = std::to_string(waiting);
    BigFigure(ctx, fonts, ctx.tr(Str::KpiWaiting), waiting_text.c_str(), wait_health, "center.waiting", fig_w);
    KpiTooltip(ctx, ctx.tr(Str::KpiWaiting), ctx.tr(Str::DefWaiting), wait_rule);
    ImGui::SameLine(col);
    const std::string oldest_text = waiting ? FormatDuration(oldest, ctx.tr, DurationStyle::Timer) : "-";
    BigFigure(ctx, fonts, ctx.tr(Str::KpiOldestWait), oldest_text.c_str(), wait_health, "center.oldest_wait", fig_w);
    KpiTooltip(ctx, ctx.tr(Str::KpiOldestWait), ctx.tr(Str::DefOldestWait), wait_rule);
    ImGui::SameLine(col * 2);
    const Mean aht = Aht(agents_total);
    const std::string aht_text = FormatMeanDuration(aht, ctx.tr);
    BigFigure(ctx, fonts, ctx.tr(Str::KpiAht), aht_text.c_str(), Health::Unknown, "center.aht", fig_w);
    KpiTooltip(ctx, ctx.tr(Str::KpiAht), ctx.tr(Str::DefAht),
               FormatDuration(aht.total, ctx.tr) + " / " + std::to_string(aht.count) + " " + ctx.tr(Str::KpiHandled));
    ImGui::SameLine(col * 3);
    const Ratio occ = Occupancy(agents_total);
    const std::string occ_text = FormatPercent(occ);
    BigFigure(ctx, fonts, ctx.tr(Str::KpiOccupancy), occ_text.c_str(), Health::Unknown, "center.occupancy", fig_w);
    KpiTooltip(ctx, ctx.tr(Str::KpiOccupancy), ctx.tr(Str::DefOccupancy), FormatDuration(occ.numerator, ctx.tr) + " / " + FormatDuration(occ.denominator, ctx.tr));
    ImGui::Text("%s %d", ctx.tr(Str::AgentsLoggedIn), logged_in);
    ImGui::SameLine(0, 18);
    AgentCounts(ctx, available, on_call, wrap, not_ready);
    ImGui::Text("%s %lld   %s %lld   %s %lld", ctx.tr(Str::KpiOffered), (long long)total.offered, ctx.tr(Str::KpiAnswered),
                (long long)total.answered, ctx.tr(Str::KpiAbandoned), (long long)total.abandoned);
    ReportLastItem(ctx, "center.offered", std::to_string(total.offered));
    ImGui::EndChild();
}

}  // namespace

void DrawWallboard(const ViewContext& ctx, const Fonts& fonts) {
    const Snapshot& s = ctx.snapshot;
    const float scale = ctx.ui.tv_mode ? kTvFontScale : 1.0f;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float line = ImGui::GetTextLineHeightWithSpacing() * scale;
    const ImFont* figure_font = FigureFont(fonts, ctx.ui.tv_mode);
    const float figure = figure_font ? figure_font->FontSize : 34.0f;
    const float center_h = line * 4 + figure + 24;
    if (!ctx.ui.tv_mode) DrawAlertPanel(ctx);
    CenterTile(ctx, fonts, ImVec2(avail.x, center_h));
    const int n = static_cast<int>(s.directory.queues.size());
    if (n == 0) return;
    const int cols = avail.x > 1100 ? 2 : 1;
    const float tile_w = (avail.x - spacing * (cols - 1)) / cols;
    const float tile_h = line * float(5 + LiveStaffingLineCount(ctx.ui.tv_mode)) + figure + 40;
    for (int i = 0; i < n; ++i) {
        if (i % cols) ImGui::SameLine();
        QueueTile(ctx, fonts, size_t(i), ImVec2(tile_w, tile_h));
    }
}

// TV pages: the whole center, then each team with a page (applies.h: seats in this snapshot and
// someone logged in now or today).
int TvPage(const ViewContext& ctx) {
    const std::vector<size_t> teams = TvTeams(ctx.snapshot);
    const int pages = 1 + static_cast<int>(teams.size());
    if (ctx.ui.tv_team >= 0) {
        for (size_t i = 0; i < teams.size(); ++i)
            if (teams[i] == size_t(ctx.ui.tv_team)) return static_cast<int>(i) + 1;
    }
    const int64_t cycle_ms = int64_t(std::max(1, ctx.ui.thresholds.tv_cycle_s)) * 1000;
    const int64_t elapsed = std::max<int64_t>(0, ctx.wall_now_ms - ctx.ui.tv_since_wall_ms);
    return static_cast<int>((elapsed / cycle_ms) % pages);
}

void DrawTvMode(const ViewContext& ctx, const Fonts& fonts) {
    const std::vector<size_t> teams = TvTeams(ctx.snapshot);
    const int pages = 1 + static_cast<int>(teams.size());
    const int page = TvPage(ctx);
    ImGui::SameLine(0, 24);
    char text[64];
    std::snprintf(text, sizeof text, ctx.tr(Str::TvPageFmt), page + 1, pages);
    ImGui::TextDisabled("%s", text);
    ReportLastItem(ctx, "tv.pages", std::to_string(pages));
    const TeamInfo* team = page == 0 ? nullptr : &ctx.snapshot.directory.teams[teams[size_t(page - 1)]];
    ImGui::SameLine(0, 24);
    ImGui::TextUnformatted(team ? Name(ctx, *team) : ctx.tr(Str::WallboardCenter));
    ReportLastItem(ctx, "tv.page", team ? team->key : std::string("center"));
    DrawAlertStrip(ctx);  // the active alerts on every page, none: no room taken
    if (!team) DrawWallboard(ctx, fonts);
    else DrawTeamPanel(ctx, fonts, teams[size_t(page - 1)], kTvFontScale);
}

}  // namespace cb
