// The scheduled reports' download list (view_report_files.cpp, docs/reports.md "Scheduled
// reports"): its state and the controller that asks GET /api/reports/files and downloads a file.
// In the browser a download is the browser's own (the platform opens the file's URL with the
// session's cookie); on the desktop the controller fetches the PDF and the platform saves it.
#pragma once
#include "api_tags.h"
#include <cstdint>
#include <functional>
#include <string>
#include <vector>
#include "client/admin_api.h"
#include "client/transport.h"

namespace cb {

struct ReportFileEntry {
    int64_t id = 0;
    std::string schedule;             // the schedule's name ("" when it was deleted since)
    std::string kind;                 // daily, weekly, monthly
    std::string from, to;             // the period, YYYY-MM-DD
    std::string lang;                 // zh, en
    std::string file;                 // "daily_2026-03-28_zh.pdf"
    int64_t bytes = 0;
    int64_t created_ms = 0;
    std::string mail;                 // "", "sent to N", "failed: ..."
    std::string url;                  // "/api/reports/files/ID"
};

// GET /api/reports/files -> {"files":[...]}; false with why for anything else.
bool ReportFilesFromJson(std::string_view body, std::vector<ReportFileEntry>* out, std::string* error);

struct ReportFilesState {
    bool loading = false;
    bool loaded = false;
    std::vector<ReportFileEntry> files;
    ApiError error;                   // status 0 and empty message: none
    bool unreachable = false;
    std::string saved_to;             // desktop: where the last download was saved
    std::string save_failed;          // desktop: the file that could not be saved
};

class ReportFilesController {
public:
    static constexpr int kFirstTag = api_tags::kReportFiles.first, kLastTag = api_tags::kReportFiles.last;
    static bool OwnsTag(int tag) { return tag >= kFirstTag && tag <= kLastTag; }

    using Send = std::function<void(ApiRequest)>;
    // open_url: the browser downloads a URL itself (empty on the desktop). save: the desktop
    // saves a downloaded file's bytes and returns where ("" when it could not).
    using OpenUrl = std::function<void(const std::string& url)>;
    using Save = std::function<std::string(const std::string& name, const std::string& bytes)>;
    ReportFilesController(Send send, OpenUrl open_url, Save save)
        : m_send(std::move(send)), m_open_url(std::move(open_url)), m_save(std::move(save)) {}
    void SetPlatform(OpenUrl open_url, Save save) {
        m_open_url = std::move(open_url);
        m_save = std::move(save);
    }

    ReportFilesState& state() { return m_state; }
    const ReportFilesState& state() const { return m_state; }

    void Refresh();                   // asks for the list
    void Download(size_t index);      // the file at this index of the list
    void OnAnswer(const TransportMessage& answer);
    void Clear();

private:
    Send m_send;
    OpenUrl m_open_url;
    Save m_save;
    ReportFilesState m_state;
    int m_next_tag = kFirstTag;
    int m_list_tag = -1;
    std::vector<std::pair<int, std::string>> m_downloads;  // tag -> file name
};

}  // namespace cb
