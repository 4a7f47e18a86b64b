// ReportFilesController (report_files.h).
#include "report_files.h"

#include <nlohmann/json.hpp>

namespace cb {

bool ReportFilesFromJson(std::string_view body, std::vector<ReportFileEntry>* out, std::string* error) {
    const nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("files") || !j["files"].is_array()) {
        *error = "expected {\"files\":[...]}";
        return false;
    }
    out->clear();
    for (const nlohmann::json& f : j["files"]) {
        if (!f.is_object()) {
            *error = "files: expected objects";
            return false;
        }
        ReportFileEntry e;
        auto str = [&](const char* k) { return f.contains(k) && f[k].is_string() ? f[k].get<std::string>() : std::string(); };
        auto num = [&](const char* k) { return f.contains(k) && f[k].is_number_integer() ? f[k].get<int64_t>() : int64_t{0}; };
        e.id = num("id");
        e.schedule = str("schedule");
        e.kind = str("kind");
        e.from = str("from");
        e.to = str("to");
        e.lang = str("lang");
        e.file = str("file");
        e.bytes = num("bytes");
        e.created_ms = num("created_ms");
        e.mail = str("mail");
        e.url = str("url");
        if (e.id <= 0 || e.url.empty()) {
            *error = "files: an entry without id or url";
            return false;
        }
        out->push_back(std::move(e));
    }
    return true;
}

void ReportFilesController::Refresh() {
    m_state.loading = true;
    m_state.error = {};
    m_state.unreachable = false;
    m_list_tag = m_next_tag;
    m_next_tag = m_next_tag == kLastTag ? kFirstTag : m_next_tag + 1;
    m_send({"GET", "api/reports/files", "", "", m_list_tag});
}

void ReportFilesController::Download(size_t index) {
    if (index >= m_state.files.size()) return;
    const ReportFileEntry& f = m_state.files[index];
    m_state.saved_to.clear();
    m_state.save_failed.clear();
    if (m_open_url) {
        m_open_url(f.url);
        return;
    }
    const int tag = m_next_tag;
    m_next_tag = m_next_tag == kLastTag ? kFirstTag : m_next_tag + 1;
    m_downloads.push_back({tag, f.file});
    m_send({"GET", f.url.substr(f.url.front() == '/' ? 1 : 0), "", "", tag});
}

void ReportFilesController::OnAnswer(const TransportMessage& answer) {
    for (auto it = m_downloads.begin(); it != m_downloads.end(); ++it) {
        if (it->first != answer.tag) continue;
        const std::string name = it->second;
        m_downloads.erase(it);
        if (answer.status == 200 && m_save) {
            m_state.saved_to = m_save(name, answer.data);
            if (m_state.saved_to.empty()) m_state.save_failed = name;
        } else if (answer.status == 0) {
            m_state.unreachable = true;
        } else {
            m_state.error = ApiErrorFromJson(answer.status, answer.data);
        }
        return;
    }
    if (answer.tag != m_list_tag) return;  // an older list
    m_state.loading = false;
    if (answer.status == 0) {
        m_state.unreachable = true;
        return;
    }
    if (answer.status != 200) {
        m_state.error = ApiErrorFromJson(answer.status, answer.data);
        return;
    }
    std::string error;
    std::vector<ReportFileEntry> files;
    if (!ReportFilesFromJson(answer.data, &files, &error)) {
        m_state.error = {answer.status, "bad_answer", "", error};
        return;
    }
    m_state.files = std::move(files);
    m_state.loaded = true;
}

void ReportFilesController::Clear() {
    m_state = {};
    m_downloads.clear();
    m_list_tag = -1;
}

}  // namespace cb
