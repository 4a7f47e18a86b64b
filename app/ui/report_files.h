// The scheduled reports' page (view_report_files.cpp, docs/reports.md "Scheduled reports"): the
// schedules (listed for every reader of reports; created, edited, enabled, disabled and deleted
// by the roles the server allows) and the download list; the controller asks GET
// /api/reports/schedules and /api/reports/files, sends the schedule form (checked first by the
// same rules as the server, core/report/schedule.h) and downloads a file.
// In the browser a download is the browser's own (the platform opens the file's URL with the
// session's cookie); on the desktop the controller fetches the PDF and the platform saves it.
#pragma once
#include "api_tags.h"
#include <cstdint>
#include <functional>
#include <string>
#include <vector>
#include "client/admin_api.h"
#include "core/report/schedule.h"
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
    std::string mail;                 // "", "sent to N", "retrying: ...", "failed: ..."
    int mail_attempts = 0;
    int64_t mail_next_ms = 0;         // retrying: the next attempt
    struct Attempt {
        int attempt = 0;
        int64_t t_ms = 0;
        std::string error;            // "" sent
    };
    std::vector<Attempt> mail_log;
    std::string last_error;           // the newest failed attempt's reason ("" none)
    std::string url;                  // "/api/reports/files/ID"
};

// A file's mail as the list shows it.
enum class MailStatus { None, Sent, Retrying, Failed };
MailStatus MailStatusOf(const ReportFileEntry& f);

struct ScheduleEntry : ScheduleSpec {
    int64_t id = 0;
    std::string last_period;          // "" none written yet
    std::optional<ReportFileEntry> last_mail;  // its newest file that was mailed or tried
};
// GET /api/reports/schedules -> {"schedules":[...],"may_edit":bool}.
bool SchedulesFromJson(std::string_view body, std::vector<ScheduleEntry>* out, bool* may_edit, std::string* error);
// The body of POST / PUT /api/reports/schedules[/{id}].
std::string ScheduleToJson(const ScheduleSpec& s);

inline constexpr const char* kScheduleKinds[] = {"daily", "weekly", "monthly"};
inline constexpr const char* kScheduleFormats[] = {"pdf", "csv"};
inline constexpr const char* kScheduleLangs[] = {"zh", "en"};

// The schedule form, edited in place by the view.
struct ScheduleForm {
    bool open = false;
    int64_t id = 0;                   // 0: a new schedule
    char name[256] = "";
    int kind = 0;                     // index into kScheduleKinds
    char at[8] = "06:00";
    int weekday = 0;                  // 0 = Monday
    int day_of_month = 1;
    int format = 0;                   // index into kScheduleFormats
    int lang = 0;                     // index into kScheduleLangs
    char queue[72] = "";
    char team[72] = "";
    char recipients[1400] = "";
    char folder[72] = "reports";
    bool enabled = true;
    std::vector<ScheduleProblem> problems;  // one per field, shown beside it
    std::string error;                // the server's refusal that names no field
    bool saving = false;
};
void FormFromSchedule(const ScheduleSpec& s, int64_t id, ScheduleForm* form);
// The form as a schedule; *problems gets every mistake (CheckScheduleAll, and `at` unparsed).
ScheduleSpec ScheduleFromForm(const ScheduleForm& form, std::vector<ScheduleProblem>* problems);
// The problem for a field, or null.
const ScheduleProblem* ProblemFor(const ScheduleForm& form, std::string_view field);

// The page's commands, carried by UiAction::ReportScheduleCommand (value = PackScheduleCommand).
enum class ScheduleCommand : uint8_t {
    New,            // open the form empty
    Edit,           // arg: index into schedules
    Cancel,         // close the form
    Save,           // check the form and send it
    Toggle,         // arg: index: enable or disable
    Delete,         // arg: index: ask to confirm (a second Delete of the same one deletes it)
    CancelDelete,
    ShowMail,       // arg: index: open (or close again) its last mail's attempts
};
inline int PackScheduleCommand(ScheduleCommand c, int arg = 0) { return int(c) | (arg << 8); }

// GET /api/reports/files -> {"files":[...]}; false with why for anything else.
bool ReportFilesFromJson(std::string_view body, std::vector<ReportFileEntry>* out, std::string* error);

struct ReportFilesState {
    bool loading = false;
    bool loaded = false;
    std::vector<ReportFileEntry> files;
    std::vector<ScheduleEntry> schedules;
    bool schedules_loaded = false;
    bool may_edit = false;            // the server lets this account change schedules
    ScheduleForm form;
    int64_t confirm_delete = 0;       // the schedule whose Delete waits for a second click
    int64_t mail_open = 0;            // the schedule whose last mail's attempts are shown
    ApiError schedule_error;          // a refused enable, disable or delete; or the list's
    bool busy = false;                // an enable, disable or delete is on its way
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

    void Refresh();                   // asks for the schedules and the files
    void Command(int packed);         // a ScheduleCommand
    // The team a new schedule starts with: a team lead's own (their schedules must name one).
    void SetDefaultTeam(std::string team) { m_default_team = std::move(team); }
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
    int m_schedules_tag = -1;
    int m_save_tag = -1;
    int m_change_tag = -1;            // enable, disable, delete
    std::string m_default_team;
    int NextTag();
    std::vector<std::pair<int, std::string>> m_downloads;  // tag -> file name
};

}  // namespace cb
