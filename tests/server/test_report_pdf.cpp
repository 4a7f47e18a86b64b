// Report PDFs (server/export/report_pdf.h) over the hand-made center (report_fixture.cpp): the
// PDF is rendered back to text (pdftotext) and to pixels (pdftoppm) and checked: the Chinese and
// English titles and labels, the summary's numbers and their change against the previous day,
// the definition each number used, and the charts' colours on the page.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include "server/admin/report_service.h"
#include "server/base/log.h"
#include "server/export/report_pdf.h"
#include "server/store/store_reports.h"
#include "report_fixture.h"
#include "server_test_util.h"

namespace {

std::string Run(const std::string& command) {
    std::string out;
    FILE* p = popen(command.c_str(), "r");
    REQUIRE(p);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    CHECK(pclose(p) == 0);
    return out;
}

std::string WriteFile(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

// Collapses runs of spaces so that a table row reads "进线 2 4 -2".
std::string Squeeze(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == ' ' && !out.empty() && out.back() == ' ') continue;
        out += c;
    }
    return out;
}

// Pixels of page `page` (1-based) rendered at 100 dpi as binary PPM: counts pixels near (r, g, b).
struct Image {
    int w = 0, h = 0;
    std::string rgb;
    int Count(int r, int g, int b, int tol = 12) const {
        int n = 0;
        for (size_t i = 0; i + 2 < rgb.size(); i += 3) {
            const int dr = static_cast<unsigned char>(rgb[i]) - r, dg = static_cast<unsigned char>(rgb[i + 1]) - g,
                      db = static_cast<unsigned char>(rgb[i + 2]) - b;
            if (std::abs(dr) <= tol && std::abs(dg) <= tol && std::abs(db) <= tol) ++n;
        }
        return n;
    }
};
Image Render(const std::string& pdf, int page) {
    const std::string ppm = Run("pdftoppm -r 100 -f " + std::to_string(page) + " -l " + std::to_string(page) + " '" + pdf + "'");
    Image img;
    std::istringstream in(ppm);
    std::string magic;
    int max = 0;
    in >> magic >> img.w >> img.h >> max;
    in.get();
    REQUIRE(magic == "P6");
    img.rgb.assign(std::istreambuf_iterator<char>(in), {});
    REQUIRE(img.rgb.size() == static_cast<size_t>(img.w) * img.h * 3);
    return img;
}

struct Fixture {
    cbtest::TempDir dir;
    std::string db = dir.path() + "/center.db";
    cbtest::ReportDb data;
    cb::ReportStore store;
    int64_t now = cbtest::BerlinMs({2026, 3, 30}, 12, 0);
    cb::ReportService reports{[this] { return now; }};
    cb::Caller admin;
    Fixture() {
        cb::SetLogEnabled(false);
        data = cbtest::OpenReportDb(db, cbtest::BerlinMs({2026, 1, 1}, 0, 0));
        REQUIRE(store.Open(db).ok());
        reports.Attach(&store, cbtest::Berlin(), 15);
        admin.local = true;
    }
    ~Fixture() { cb::SetLogEnabled(true); }
};

}  // namespace

TEST_CASE("periods: a day, the week from its first weekday, the month, each with the one before") {
    cb::CivilDate from, to, pf, pt;
    cb::PeriodOf(cb::PeriodKind::Daily, {2026, 3, 1}, 0, &from, &to, &pf, &pt);
    CHECK(from == cb::CivilDate{2026, 3, 1});
    CHECK(pf == cb::CivilDate{2026, 2, 28});
    cb::PeriodOf(cb::PeriodKind::Weekly, {2026, 3, 29}, 0, &from, &to, &pf, &pt);  // a Sunday
    CHECK(from == cb::CivilDate{2026, 3, 23});
    CHECK(to == cb::CivilDate{2026, 3, 29});
    CHECK(pf == cb::CivilDate{2026, 3, 16});
    CHECK(pt == cb::CivilDate{2026, 3, 22});
    cb::PeriodOf(cb::PeriodKind::Weekly, {2026, 3, 29}, 6, &from, &to, &pf, &pt);  // weeks from Sunday
    CHECK(from == cb::CivilDate{2026, 3, 29});
    CHECK(to == cb::CivilDate{2026, 4, 4});
    cb::PeriodOf(cb::PeriodKind::Monthly, {2026, 3, 15}, 0, &from, &to, &pf, &pt);
    CHECK(from == cb::CivilDate{2026, 3, 1});
    CHECK(to == cb::CivilDate{2026, 3, 31});
    CHECK(pf == cb::CivilDate{2026, 2, 1});
    CHECK(pt == cb::CivilDate{2026, 2, 28});
    cb::PeriodOf(cb::PeriodKind::Monthly, {2026, 1, 31}, 0, &from, &to, &pf, &pt);
    CHECK(pf == cb::CivilDate{2025, 12, 1});
    CHECK(pt == cb::CivilDate{2025, 12, 31});
}

TEST_CASE("the daily report PDF, in Chinese and English, reads back with its numbers and draws its charts") {
    Fixture f;
    cb::PeriodDocument doc;
    // Saturday 2026-03-28 against Friday (no calls): four sales calls offered, two answered.
    REQUIRE(cb::BuildPeriodDocument(f.reports, cb::PeriodKind::Daily, {2026, 3, 28}, 0, f.admin, &doc).ok());
    CHECK(doc.center.totals[0].counts.offered == 4);
    CHECK(doc.previous.totals[0].counts.offered == 0);
    CHECK(doc.trend.rows.size() == 24);
    CHECK(cb::PeriodFileName(doc, "pdf") == "daily_2026-03-28.pdf");

    std::string pdf, error;
    REQUIRE_MESSAGE(cb::RenderPeriodPdf(doc, cb::PdfLanguage::Zh, &pdf, &error), error);
    CHECK(pdf.starts_with("%PDF-"));
    const std::string zh = WriteFile(f.dir.path() + "/daily_zh.pdf", pdf);
    const std::string text = Squeeze(Run("pdftotext -layout '" + zh + "' -"));
    CHECK(text.find("日报 2026-03-28") != std::string::npos);
    CHECK(text.find("上一期间: 2026-03-27") != std::string::npos);
    CHECK(text.find("Europe/Berlin") != std::string::npos);
    CHECK(text.find("进线 4 0 +4") != std::string::npos);
    CHECK(text.find("接通 2 0 +2") != std::string::npos);
    CHECK(text.find("放弃 2 0 +2") != std::string::npos);
    // The center's default definition: 1 answered within T of 4 offered less 1 short abandon.
    CHECK(text.find("服务水平 #") != std::string::npos);
    CHECK(text.find("33.3% (1/3)") != std::string::npos);
    // Sales: 1 of 4 answered within 20 s (answered_over_offered) against its target of 80 %.
    CHECK(text.find("25.0% / 80%") != std::string::npos);
    CHECK(text.find("按队列") != std::string::npos);
    CHECK(text.find("销售") != std::string::npos);
    CHECK(text.find("按团队") != std::string::npos);
    CHECK(text.find("最差时段") != std::string::npos);
    CHECK(text.find("asa_ms): wait_answered_ms / answered") != std::string::npos);
    CHECK(text.find("sales: answered_over_offered = ") != std::string::npos);
    CHECK(text.find("T = 20 s, 目标 80%, short abandon 5 s") != std::string::npos);

    // The charts: the target band (light green) and the service-level line (blue) on page 1.
    const Image page = Render(zh, 1);
    CHECK(page.w > 300);
    CHECK(page.Count(217, 242, 217, 6) > 3000);  // band
    CHECK(page.Count(31, 89, 191, 30) > 5);     // trend line and points
    CHECK(page.Count(140, 166, 217, 10) > 5);   // offered bars

    REQUIRE(cb::RenderPeriodPdf(doc, cb::PdfLanguage::En, &pdf, &error));
    const std::string en = WriteFile(f.dir.path() + "/daily_en.pdf", pdf);
    const std::string etext = Squeeze(Run("pdftotext -layout '" + en + "' -"));
    CHECK(etext.find("Daily report 2026-03-28") != std::string::npos);
    CHECK(etext.find("Offered 4 0 +4") != std::string::npos);
    CHECK(etext.find("By queue") != std::string::npos);
    CHECK(etext.find("销售") == std::string::npos);  // English names in English
    CHECK(etext.find("Sales") != std::string::npos);
}

TEST_CASE("the weekly and monthly PDFs cover their periods; the incident PDF has its figures and notes") {
    Fixture f;
    cb::PeriodDocument week;
    REQUIRE(cb::BuildPeriodDocument(f.reports, cb::PeriodKind::Weekly, {2026, 3, 28}, 0, f.admin, &week).ok());
    CHECK(week.trend.rows.size() == 7);
    CHECK(week.center.totals[0].counts.offered == 6);  // Saturday's four and Sunday's two
    std::string pdf, error;
    REQUIRE(cb::RenderPeriodPdf(week, cb::PdfLanguage::Zh, &pdf, &error));
    std::string text = Squeeze(Run("pdftotext -layout '" + WriteFile(f.dir.path() + "/w.pdf", pdf) + "' -"));
    CHECK(text.find("周报 2026-03-23 – 2026-03-29") != std::string::npos);
    CHECK(text.find("进线 6 0 +6") != std::string::npos);

    cb::PeriodDocument month;
    REQUIRE(cb::BuildPeriodDocument(f.reports, cb::PeriodKind::Monthly, {2026, 3, 2}, 0, f.admin, &month).ok());
    CHECK(month.trend.rows.size() == 31);
    CHECK(cb::PeriodFileName(month, "pdf") == "monthly_2026-03.pdf");
    REQUIRE(cb::RenderPeriodPdf(month, cb::PdfLanguage::En, &pdf, &error));
    text = Squeeze(Run("pdftotext -layout '" + WriteFile(f.dir.path() + "/m.pdf", pdf) + "' -"));
    CHECK(text.find("Monthly report 2026-03-01 – 2026-03-31") != std::string::npos);

    cb::IncidentQuery q;
    q.date = {2026, 3, 28};
    q.from_min = 8 * 60;
    q.to_min = 9 * 60;
    q.weeks = 2;
    cb::IncidentNote note;
    const cb::Actor actor{"", "127.0.0.1", 0};
    REQUIRE(f.reports
                .AddNote(cbtest::BerlinMs(q.date, 8, 0), cbtest::BerlinMs(q.date, 9, 0), "线路故障，销售队列等待过长", f.admin,
                         actor, &note)
                .ok());
    cb::IncidentReport incident;
    REQUIRE(f.reports.Incident(q, f.admin, &incident).ok());
    REQUIRE(cb::RenderIncidentPdf(incident, cb::PdfLanguage::Zh, &pdf, &error));
    CHECK(cb::IncidentFileName(q, "pdf") == "incident_2026-03-28_0800-0900.pdf");
    const std::string path = WriteFile(f.dir.path() + "/incident.pdf", pdf);
    text = Squeeze(Run("pdftotext -layout '" + path + "' -"));
    CHECK(text.find("事件报告 2026-03-28 08:00–09:00") != std::string::npos);
    CHECK(text.find("线路故障，销售队列等待过长") != std::string::npos);
    CHECK(text.find("进线 4 ") != std::string::npos);
    CHECK(text.find("2026-03-21 (无数据)") != std::string::npos);
    const Image page = Render(path, 1);
    CHECK(page.Count(140, 166, 217, 10) > 5);  // offered bars
}
