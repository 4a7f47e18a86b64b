// ReportFilesController (report_files.h).
#include "report_files.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace cb {

namespace {

// One file of GET /api/reports/files (or a schedule's last_mail); false without id or url.
bool FileFromJson(const nlohmann::json& f, ReportFileEntry* out) {
    if (!f.is_object()) return false;
    auto str = [&](const char* k) { return f.contains(k) && f[k].is_string() ? f[k].get<std::string>() : std::string(); };
    auto num = [&](const char* k) { return f.contains(k) && f[k].is_number_integer() ? f[k].get<int64_t>() : int64_t{0}; };
    ReportFileEntry e;
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
    e.mail_attempts = static_cast<int>(num("mail_attempts"));
    e.mail_next_ms = num("mail_next_ms");
    if (f.contains("mail_log") && f["mail_log"].is_array()) {
        for (const nlohmann::json& a : f["mail_log"]) {
            if (!a.is_object()) continue;
            ReportFileEntry::Attempt at;
            at.attempt = a.value("attempt", 0);
            at.t_ms = a.value("t_ms", int64_t{0});
            at.error = a.contains("error") && a["error"].is_string() ? a["error"].get<std::string>() : "";
            e.mail_log.push_back(std::move(at));
        }
    }
    e.last_error = str("last_error");
    e.url = str("url");
    if (e.id <= 0 || e.url.empty()) return false;
    *out = std::move(e);
    return true;
}

}  // namespace

bool ReportFilesFromJson(std::string_view body, std::vector<ReportFileEntry>* out, std::string* error) {
    const nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("files") || !j["files"].is_array()) {
        *error = "expected {\"files\":[...]}";
        return false;
    }
    out->clear();
    for (const nlohmann::json& f : j["files"]) {
        ReportFileEntry e;
        if (!f.is_object()) {
            *error = "files: expected objects";
            return false;
        }
        if (!FileFromJson(f, &e)) {
            *error = "files: an entry without id or url";
            return false;
        }
        out->push_back(std::move(e));
    }
    return true;
}

MailStatus MailStatusOf(const ReportFileEntry& f) {
    if (f.mail.rfind("sent", 0) == 0) return MailStatus::Sent;
    if (f.mail.rfind("retrying", 0) == 0) return MailStatus::Retrying;
    if (f.mail.rfind("failed", 0) == 0) return MailStatus::Failed;
    return MailStatus::None;
}

bool SchedulesFromJson(std::string_view body, std::vector<ScheduleEntry>* out, bool* may_edit, std::string* error) {
    const nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("schedules") || !j["schedules"].is_array()) {
        *error = "expected {\"schedules\":[...]}";
        return false;
    }
    *may_edit = j.value("may_edit", false);
    out->clear();
    for (const nlohmann::json& o : j["schedules"]) {
        if (!o.is_object() || !o.contains("id") || !o["id"].is_number_integer()) {
            *error = "schedules: an entry without id";
            return false;
        }
        auto str = [&](const char* k) { return o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string(); };
        ScheduleEntry e;
        e.id = o["id"].get<int64_t>();
        e.name = str("name");
        e.kind = str("kind");
        if (ParseScheduleAt(str("at"), &e.at_min)) {
            *error = "schedules: a bad time '" + str("at") + "'";
            return false;
        }
        e.lang = str("lang");
        const std::string weekday = str("first_weekday");
        static const char* kDays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
        for (int d = 0; d < 7; ++d)
            if (weekday == kDays[d]) e.first_weekday = d;
        e.day_of_month = o.value("day_of_month", 1);
        e.format = str("format");
        e.queue = str("queue");
        e.team = str("team");
        e.folder = str("folder");
        e.recipients.clear();
        if (o.contains("recipients") && o["recipients"].is_array())
            for (const nlohmann::json& a : o["recipients"])
                if (a.is_string()) e.recipients += (e.recipients.empty() ? "" : ", ") + a.get<std::string>();
        e.enabled = o.value("enabled", true);
        e.last_period = str("last_period");
        if (o.contains("last_mail") && o["last_mail"].is_object()) {
            ReportFileEntry m;
            if (!FileFromJson(o["last_mail"], &m)) {
                *error = "schedules: a last_mail without id or url";
                return false;
            }
            e.last_mail = std::move(m);
        }
        out->push_back(std::move(e));
    }
    return true;
}

std::string ScheduleToJson(const ScheduleSpec& s) {
    static const char* kDays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    std::vector<std::string> to;
    std::string ignored;
    ParseRecipients(s.recipients, &to, &ignored);
    nlohmann::json j{{"name", s.name},
                     {"kind", s.kind},
                     {"at", FormatScheduleAt(s.at_min)},
                     {"lang", s.lang},
                     {"first_weekday", kDays[s.first_weekday >= 0 && s.first_weekday < 7 ? s.first_weekday : 0]},
                     {"day_of_month", s.day_of_month},
                     {"format", s.format},
                     {"queue", s.queue.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.queue)},
                     {"team", s.team.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.team)},
                     {"folder", s.folder},
                     {"recipients", to},
                     {"enabled", s.enabled}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

template <size_t N>
int IndexOf(const char* const (&names)[N], const std::string& v) {
    for (size_t i = 0; i < N; ++i)
        if (v == names[i]) return static_cast<int>(i);
    return 0;
}

template <size_t N>
void Copy(char (&out)[N], const std::string& v) {
    const size_t n = std::min(v.size(), N - 1);
    v.copy(out, n);
    out[n] = 0;
}

std::string Trimmed(const char* text) {
    std::string s(text);
    const size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

}  // namespace

void FormFromSchedule(const ScheduleSpec& s, int64_t id, ScheduleForm* f) {
    *f = ScheduleForm{};
    f->open = true;
    f->id = id;
    Copy(f->name, s.name);
    f->kind = IndexOf(kScheduleKinds, s.kind);
    Copy(f->at, FormatScheduleAt(s.at_min));
    f->weekday = s.first_weekday;
    f->day_of_month = s.day_of_month;
    f->format = IndexOf(kScheduleFormats, s.format);
    f->lang = IndexOf(kScheduleLangs, s.lang);
    Copy(f->queue, s.queue);
    Copy(f->team, s.team);
    Copy(f->recipients, s.recipients);
    Copy(f->folder, s.folder);
    f->enabled = s.enabled;
}

ScheduleSpec ScheduleFromForm(const ScheduleForm& f, std::vector<ScheduleProblem>* problems) {
    ScheduleSpec s;
    s.name = Trimmed(f.name);
    s.kind = kScheduleKinds[std::clamp(f.kind, 0, 2)];
    std::optional<ScheduleProblem> at = ParseScheduleAt(Trimmed(f.at), &s.at_min);
    s.first_weekday = f.weekday;
    s.day_of_month = f.day_of_month;
    s.format = kScheduleFormats[std::clamp(f.format, 0, 1)];
    s.lang = kScheduleLangs[std::clamp(f.lang, 0, 1)];
    s.queue = Trimmed(f.queue);
    s.team = Trimmed(f.team);
    s.recipients = Trimmed(f.recipients);
    s.folder = Trimmed(f.folder);
    s.enabled = f.enabled;
    *problems = CheckScheduleAll(s);
    if (at) problems->insert(problems->begin(), *at);
    return s;
}

const ScheduleProblem* ProblemFor(const ScheduleForm& form, std::string_view field) {
    for (const ScheduleProblem& p : form.problems)
        if (p.field == field) return &p;
    return nullptr;
}

int ReportFilesController::NextTag() {
    const int tag = m_next_tag;
    m_next_tag = m_next_tag == kLastTag ? kFirstTag : m_next_tag + 1;
    return tag;
}

void ReportFilesController::Refresh() {
    m_state.loading = true;
    m_state.error = {};
    m_state.unreachable = false;
    m_list_tag = NextTag();
    m_send({"GET", "api/reports/files", "", "", m_list_tag});
    m_schedules_tag = NextTag();
    m_send({"GET", "api/reports/schedules", "", "", m_schedules_tag});
}

void ReportFilesController::Command(int packed) {
    const ScheduleCommand c = static_cast<ScheduleCommand>(packed & 0xFF);
    const int arg = packed >> 8;
    const bool valid_index = arg >= 0 && static_cast<size_t>(arg) < m_state.schedules.size();
    m_state.schedule_error = {};
    switch (c) {
    case ScheduleCommand::New: {
        ScheduleSpec spec;
        spec.team = m_default_team;
        FormFromSchedule(spec, 0, &m_state.form);
        break;
    }
    case ScheduleCommand::Edit:
        if (valid_index) FormFromSchedule(m_state.schedules[static_cast<size_t>(arg)], m_state.schedules[static_cast<size_t>(arg)].id, &m_state.form);
        break;
    case ScheduleCommand::Cancel:
        m_state.form = ScheduleForm{};
        m_save_tag = -1;
        break;
    case ScheduleCommand::Save: {
        ScheduleForm& f = m_state.form;
        if (!f.open || f.saving) break;
        f.error.clear();
        const ScheduleSpec spec = ScheduleFromForm(f, &f.problems);
        if (!f.problems.empty()) break;  // shown beside the fields; nothing sent
        f.saving = true;
        m_save_tag = NextTag();
        if (f.id == 0) m_send({"POST", "api/reports/schedules", ScheduleToJson(spec), "", m_save_tag});
        else m_send({"PUT", "api/reports/schedules/" + std::to_string(f.id), ScheduleToJson(spec), "", m_save_tag});
        break;
    }
    case ScheduleCommand::Toggle: {
        if (!valid_index || m_state.busy) break;
        const ScheduleEntry& e = m_state.schedules[static_cast<size_t>(arg)];
        m_state.busy = true;
        m_change_tag = NextTag();
        m_send({"PUT", "api/reports/schedules/" + std::to_string(e.id), e.enabled ? "{\"enabled\":false}" : "{\"enabled\":true}", "",
                m_change_tag});
        break;
    }
    case ScheduleCommand::Delete: {
        if (!valid_index || m_state.busy) break;
        const int64_t id = m_state.schedules[static_cast<size_t>(arg)].id;
        if (m_state.confirm_delete != id) {
            m_state.confirm_delete = id;
            break;
        }
        m_state.confirm_delete = 0;
        m_state.busy = true;
        m_change_tag = NextTag();
        m_send({"DELETE", "api/reports/schedules/" + std::to_string(id), "", "", m_change_tag});
        if (m_state.form.id == id) m_state.form = ScheduleForm{};
        break;
    }
    case ScheduleCommand::CancelDelete: m_state.confirm_delete = 0; break;
    case ScheduleCommand::ShowMail:
        if (valid_index) {
            const int64_t id = m_state.schedules[static_cast<size_t>(arg)].id;
            m_state.mail_open = m_state.mail_open == id ? 0 : id;
        }
        break;
    }
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
    if (answer.tag == m_schedules_tag) {
        m_schedules_tag = -1;
        if (answer.status == 0) {
            m_state.unreachable = true;
            return;
        }
        std::string error;
        std::vector<ScheduleEntry> schedules;
        bool may_edit = false;
        if (answer.status != 200) m_state.schedule_error = ApiErrorFromJson(answer.status, answer.data);
        else if (!SchedulesFromJson(answer.data, &schedules, &may_edit, &error)) m_state.schedule_error = {answer.status, "bad_answer", "", error};
        else {
            m_state.schedules = std::move(schedules);
            m_state.may_edit = may_edit;
            m_state.schedules_loaded = true;
        }
        return;
    }
    if (answer.tag == m_save_tag) {
        m_save_tag = -1;
        ScheduleForm& f = m_state.form;
        f.saving = false;
        if (answer.status == 200 || answer.status == 201) {
            f = ScheduleForm{};
            Refresh();
            return;
        }
        if (answer.status == 0) {
            m_state.unreachable = true;
            return;
        }
        const ApiError e = ApiErrorFromJson(answer.status, answer.data);
        // The server's own check failed on a field (an unknown queue, another team): beside it.
        if (answer.status == 400 && !e.field.empty()) {
            std::string message = e.message;
            if (message.rfind(e.field + ": ", 0) == 0) message.erase(0, e.field.size() + 2);
            f.problems = {{e.field, message}};
        } else {
            f.error = e.message.empty() ? "HTTP " + std::to_string(answer.status) : e.message;
        }
        return;
    }
    if (answer.tag == m_change_tag) {
        m_change_tag = -1;
        m_state.busy = false;
        if (answer.status == 0) m_state.unreachable = true;
        else if (answer.status != 200 && answer.status != 204) m_state.schedule_error = ApiErrorFromJson(answer.status, answer.data);
        Refresh();
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
    m_list_tag = m_schedules_tag = m_save_tag = m_change_tag = -1;
}

}  // namespace cb
