#include "server/config/config.h"

#include "server/base/time_zone.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace cb {
namespace {

using nlohmann::json;

// Collects the first error with its JSON path.
class Checker {
public:
    explicit Checker(std::string where) : m_where(std::move(where)) {}
    bool failed() const { return !m_error.empty(); }
    const std::string& error() const { return m_error; }
    void Fail(const std::string& path, const std::string& what) {
        if (m_error.empty()) m_error = m_where + ": " + path + ": " + what;
    }

    // Only the listed keys are allowed in an object (catches typos).
    void OnlyKeys(const json& object, const std::string& path, std::initializer_list<const char*> keys) {
        for (auto it = object.begin(); it != object.end(); ++it) {
            bool known = false;
            for (const char* k : keys) known = known || it.key() == k;
            if (!known) Fail(Join(path, it.key()), "unknown setting");
        }
    }
    bool Int(const json& object, const std::string& path, const char* key, int64_t min, int64_t max, int64_t* out) {
        if (!object.contains(key)) return false;
        const json& v = object[key];
        if (!v.is_number_integer() || v.get<int64_t>() < min || v.get<int64_t>() > max) {
            Fail(Join(path, key), "must be a whole number " + std::to_string(min) + " to " + std::to_string(max));
            return false;
        }
        *out = v.get<int64_t>();
        return true;
    }
    bool String(const json& object, const std::string& path, const char* key, std::string* out, bool non_empty) {
        if (!object.contains(key)) return false;
        const json& v = object[key];
        if (!v.is_string() || (non_empty && v.get<std::string>().empty())) {
            Fail(Join(path, key), non_empty ? "must be a non-empty string" : "must be a string");
            return false;
        }
        *out = v.get<std::string>();
        return true;
    }
    static std::string Join(const std::string& path, const std::string& key) {
        return path.empty() ? key : path + "." + key;
    }

private:
    std::string m_where;
    std::string m_error;
};

void ReadSl(Checker& c, const json& v, const std::string& path, ServiceLevelDef* sl) {
    if (!v.is_object()) return c.Fail(path, "must be an object");
    c.OnlyKeys(v, path, {"variant", "threshold_s", "target", "short_abandon_s"});
    std::string variant;
    if (c.String(v, path, "variant", &variant, true) && !ParseSlVariant(variant, &sl->variant)) {
        c.Fail(path + ".variant", "'" + variant + "' is not a service-level variant (docs/metrics.md)");
    }
    int64_t n = 0;
    if (c.Int(v, path, "threshold_s", 1, 3600, &n)) sl->threshold_s = static_cast<int>(n);
    if (c.Int(v, path, "short_abandon_s", 0, 600, &n)) sl->short_abandon_s = static_cast<int>(n);
    if (v.contains("target")) {
        const json& t = v["target"];
        if (!t.is_number() || t.get<double>() <= 0.0 || t.get<double>() > 1.0) {
            c.Fail(path + ".target", "must be a number above 0 and at most 1 (0.8 for 80 %)");
        } else {
            sl->target = t.get<double>();
        }
    }
}

std::string ResolvePath(const std::string& base_dir, const std::string& path) {
    if (path.empty() || path[0] == '/' || base_dir.empty()) return path;
    return base_dir + "/" + path;
}

void ReadQueueLog(Checker& c, const json& v, const std::string& base_dir, Config* config) {
    const std::string path = "queue_log";
    if (!v.is_object()) return c.Fail(path, "must be an object");
    c.OnlyKeys(v, path, {"follow", "answered_open", "waiting_open"});
    std::string text;
    if (c.String(v, path, "follow", &text, true)) config->queue_log_follow = ResolvePath(base_dir, text);
    if (c.String(v, path, "answered_open", &text, true)) {
        if (text == "complete_at_close") config->answered_open = QueueLogAnsweredOpen::CompleteAtClose;
        else if (text == "exclude") config->answered_open = QueueLogAnsweredOpen::Exclude;
        else c.Fail(path + ".answered_open", "'" + text + "' is not complete_at_close or exclude");
    }
    if (c.String(v, path, "waiting_open", &text, true)) {
        if (text == "exited") config->waiting_open = QueueLogWaitingOpen::Exited;
        else if (text == "abandoned") config->waiting_open = QueueLogWaitingOpen::Abandoned;
        else if (text == "exclude") config->waiting_open = QueueLogWaitingOpen::Exclude;
        else c.Fail(path + ".waiting_open", "'" + text + "' is not exited, abandoned or exclude");
    }
}

void ReadAlerts(Checker& c, const json& v, const std::string& base_dir, Config* config) {
    const std::string path = "alerts";
    if (!v.is_object()) return c.Fail(path, "must be an object");
    c.OnlyKeys(v, path, {"webhook_url", "webhook_token", "webhook_token_file", "mail_to"});
    std::string text;
    if (c.String(v, path, "webhook_url", &text, true)) {
        if (text.rfind("http://", 0) != 0 && text.rfind("https://", 0) != 0) {
            c.Fail(path + ".webhook_url", "must start with http:// or https://");
        } else if (text.find_first_of(" \r\n\t") != std::string::npos) {
            c.Fail(path + ".webhook_url", "must not contain spaces or line breaks");
        } else {
            config->alerts.webhook_url = text;
        }
    }
    // The receiver's token (sent as "Authorization: Bearer ..."): a secret, never echoed.
    std::string& token = config->alerts.webhook_token;
    const bool has_token = c.String(v, path, "webhook_token", &token, true);
    std::string file;
    if (c.String(v, path, "webhook_token_file", &file, true)) {
        if (has_token) return c.Fail(path + ".webhook_token_file", "give webhook_token or webhook_token_file, not both");
        std::ifstream in(ResolvePath(base_dir, file));
        if (!in) return c.Fail(path + ".webhook_token_file", "cannot read '" + ResolvePath(base_dir, file) + "'");
        std::getline(in, token);
        while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) token.pop_back();
        if (token.empty()) return c.Fail(path + ".webhook_token_file", "holds no token on its first line");
    }
    if (!token.empty() && token.find_first_of("\r\n") != std::string::npos) {
        c.Fail(path + ".webhook_token", "must be one line");
        token.clear();
    }
    if (!token.empty() && config->alerts.webhook_url.empty()) c.Fail(path + ".webhook_token", "needs webhook_url");
    if (v.contains("mail_to")) {
        const json& m = v["mail_to"];
        if (!m.is_array()) return c.Fail(path + ".mail_to", "must be a list of addresses");
        for (size_t i = 0; i < m.size(); ++i) {
            const std::string at = path + ".mail_to[" + std::to_string(i) + "]";
            if (!m[i].is_string()) {
                c.Fail(at, "must be an address");
                continue;
            }
            const std::string a = m[i].get<std::string>();
            if (a.find('@') == std::string::npos || a.find_first_of("<>\r\n ,") != std::string::npos) {
                c.Fail(at, "'" + a + "' is not a mail address");
                continue;
            }
            config->alerts.mail_to.push_back(a);
        }
    }
}

void ReadScheduledReports(Checker& c, const json& v, const std::string& base_dir, Config* config) {
    const std::string path = "scheduled_reports";
    if (!v.is_object()) return c.Fail(path, "must be an object");
    c.OnlyKeys(v, path, {"folder", "smtp"});
    std::string text;
    if (c.String(v, path, "folder", &text, true)) config->reports_folder = ResolvePath(base_dir, text);
    if (!v.contains("smtp")) return;
    const json& m = v["smtp"];
    const std::string mp = path + ".smtp";
    if (!m.is_object()) return c.Fail(mp, "must be an object");
    c.OnlyKeys(m, mp, {"url", "from", "user", "password", "password_file"});
    SmtpSettings& smtp = config->smtp;
    if (!c.String(m, mp, "url", &smtp.url, true)) c.Fail(mp + ".url", "is required (smtp://host:port or smtps://host:port)");
    else if (smtp.url.rfind("smtp://", 0) != 0 && smtp.url.rfind("smtps://", 0) != 0)
        c.Fail(mp + ".url", "must start with smtp:// or smtps://");
    if (!c.String(m, mp, "from", &smtp.from, true)) c.Fail(mp + ".from", "is required (the sender's address)");
    else if (smtp.from.find('@') == std::string::npos || smtp.from.find_first_of("<>\r\n ") != std::string::npos)
        c.Fail(mp + ".from", "is not a mail address");
    c.String(m, mp, "user", &smtp.user, true);
    const bool has_password = c.String(m, mp, "password", &smtp.password, false);
    std::string file;
    if (c.String(m, mp, "password_file", &file, true)) {
        if (has_password) return c.Fail(mp + ".password_file", "give password or password_file, not both");
        std::ifstream in(ResolvePath(base_dir, file));
        if (!in) return c.Fail(mp + ".password_file", "cannot read '" + ResolvePath(base_dir, file) + "'");
        std::getline(in, smtp.password);
        while (!smtp.password.empty() && (smtp.password.back() == '\r' || smtp.password.back() == ' ')) smtp.password.pop_back();
    }
    if (!smtp.password.empty() && smtp.user.empty()) c.Fail(mp + ".user", "is required with a password");
}

void ReadMapping(Checker& c, const json& root, Config* config) {
    if (root.contains("teams")) {
        const json& teams = root["teams"];
        if (!teams.is_array()) c.Fail("teams", "must be a list");
        for (size_t i = 0; teams.is_array() && i < teams.size(); ++i) {
            const std::string path = "teams[" + std::to_string(i) + "]";
            if (!teams[i].is_object()) {
                c.Fail(path, "must be an object");
                continue;
            }
            c.OnlyKeys(teams[i], path, {"key", "name_en", "name_zh"});
            QueueLogTeamMap team;
            if (!c.String(teams[i], path, "key", &team.key, true)) c.Fail(path + ".key", "is required");
            c.String(teams[i], path, "name_en", &team.name_en, false);
            c.String(teams[i], path, "name_zh", &team.name_zh, false);
            config->teams.push_back(std::move(team));
        }
    }
    if (root.contains("agents")) {
        const json& agents = root["agents"];
        if (!agents.is_array()) c.Fail("agents", "must be a list");
        for (size_t i = 0; agents.is_array() && i < agents.size(); ++i) {
            const std::string path = "agents[" + std::to_string(i) + "]";
            if (!agents[i].is_object()) {
                c.Fail(path, "must be an object");
                continue;
            }
            c.OnlyKeys(agents[i], path, {"member", "key", "name_en", "name_zh", "team", "queues"});
            QueueLogAgentMap agent;
            if (!c.String(agents[i], path, "member", &agent.member, true)) c.Fail(path + ".member", "is required");
            c.String(agents[i], path, "key", &agent.key, false);
            c.String(agents[i], path, "name_en", &agent.name_en, false);
            c.String(agents[i], path, "name_zh", &agent.name_zh, false);
            if (c.String(agents[i], path, "team", &agent.team, true)) {
                bool found = false;
                for (const QueueLogTeamMap& t : config->teams) found = found || t.key == agent.team;
                if (!found) c.Fail(path + ".team", "'" + agent.team + "' is not a key in teams");
            }
            if (agents[i].contains("queues")) {  // queue names (queuename column) it is a member of
                const json& queues = agents[i]["queues"];
                if (!queues.is_array()) c.Fail(path + ".queues", "must be a list of queue names");
                for (size_t k = 0; queues.is_array() && k < queues.size(); ++k) {
                    if (!queues[k].is_string() || queues[k].get<std::string>().empty()) {
                        c.Fail(path + ".queues[" + std::to_string(k) + "]", "must be a non-empty string");
                    } else {
                        agent.queues.push_back(queues[k].get<std::string>());
                    }
                }
            }
            config->agents.push_back(std::move(agent));
        }
    }
    if (root.contains("queues")) {
        const json& queues = root["queues"];
        if (!queues.is_array()) c.Fail("queues", "must be a list");
        for (size_t i = 0; queues.is_array() && i < queues.size(); ++i) {
            const std::string path = "queues[" + std::to_string(i) + "]";
            if (!queues[i].is_object()) {
                c.Fail(path, "must be an object");
                continue;
            }
            c.OnlyKeys(queues[i], path, {"name", "key", "name_en", "name_zh", "sl", "wrap_up_s"});
            QueueLogQueueMap queue;
            std::string key;
            const bool has_name = c.String(queues[i], path, "name", &queue.name, true);
            const bool has_key = c.String(queues[i], path, "key", &key, true);
            if (!has_name && !has_key) c.Fail(path, "needs a name (as in queue_log) or a key");
            queue.key = has_key ? key : queue.name;
            if (!has_name) queue.name = queue.key;
            c.String(queues[i], path, "name_en", &queue.name_en, false);
            c.String(queues[i], path, "name_zh", &queue.name_zh, false);
            queue.sl = config->default_sl;
            queue.wrap_up_s = config->default_wrap_up_s;
            int64_t wrap = 0;
            if (c.Int(queues[i], path, "wrap_up_s", 0, 3600, &wrap)) queue.wrap_up_s = static_cast<int32_t>(wrap);
            if (queues[i].contains("sl")) ReadSl(c, queues[i]["sl"], path + ".sl", &queue.sl);
            for (const QueueSl& other : config->sl) {
                if (other.queue == queue.key) c.Fail(path + ".key", "'" + queue.key + "' is listed twice");
            }
            config->sl.push_back(QueueSl{queue.key, queue.sl});
            config->queues.push_back(std::move(queue));
        }
    }
}

}  // namespace

ServiceLevelDef Config::SlFor(const std::string& queue_key) const {
    for (const QueueSl& q : sl) {
        if (q.queue == queue_key) return q.sl;
    }
    return default_sl;
}

int32_t Config::WrapUpFor(const std::string& queue_key) const {
    for (const QueueLogQueueMap& q : queues) {
        if (q.key == queue_key) return q.wrap_up_s;
    }
    return default_wrap_up_s;
}

QueueLogMapperConfig Config::MapperConfig() const {
    QueueLogMapperConfig mapper;
    mapper.teams = teams;
    mapper.agents = agents;
    mapper.queues = queues;
    mapper.default_sl = default_sl;
    mapper.default_wrap_up_s = default_wrap_up_s;
    mapper.answered_open = answered_open;
    mapper.waiting_open = waiting_open;
    return mapper;
}

Result<Config> ParseConfig(const std::string& text, const std::string& where, const std::string& base_dir) {
    json root;
    try {
        root = json::parse(text);
    } catch (const json::parse_error& e) {
        // e.byte is 1-based; report the line and column a person can find.
        size_t line = 1, column = 1;
        for (size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        return Status::Error(where + ": line " + std::to_string(line) + ", column " + std::to_string(column) +
                             ": not valid JSON");
    }
    if (!root.is_object()) return Status::Error(where + ": must be a JSON object");
    Config config;
    config.path = where;
    Checker c(where);
    c.OnlyKeys(root, "", {"time_zone", "tz_offset_min", "interval_minutes", "ingest_token", "ingest_token_file",
                          "queue_log", "default_sl", "default_wrap_up_s", "teams", "agents", "queues", "scheduled_reports",
                          "alerts"});
    int64_t n = 0;
    const bool has_offset = c.Int(root, "", "tz_offset_min", -720, 840, &n);
    if (has_offset) config.tz_offset_min = static_cast<int32_t>(n);
    std::string zone_name;
    if (c.String(root, "", "time_zone", &zone_name, true)) {
        if (has_offset) {
            c.Fail("time_zone", "give time_zone or tz_offset_min, not both");
        } else {
            Result<TimeZone> zone = LoadTimeZone(zone_name);
            if (zone.ok()) config.zone = zone.value();
            else c.Fail("time_zone", zone.status().message());
        }
    }
    if (c.Int(root, "", "interval_minutes", 15, 60, &n)) {
        if (n != 15 && n != 30 && n != 60) c.Fail("interval_minutes", "must be 15, 30 or 60");
        else config.interval_minutes = static_cast<int>(n);
    }
    std::string token, token_file;
    const bool has_token = c.String(root, "", "ingest_token", &token, true);
    const bool has_token_file = c.String(root, "", "ingest_token_file", &token_file, true);
    if (has_token && has_token_file) c.Fail("ingest_token_file", "give ingest_token or ingest_token_file, not both");
    if (has_token_file && !c.failed()) {
        const std::string file = ResolvePath(base_dir, token_file);
        std::ifstream in(file);
        if (!in) {
            c.Fail("ingest_token_file", "cannot read '" + file + "'");
        } else {
            std::getline(in, token);
            while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) token.pop_back();
            if (token.empty()) c.Fail("ingest_token_file", "'" + file + "' holds no token on its first line");
        }
    }
    if (!token.empty() && token.size() < 16) {
        c.Fail(has_token ? "ingest_token" : "ingest_token_file", "the token must be at least 16 characters");
    }
    config.ingest_token = token;
    config.api_enabled = !token.empty();
    if (root.contains("default_sl")) ReadSl(c, root["default_sl"], "default_sl", &config.default_sl);
    if (c.Int(root, "", "default_wrap_up_s", 0, 3600, &n)) config.default_wrap_up_s = static_cast<int32_t>(n);
    if (root.contains("queue_log")) ReadQueueLog(c, root["queue_log"], base_dir, &config);
    if (root.contains("scheduled_reports")) ReadScheduledReports(c, root["scheduled_reports"], base_dir, &config);
    if (root.contains("alerts")) ReadAlerts(c, root["alerts"], base_dir, &config);
    if (!config.alerts.mail_to.empty() && !config.smtp.configured()) {
        c.Fail("alerts.mail_to", "needs scheduled_reports.smtp (the relay mail goes through)");
    }
    ReadMapping(c, root, &config);
    if (c.failed()) return Status::Error(c.error());
    return config;
}

Result<Config> LoadConfig(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::Error(path + ": cannot read the configuration file");
    std::ostringstream text;
    text << in.rdbuf();
    const size_t slash = path.rfind('/');
    const std::string base_dir = slash == std::string::npos ? "" : path.substr(0, slash);
    return ParseConfig(text.str(), path, base_dir);
}

}  // namespace cb
