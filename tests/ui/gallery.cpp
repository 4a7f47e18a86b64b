// Gallery snapshots and the headless harness (gallery.h).
#include "gallery.h"

#include <imgui.h>
#include "ui/views.h"

namespace cb::test {
namespace {

AgentInfo Agent(const char* key, const char* en, const char* zh, uint16_t team, uint16_t row, uint16_t col) {
    AgentInfo a;
    a.key = key;
    a.name_en = en;
    a.name_zh = zh;
    a.team = team;
    a.seat_row = row;
    a.seat_col = col;
    a.tenure_months = 12;
    a.skills = 3;
    return a;
}

AgentLive Live(AgentState state, int64_t since_ago_ms, NotReadyReason reason = NotReadyReason::None) {
    AgentLive l;
    l.state = state;
    l.reason = reason;
    l.state_since_ms = state == AgentState::LoggedOut ? 0 : kNow - since_ago_ms;
    l.logged_in_since_ms = state == AgentState::LoggedOut ? 0 : kNow - 2 * 3600 * kSec;
    if (state == AgentState::OnCall || state == AgentState::OnHold) {
        l.call = 1;
        l.call_queue = 0;
        l.call_since_ms = kNow - since_ago_ms;
    }
    return l;
}

// handled calls of `talk_s` seconds each, 30 s wrap-up and 10 s hold per call.
KpiCounts Day(int handled, int talk_s) {
    KpiCounts c;
    c.answered = handled;
    c.handled = handled;
    c.talk_ms = int64_t(handled) * talk_s * kSec;
    c.wrap_ms = int64_t(handled) * 30 * kSec;
    c.hold_ms = int64_t(handled) * 10 * kSec;
    c.staffed_ms = 2 * 3600 * kSec;
    return c;
}

IntervalRow Interval(int64_t start_ms, int offered, int answered, int within_t, int abandoned, int short_ab, double staffed) {
    IntervalRow r;
    r.start_ms = start_ms;
    r.counts.offered = offered;
    r.counts.answered = answered;
    r.counts.answered_within_t = within_t;
    r.counts.abandoned = abandoned;
    r.counts.short_abandoned = short_ab;
    r.counts.wait_answered_ms = int64_t(answered) * 20 * kSec;
    r.agents_staffed = staffed;
    return r;
}

}  // namespace

Snapshot NormalSnapshot() {
    Snapshot s;
    s.version = 7;
    s.now_ms = kNow;
    s.tz_offset_min = 480;
    s.interval_minutes = 15;
    s.day_start_ms = kDayStart;
    s.source = "demo:normal";

    QueueInfo inq{"inquiries", "Inquiries", "咨询", {}};
    inq.sl.variant = SlVariant::AnsweredOverOfferedLessShort;
    inq.sl.threshold_s = 20;
    inq.sl.target = 0.80;
    inq.sl.short_abandon_s = 5;
    QueueInfo ord{"orders", "Orders", "订单", {}};
    ord.sl.variant = SlVariant::AnsweredOverOfferedLessShort;
    ord.sl.threshold_s = 30;
    ord.sl.target = 0.90;
    s.directory.queues = {inq, ord};

    s.directory.teams = {TeamInfo{"team_1", "Alpha", "一组", 0}, TeamInfo{"team_2", "Bravo", "二组", 6}};
    s.directory.agents = {
        Agent("1001", "Li Na", "李娜", 0, 0, 0),     Agent("1002", "Wang Wei", "王伟", 0, 0, 1),
        Agent("1003", "Zhang Min", "张敏", 0, 0, 2), Agent("1004", "Liu Yang", "刘洋", 0, 1, 0),
        Agent("1005", "Chen Jie", "陈杰", 0, 1, 1),  Agent("1006", "Yang Fan", "杨帆", 0, 1, 2),
        Agent("2001", "Zhao Lei", "赵磊", 1, 0, 0),  Agent("2002", "Huang Li", "黄丽", 1, 0, 1),
        Agent("2003", "Zhou Tao", "周涛", 1, 1, 0),  Agent("2004", "Wu Hua", "吴华", 1, 1, 1),
    };
    s.agents = {
        Live(AgentState::OnCall, 12 * kMin),                          // long call
        Live(AgentState::WrapUp, 3 * kMin),                           // long wrap-up
        Live(AgentState::Available, 30 * kSec),
        Live(AgentState::NotReady, 20 * kMin, NotReadyReason::Break), // break over allowance
        Live(AgentState::NotReady, 40 * kMin, NotReadyReason::Lunch), // within lunch allowance
        Live(AgentState::LoggedOut, 0),
        Live(AgentState::OnCall, 2 * kMin),
        Live(AgentState::NotReady, 11 * kMin, NotReadyReason::Other), // long not ready
        Live(AgentState::Available, 5 * kSec),
        Live(AgentState::NotReady, 30 * kMin, NotReadyReason::Training),
    };
    s.agents[0].today = Day(10, 180);
    s.agents[0].today.transferred = 1;
    s.agents[0].today.orders = 2;
    s.agents[0].today.order_value_cents = 2000000;
    s.agents[1].today = Day(20, 120);
    s.agents[1].today.orders = 5;
    s.agents[1].today.order_value_cents = 1500000;
    s.agents[2].today = Day(30, 100);
    s.agents[3].today = Day(40, 90);
    s.agents[4].today = Day(0, 0);
    s.agents[5].today = KpiCounts{};  // not in today: left out of the team median
    s.agents[6].today = Day(12, 200);
    s.agents[7].today = Day(8, 150);
    s.agents[8].today = Day(16, 120);
    s.agents[9].today = Day(4, 300);
    s.agents[0].state_ms_today[int(AgentState::Available)] = 30 * kMin;
    s.agents[0].state_ms_today[int(AgentState::OnCall)] = 60 * kMin;

    QueueLive qi;
    qi.waiting = 3;
    qi.oldest_wait_since_ms = kNow - 45 * kSec;
    qi.agents_available = 2;
    qi.agents_on_call = 2;
    qi.agents_wrap_up = 1;
    qi.agents_not_ready = 4;
    qi.today.offered = 100;
    qi.today.answered = 89;
    qi.today.answered_within_t = 72;
    qi.today.abandoned = 11;
    qi.today.short_abandoned = 4;
    qi.today.wait_answered_ms = 89 * 20 * kSec;
    QueueLive qo;
    qo.today.offered = 50;
    qo.today.answered = 49;
    qo.today.answered_within_t = 48;
    qo.today.abandoned = 1;
    qo.today.short_abandoned = 1;
    qo.today.wait_answered_ms = 49 * 10 * kSec;
    s.queues = {qi, qo};

    TeamLive t1, t2;
    t1.agents_logged_in = 5;
    t1.agents_available = 1;
    t1.agents_on_call = 1;
    t1.agents_wrap_up = 1;
    t1.agents_not_ready = 2;
    for (int i = 0; i < 6; ++i) t1.today.Add(s.agents[size_t(i)].today);
    t2.agents_logged_in = 4;
    t2.agents_available = 1;
    t2.agents_on_call = 1;
    t2.agents_not_ready = 2;
    for (int i = 6; i < 10; ++i) t2.today.Add(s.agents[size_t(i)].today);
    s.teams = {t1, t2};

    // Inquiries: 08:00, 08:15, (no calls at 08:30), 08:45. Orders: none yet.
    const int64_t eight = kDayStart + 8 * 3600 * kSec;
    s.intervals = {{Interval(eight, 30, 27, 24, 3, 1, 8.0), Interval(eight + 15 * kMin, 40, 35, 26, 5, 2, 9.5),
                    Interval(eight + 45 * kMin, 30, 27, 22, 3, 1, 9.0)},
                   {}};
    return s;
}

Snapshot OverloadedSnapshot() {
    Snapshot s = NormalSnapshot();
    QueueLive& q = s.queues[0];
    q.waiting = 25;
    q.oldest_wait_since_ms = kNow - 3 * kMin;
    q.today.answered_within_t = 48;   // 48 / 96 = 50 %
    return s;
}

Snapshot BigSnapshot(int agents) {
    Snapshot s;
    s.now_ms = kNow;
    s.tz_offset_min = 480;
    s.day_start_ms = kDayStart;
    s.source = "synthetic";
    QueueInfo q{"inquiries", "Inquiries", "咨询", {}};
    s.directory.queues = {q};
    s.queues.resize(1);
    s.intervals.resize(1);
    const int per_team = 40;
    const int teams = (agents + per_team - 1) / per_team;
    for (int t = 0; t < teams; ++t)
        s.directory.teams.push_back(TeamInfo{"team_" + std::to_string(t + 1), "Team " + std::to_string(t + 1), "组" + std::to_string(t + 1), 0});
    s.teams.resize(size_t(teams));
    static constexpr AgentState kCycle[] = {AgentState::OnCall, AgentState::Available, AgentState::WrapUp, AgentState::NotReady,
                                            AgentState::OnCall, AgentState::OnHold, AgentState::Ringing};
    for (int i = 0; i < agents; ++i) {
        const int in_team = i % per_team;
        const std::string key = std::to_string(10000 + i);
        s.directory.agents.push_back(Agent(key.c_str(), key.c_str(), key.c_str(), uint16_t(i / per_team), uint16_t(in_team / 8), uint16_t(in_team % 8)));
        s.agents.push_back(Live(kCycle[i % 7], int64_t(i % 900) * kSec, NotReadyReason::Break));
        s.teams[size_t(i / per_team)].agents_logged_in++;
    }
    return s;
}

const ReportItem* Frame::Find(const std::string& id) const {
    for (const ReportItem& it : report.items)
        if (it.id == id) return &it;
    return nullptr;
}

std::string Frame::Text(const std::string& id) const {
    const ReportItem* it = Find(id);
    return it ? it->text : "<missing " + id + ">";
}

int Frame::Count(const std::string& prefix) const {
    int n = 0;
    for (const ReportItem& it : report.items) n += it.id.rfind(prefix, 0) == 0;
    return n;
}

Harness& Harness::Get() {
    static Harness harness;
    return harness;
}

Harness::Harness() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1400, 900);
    io.KeyMap[ImGuiKey_Escape] = 256;
    m_fonts = LoadFonts(1.0f);
    ApplyTheme();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
}

Frame Harness::Run(const Snapshot& snapshot, const UiState& ui, Input input, int64_t wall_ms, Freshness freshness) {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.0f / 60.0f;
    io.MousePos = ImVec2(input.mouse_x, input.mouse_y);
    io.MouseDown[0] = input.mouse_down;
    io.KeysDown[256] = input.escape;
    Frame f;
    ImGui::NewFrame();
    ViewContext ctx{snapshot, snapshot.now_ms, wall_ms, freshness, I18n{ui.lang}, ui, &f.actions, &f.report};
    DrawDashboard(ctx, m_fonts);
    ImGui::Render();
    return f;
}

std::vector<UiAction> Harness::Click(const Snapshot& snapshot, const UiState& ui, const std::string& id) {
    Frame first = Run(snapshot, ui);
    const ReportItem* it = first.Find(id);
    if (!it) return {};
    Input in;
    in.mouse_x = it->x + it->w / 2;
    in.mouse_y = it->y + it->h / 2;
    Run(snapshot, ui, in);
    in.mouse_down = true;
    Frame press = Run(snapshot, ui, in);
    in.mouse_down = false;
    Frame release = Run(snapshot, ui, in);
    in.mouse_x = in.mouse_y = -1;
    Run(snapshot, ui, in);
    // Seats act on press, buttons and list rows on release.
    std::vector<UiAction> actions = press.actions;
    actions.insert(actions.end(), release.actions.begin(), release.actions.end());
    return actions;
}

}  // namespace cb::test
