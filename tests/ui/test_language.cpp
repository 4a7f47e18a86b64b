// The UI in both languages: one duration format everywhere in the UI's language, the data
// source named in it, no English label standing for two things (or Chinese), intraday axes
// with ticks and units.
#include <doctest/doctest.h>
#include <algorithm>
#include <cctype>
#include <map>
#include "gallery.h"
#include "ui/chart_intraday.h"
#include "ui/format.h"
#include <imgui.h>
#include <imgui_internal.h>

using namespace cb;
using namespace cb::test;

namespace {
UiState In(Lang lang, Tab tab = Tab::Wallboard) {
    UiState ui;
    ui.lang = lang;
    ui.tab = tab;
    return ui;
}
std::string Lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}
}  // namespace

TEST_CASE("durations: one format, in the UI's language") {
    const I18n en{Lang::En}, zh{Lang::Zh};
    CHECK(FormatDuration(42 * kSec, en) == "42 s");
    CHECK(FormatDuration(42 * kSec, zh) == "42 秒");
    CHECK(FormatDuration(308 * kSec, en) == "5 min 8 s");
    CHECK(FormatDuration(308 * kSec, zh) == "5 分 8 秒");
    CHECK(FormatDuration(10 * kMin, en) == "10 min");
    CHECK(FormatDuration(10 * kMin, zh) == "10 分钟");
    CHECK(FormatDuration(62 * kMin + 3 * kSec, en) == "1 h 2 min");
    CHECK(FormatDuration(62 * kMin + 3 * kSec, zh) == "1 小时 2 分");
    CHECK(FormatDuration(2 * 60 * kMin, zh) == "2 小时");
    CHECK(FormatDuration(59499, en) == "59 s");
    CHECK(FormatDuration(59500, en) == "1 min");
    CHECK(FormatDuration(-5, en) == "0 s");
    CHECK(FormatDuration(3723 * kSec, zh, DurationStyle::Timer) == "1:02:03");
    CHECK(FormatDuration(45 * kSec, en, DurationStyle::Timer) == "0:45");
    CHECK(FormatMeanDuration(Mean{}, zh) == "-");
    CHECK(FormatMeanDuration(Mean{308000, 1, true, 308000.0}, zh) == "5 分 8 秒");
}

TEST_CASE("the wallboard in Chinese has no English unit next to a Chinese one") {
    const Frame f = Harness::Get().Run(NormalSnapshot(), In(Lang::Zh));
    CHECK(f.Text("queue.inquiries.asa") == "20 秒");
    CHECK(f.Text("center.aht") == "2 分 45 秒");
    CHECK(f.Text("center.oldest_wait") == "0:45");  // a running clock: digits in both languages
    const Frame e = Harness::Get().Run(NormalSnapshot(), In(Lang::En));
    CHECK(e.Text("queue.inquiries.asa") == "20 s");
}

TEST_CASE("the data source is named in the UI's language") {
    Snapshot s = NormalSnapshot();
    CHECK(Harness::Get().Run(s, In(Lang::Zh)).Text("source.label") == "演示：正常工作日");
    s.source = "queue_log";
    CHECK(Harness::Get().Run(s, In(Lang::Zh)).Text("source.label") == "Asterisk 队列日志");
    CHECK(Harness::Get().Run(s, In(Lang::En)).Text("source.label") == "Asterisk queue_log");
    CHECK(Harness::Get().Run(s, In(Lang::Zh)).Text("source") == "queue_log");
    s.source = "api";
    CHECK(Harness::Get().Run(s, In(Lang::Zh)).Text("source.label") == "事件接口");
    CHECK(Harness::Get().Run(s, In(Lang::En)).Text("source.label") == "Event API");
}

TEST_CASE("no label means two things: equal in one language means equal in the other") {
    const I18n en{Lang::En}, zh{Lang::Zh};
    std::map<std::string, std::pair<std::string, int>> by_en, by_zh;  // text -> (other language, id)
    for (int i = 0; i < int(Str::kCount); ++i) {
        const std::string e = Lower(en(Str(i))), z = zh(Str(i));
        auto [a, new_en] = by_en.emplace(e, std::make_pair(z, i));
        if (!new_en) CHECK_MESSAGE(a->second.first == z, "English '" << e << "' is ids " << a->second.second << " and " << i);
        auto [b, new_zh] = by_zh.emplace(z, std::make_pair(e, i));
        if (!new_zh) CHECK_MESSAGE(b->second.first == e, "Chinese '" << z << "' is ids " << b->second.second << " and " << i);
    }
    CHECK(std::string(en(Str::KpiAbandonRate)) == "Abandon rate");
    CHECK(std::string(en(Str::KpiAbandoned)) == "Abandoned");
    CHECK(std::string(zh(Str::KpiAbandonRate)) == "放弃率");
    CHECK(std::string(zh(Str::KpiAbandoned)) == "放弃量");
}

TEST_CASE("axis ticks: round steps, several ticks, both axes on the same gridlines") {
    Axis a = NiceAxis(40);
    CHECK(a.step == 10);
    CHECK(a.divisions == 4);
    a = NiceAxis(37);
    CHECK(a.top() == 40);
    a = NiceAxis(9.5);
    CHECK(a.step == 2);
    CHECK(a.divisions == 5);
    a = NiceAxis(0);
    CHECK(a.step == 1);
    CHECK(a.divisions == 2);
    a = NiceAxis(150);
    CHECK(a.step == 50);
    CHECK(a.divisions == 3);
    const Axis b = NiceAxisWith(9.5, 4);
    CHECK(b.divisions == 4);
    CHECK(b.step == 5);
    CHECK(NiceAxisWith(40, 4).step == 10);
    CHECK(NiceAxisWith(41, 4).step == 20);
}

TEST_CASE("intraday charts label their axes with ticks and units, in both languages") {
    // Inquiries: offered 30, 40, 30 per interval, 8-9.5 agents staffed; ASA 20 s, T 20 s.
    const Frame en = Harness::Get().Run(NormalSnapshot(), In(Lang::En, Tab::Intraday));
    CHECK(en.Text("intraday.inquiries.volume.left") == "0 10 20 30 40");
    CHECK(en.Text("intraday.inquiries.volume.right") == "0 5 10 15 20");
    CHECK(en.Text("intraday.inquiries.volume.left_unit") == "calls");
    CHECK(en.Text("intraday.inquiries.volume.right_unit") == "agents");
    CHECK(en.Text("intraday.inquiries.sl.left") == "0% 25% 50% 75% 100%");
    CHECK(en.Text("intraday.inquiries.sl.right") == "0 10 20 30 40");
    CHECK(en.Text("intraday.inquiries.sl.right_unit") == "ASA (s)");
    const Frame zh = Harness::Get().Run(NormalSnapshot(), In(Lang::Zh, Tab::Intraday));
    CHECK(zh.Text("intraday.inquiries.volume.left_unit") == "来电（通）");
    CHECK(zh.Text("intraday.inquiries.sl.right_unit") == "应答速度（秒）");
}

TEST_CASE("durations in words draw in every face, the TV mode's huge figures too") {
    const Fonts& fonts = Harness::Get().fonts();
    for (Lang lang : {Lang::En, Lang::Zh}) {
        const I18n tr{lang};
        for (int64_t ms : {42 * kSec, 308 * kSec, 10 * kMin, 62 * kMin, 120 * kMin}) {
            const std::string text = FormatDuration(ms, tr);
            const char* p = text.c_str();
            while (*p) {
                unsigned int c = 0;
                p += ImTextCharFromUtf8(&c, p, nullptr);
                for (const ImFont* font : {fonts.regular, fonts.large, fonts.huge})
                    CHECK_MESSAGE(font->FindGlyphNoFallback(ImWchar(c)) != nullptr, "no glyph U+" << std::hex << c << " for '" << text << "'");
            }
        }
    }
}
