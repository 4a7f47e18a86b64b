// The reconciliation page (views.h DrawReconcile, docs/views.md "Reconciliation"): dates and
// queues, then one table: rows answered, abandoned, timed out, service level, SL2, talk, wait and
// missed rings; columns Callboard, Asterisk, Asternic, Wazo. A tool's cell that differs from
// Callboard's shows the net difference; hovering any cell gives the tool's definition and every
// difference with its reason and the calls behind it.
#include <cinttypes>
#include <cstdio>
#include <imgui.h>
#include "views.h"

namespace cb {

namespace {

Str RowLabel(ReconRow r) {
    switch (r) {
    case ReconRow::Answered: return Str::KpiAnswered;
    case ReconRow::Abandoned: return Str::KpiAbandoned;
    case ReconRow::TimedOut: return Str::RowTimedOut;
    case ReconRow::ServiceLevel: return Str::RowSl;
    case ReconRow::ServiceLevel2: return Str::RowSl2;
    case ReconRow::Talk: return Str::RowTalk;
    case ReconRow::WaitAnswered: return Str::RowWait;
    default: return Str::RowRingNoAnswer;
    }
}

Str ToolLabel(ReconTool t) {
    switch (t) {
    case ReconTool::Callboard: return Str::ToolCallboard;
    case ReconTool::Asterisk: return Str::ToolAsterisk;
    case ReconTool::Asternic: return Str::ToolAsternic;
    default: return Str::ToolWazo;
    }
}

// The definition a tool uses for a row (the tools' rules: core/reconcile/reconcile_peers.cpp).
Str Definition(ReconRow r, ReconTool t) {
    using R = ReconRow;
    switch (t) {
    case ReconTool::Callboard:
        switch (r) {
        case R::Answered: return Str::DefCbAnswered;
        case R::Abandoned: return Str::DefCbAbandoned;
        case R::TimedOut: return Str::DefCbTimedOut;
        case R::Talk: return Str::DefCbTalk;
        case R::WaitAnswered: return Str::DefCbWait;
        case R::RingNoAnswer: return Str::DefCbRna;
        default: return Str::DefCbSl;
        }
    case ReconTool::Asterisk:
        switch (r) {
        case R::Answered: return Str::DefAstAnswered;
        case R::Abandoned: return Str::DefAstAbandoned;
        case R::ServiceLevel: return Str::DefAstSl;
        case R::ServiceLevel2: return Str::DefAstSl2;
        default: return Str::ReconNotReported;
        }
    case ReconTool::Asternic:
        switch (r) {
        case R::Answered: return Str::DefAsnAnswered;
        case R::Abandoned: return Str::DefAsnAbandoned;
        case R::TimedOut: return Str::DefAsnTimedOut;
        case R::ServiceLevel: return Str::DefAsnSl;
        case R::Talk: return Str::DefAsnTalk;
        case R::WaitAnswered: return Str::DefAsnWait;
        case R::RingNoAnswer: return Str::DefAsnRna;
        default: return Str::ReconNotReported;
        }
    default:
        switch (r) {
        case R::Answered: return Str::DefWazoAnswered;
        case R::Abandoned: return Str::DefWazoAbandoned;
        case R::TimedOut: return Str::DefWazoTimedOut;
        case R::Talk: return Str::DefWazoTalk;
        case R::WaitAnswered: return Str::DefWazoWait;
        default: return Str::ReconNotReported;
        }
    }
}

Str ReasonLabel(ReconReason r) {
    constexpr Str kLabels[] = {Str::WhyAnswered,    Str::WhyTransfer,     Str::WhyNoEndLine,  Str::WhyAbandon,
                               Str::WhyShortAbandon, Str::WhyTimeout,     Str::WhyExitEmpty,  Str::WhyExitKey,
                               Str::WhyWithdraw,    Str::WhyExitOther,    Str::WhyEnteredBefore, Str::WhyEndsAfter,
                               Str::WhySameSecond,  Str::WhyWrapOpen,     Str::WhyHold,       Str::WhyRnaDropped};
    static_assert(std::size(kLabels) == size_t(ReconReason::kCount));
    return kLabels[size_t(r) < std::size(kLabels) ? size_t(r) : 0];
}

std::string Amount(const ViewContext& ctx, ReconUnit unit, int64_t v, bool sign) {
    char buf[64];
    const char* plus = sign && v > 0 ? "+" : "";
    if (unit == ReconUnit::Ms) {
        const long long s = static_cast<long long>(v >= 0 ? (v + 500) / 1000 : -((-v + 500) / 1000));
        char inner[48];
        std::snprintf(inner, sizeof inner, ctx.tr(Str::ReconSecondsFmt), s);
        std::snprintf(buf, sizeof buf, "%s%s", plus, inner);
    } else {
        std::snprintf(buf, sizeof buf, "%s%lld", plus, static_cast<long long>(v));
    }
    return buf;
}

std::string CellText(const ViewContext& ctx, ReconRow row, const ReconCell& c) {
    if (!c.reported) return "-";
    const ReconUnit unit = ReconRowUnit(row);
    if (unit != ReconUnit::Ratio) return Amount(ctx, unit, c.value.value, false);
    const Ratio r = c.ratio();
    char buf[96];
    if (r.valid)
        std::snprintf(buf, sizeof buf, "%.1f%% (%lld/%lld)", r.value * 100.0, static_cast<long long>(r.numerator),
                      static_cast<long long>(r.denominator));
    else
        std::snprintf(buf, sizeof buf, "- (%lld/%lld)", static_cast<long long>(r.numerator), static_cast<long long>(r.denominator));
    return buf;
}

// "reason:delta" of every difference, for the report (tests read it).
std::string DiffCodes(const std::vector<ReconDiff>& diffs, const char* part) {
    std::string out;
    for (const ReconDiff& d : diffs) {
        if (!out.empty()) out += ",";
        if (part) out += std::string(part) + ".";
        out += std::string(ReconReasonName(d.reason)) + ":" + std::to_string(d.delta);
    }
    return out;
}

void DiffLines(const ViewContext& ctx, ReconUnit unit, const std::vector<ReconDiff>& diffs) {
    for (const ReconDiff& d : diffs) {
        char calls[48];
        std::snprintf(calls, sizeof calls, ctx.tr(Str::ReconCallsFmt), static_cast<long long>(d.calls));
        const std::string amount = Amount(ctx, unit, d.delta, true);
        ImGui::Text("%8s  %s  (%s)", amount.c_str(), ctx.tr(ReasonLabel(d.reason)), calls);
    }
}

void CellTooltip(const ViewContext& ctx, ReconRow row, ReconTool tool, const ReconCell& c) {
    if (!ImGui::IsItemHovered()) return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
    ImGui::Text("%s · %s", ctx.tr(ToolLabel(tool)), ctx.tr(RowLabel(row)));
    ImGui::Separator();
    ImGui::TextUnformatted(ctx.tr(c.reported ? Definition(row, tool) : Str::ReconNotReported));
    if (ctx.report) ctx.report->Add("reconcile.tooltip", ctx.tr(c.reported ? Definition(row, tool) : Str::ReconNotReported), 0, 0, 0, 0);
    if (c.reported && tool != ReconTool::Callboard) {
        const ReconUnit unit = ReconRowUnit(row);
        const bool same = unit == ReconUnit::Ratio ? c.numerator.diffs.empty() && c.denominator.diffs.empty()
                                                   : c.value.diffs.empty();
        ImGui::Spacing();
        if (same) {
            ImGui::TextDisabled("%s", ctx.tr(Str::ReconSame));
        } else {
            ImGui::TextDisabled("%s", ctx.tr(Str::ReconDiffsTitle));
            if (unit == ReconUnit::Ratio) {
                if (!c.numerator.diffs.empty()) {
                    ImGui::TextUnformatted(ctx.tr(Str::ReconNumerator));
                    DiffLines(ctx, ReconUnit::Calls, c.numerator.diffs);
                }
                if (!c.denominator.diffs.empty()) {
                    ImGui::TextUnformatted(ctx.tr(Str::ReconDenominator));
                    DiffLines(ctx, ReconUnit::Calls, c.denominator.diffs);
                }
            } else {
                DiffLines(ctx, unit, c.value.diffs);
            }
        }
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void Table(const ViewContext& ctx, const ReconcileState& s) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("reconcile.table", 1 + int(ReconTool::kCount), flags)) return;
    ImGui::TableSetupColumn(ctx.tr(Str::ReconFigure), ImGuiTableColumnFlags_WidthStretch, 1.6f);
    for (size_t t = 0; t < size_t(ReconTool::kCount); ++t)
        ImGui::TableSetupColumn(ctx.tr(ToolLabel(static_cast<ReconTool>(t))), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    const ImVec4 differs = ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Warning));
    for (const ReconRowResult& r : s.report.rows) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ctx.tr(RowLabel(r.row)));
        const std::string row_id = "reconcile.row." + std::string(ReconRowName(r.row));
        ReportLastItem(ctx, row_id, ctx.tr(RowLabel(r.row)));
        const ReconCell& cb = r.cells[size_t(ReconTool::Callboard)];
        for (size_t t = 0; t < r.cells.size(); ++t) {
            const ReconTool tool = static_cast<ReconTool>(t);
            const ReconCell& c = r.cells[t];
            ImGui::TableNextColumn();
            const std::string text = CellText(ctx, r.row, c);
            const bool ratio = ReconRowUnit(r.row) == ReconUnit::Ratio;
            const bool peer = tool != ReconTool::Callboard && c.reported;
            const bool differ = peer && (ratio ? c.numerator.value != cb.numerator.value ||
                                                     c.denominator.value != cb.denominator.value
                                               : c.value.value != cb.value.value);
            std::string shown = text;
            if (differ && !ratio) shown += "  (" + Amount(ctx, ReconRowUnit(r.row), c.value.value - cb.value.value, true) + ")";
            if (!c.reported) ImGui::TextDisabled("%s", shown.c_str());
            else if (differ) ImGui::TextColored(differs, "%s", shown.c_str());
            else ImGui::TextUnformatted(shown.c_str());
            const std::string id = std::string(ReconRowName(r.row)) + "." + std::string(ReconToolName(tool));
            ReportLastItem(ctx, "reconcile.cell." + id, shown);
            if (peer) {
                const std::string codes = ratio ? DiffCodes(c.numerator.diffs, "n") +
                                                      (c.numerator.diffs.empty() || c.denominator.diffs.empty() ? "" : ",") +
                                                      DiffCodes(c.denominator.diffs, "d")
                                                : DiffCodes(c.value.diffs, nullptr);
                ReportLastItem(ctx, "reconcile.diff." + id, codes);
            }
            CellTooltip(ctx, r.row, tool, c);
        }
    }
    ImGui::EndTable();
}

}  // namespace

void DrawReconcile(const ViewContext& ctx, const Fonts& fonts) {
    ReconcileState& s = *ctx.reconcile;
    ImGui::PushFont(fonts.large);
    ImGui::TextUnformatted(ctx.tr(Str::ReconTitle));
    ImGui::PopFont();
    ReportLastItem(ctx, "reconcile.title", ctx.tr(Str::ReconTitle));
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(ctx.tr(Str::SettingsClose)).x -
                    ImGui::GetStyle().FramePadding.x * 2);
    if (ImGui::Button(ctx.tr(Str::SettingsClose))) ctx.actions->push_back({UiAction::Kind::OpenReconcile, 0});
    ReportLastItem(ctx, "reconcile.close", ctx.tr(Str::SettingsClose));
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", ctx.tr(Str::ReconHelp));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();

    bool run = false;
    const auto field = [&](Str label, const char* id, char* buffer, size_t size, float width, const char* hint) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(ctx.tr(label));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(width);
        char imgui_id[48];
        std::snprintf(imgui_id, sizeof imgui_id, "##%s", id);
        run |= hint ? ImGui::InputTextWithHint(imgui_id, hint, buffer, size, ImGuiInputTextFlags_EnterReturnsTrue)
                    : ImGui::InputText(imgui_id, buffer, size, ImGuiInputTextFlags_EnterReturnsTrue);
        ReportLastItem(ctx, id, buffer);
        ImGui::SameLine(0, 16);
    };
    const float date_w = ImGui::CalcTextSize("0000-00-00").x + ImGui::GetStyle().FramePadding.x * 2 + 8;
    field(Str::ReconFrom, "reconcile.from", s.from, sizeof s.from, date_w, nullptr);
    field(Str::ReconTo, "reconcile.to", s.to, sizeof s.to, date_w, nullptr);
    field(Str::ReconQueues, "reconcile.queues", s.queues, sizeof s.queues, 220, ctx.tr(Str::ReconQueuesHint));
    ImGui::BeginDisabled(s.loading);
    run |= ImGui::Button(ctx.tr(Str::ReconRun));
    ImGui::EndDisabled();
    ReportLastItem(ctx, "reconcile.run", ctx.tr(Str::ReconRun));
    if (run) ctx.actions->push_back({UiAction::Kind::ReconcileRun, 0});

    // What the last request did.
    const ImVec4 bad = ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Bad));
    char message[512] = "";
    switch (s.error) {
    case ReconcileError::BadDate: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::ReconErrDate)); break;
    case ReconcileError::Reversed: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::ReconErrOrder)); break;
    case ReconcileError::TooLong: std::snprintf(message, sizeof message, ctx.tr(Str::ReconErrLimitFmt), kMaxReconcileDays); break;
    case ReconcileError::Unreachable: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::LoginUnreachable)); break;
    case ReconcileError::Server:
        if (s.server_error.status == 403) std::snprintf(message, sizeof message, "%s", ctx.tr(Str::ErrForbidden));
        else std::snprintf(message, sizeof message, ctx.tr(Str::ErrServerFmt), s.server_error.message.c_str());
        break;
    case ReconcileError::None: break;
    }
    if (message[0]) {
        ImGui::TextColored(bad, "%s", message);
        ReportLastItem(ctx, "reconcile.error", message);
    } else if (s.loading) {
        ImGui::TextDisabled("%s", ctx.tr(Str::ReconLoading));
        ReportLastItem(ctx, "reconcile.loading", ctx.tr(Str::ReconLoading));
    }
    if (!s.has_report) return;

    std::string queues;
    for (const std::string& q : s.request.queues) queues += (queues.empty() ? "" : ", ") + q;
    char summary[512];
    std::snprintf(summary, sizeof summary, ctx.tr(Str::ReconSummaryFmt), s.request.from.c_str(), s.request.to.c_str(),
                  queues.empty() ? ctx.tr(Str::ReconQueuesHint) : queues.c_str(),
                  static_cast<long long>(s.report.legs_in_range), s.request.time_zone.c_str());
    ImGui::TextUnformatted(summary);
    ReportLastItem(ctx, "reconcile.summary", summary);
    ImGui::Spacing();
    Table(ctx, s);
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", ctx.tr(Str::ReconFooter));
    ImGui::PopTextWrapPos();
}

}  // namespace cb
