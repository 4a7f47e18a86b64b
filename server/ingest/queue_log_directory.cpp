// QueueLogMapper's Directory side: configured and unknown members, queues and teams, and the
// pause-reason rules.
#include <algorithm>
#include <cctype>

#include "server/ingest/queue_log_mapper_impl.h"

namespace cb {
namespace {

bool IsNone(std::string_view s) { return s.empty() || s == "NONE"; }

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool ContainsNoCase(std::string_view hay, std::string_view needle) {
    if (needle.empty() || needle.size() > hay.size()) return false;
    for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
        size_t k = 0;
        while (k < needle.size() && LowerAscii(hay[i + k]) == LowerAscii(needle[k])) ++k;
        if (k == needle.size()) return true;
    }
    return false;
}

}  // namespace

QueueLogMapper::Impl::Impl(QueueLogMapperConfig cfg) : config(std::move(cfg)), dir(std::move(config.directory)) {
    config.directory = Directory{};
    holding = config.answered_open == QueueLogAnsweredOpen::Exclude ||
              config.waiting_open == QueueLogWaitingOpen::Exclude;
    agents.resize(dir.agents.size());
    queue_seen.resize(dir.queues.size());
    for (QueueInfo& q : dir.queues) q.wrap_up_by_system = config.wrap_up_by_system;
    // Configured teams, queues and agents are in the directory from the start, so a dashboard
    // shows the whole floor before each member's first line.
    for (const QueueLogTeamMap& t : config.teams) {
        const uint16_t i = TeamIndex(t.key);
        if (!t.name_en.empty()) dir.teams[i].name_en = t.name_en;
        if (!t.name_zh.empty()) dir.teams[i].name_zh = t.name_zh;
    }
    for (const QueueLogQueueMap& q : config.queues) AddQueueFromMap(q);
    for (const QueueLogAgentMap& a : config.agents) AgentIndex(a.member);
    summary.per_queue.resize(dir.queues.size());
    summary.agents = 0;
    summary.queues = 0;
    std::fill(queue_seen.begin(), queue_seen.end(), false);
    for (auto& a : agents) a.seen = false;
    last_agent = kNoAgent;
    last_queue = kNoQueue;
}

uint16_t QueueLogMapper::Impl::TeamIndex(std::string_view key) {
    if (key.empty()) key = kQueueLogUnassignedTeam;
    for (size_t i = 0; i < dir.teams.size(); ++i)
        if (dir.teams[i].key == key) return static_cast<uint16_t>(i);
    TeamInfo t;
    t.key = std::string(key);
    t.name_en = t.key;
    t.name_zh = t.key;
    if (key == kQueueLogUnassignedTeam) {
        t.name_en = "Unassigned";
        t.name_zh = "未分配";
    }
    for (const QueueLogTeamMap& m : config.teams) {
        if (m.key != key) continue;
        if (!m.name_en.empty()) t.name_en = m.name_en;
        if (!m.name_zh.empty()) t.name_zh = m.name_zh;
    }
    dir.teams.push_back(std::move(t));
    ++revision;
    return static_cast<uint16_t>(dir.teams.size() - 1);
}

void QueueLogMapper::Impl::AddQueueFromMap(const QueueLogQueueMap& m) {
    const std::string key = m.key.empty() ? m.name : m.key;
    size_t i = 0;
    while (i < dir.queues.size() && dir.queues[i].key != key) ++i;
    if (i == dir.queues.size()) {
        if (dir.queues.size() >= kNoQueue) return;
        QueueInfo q;
        q.key = key;
        q.name_en = key;
        q.name_zh = key;
        q.sl = m.sl;
        q.wrap_up_s = m.wrap_up_s;
        q.wrap_up_by_system = config.wrap_up_by_system;
        dir.queues.push_back(std::move(q));
        queue_seen.push_back(false);
        ++revision;
    }
    if (!m.name_en.empty()) dir.queues[i].name_en = m.name_en;
    if (!m.name_zh.empty()) dir.queues[i].name_zh = m.name_zh;
    queue_index.emplace(m.name, static_cast<uint16_t>(i));
}

uint16_t QueueLogMapper::Impl::QueueIndex(std::string_view name) {
    if (last_queue != kNoQueue && name == last_queue_name) return last_queue;
    if (IsNone(name)) return kNoQueue;
    auto it = queue_index.find(name);
    uint16_t idx = kNoQueue;
    if (it != queue_index.end()) {
        idx = it->second;
    } else {
        size_t i = 0;
        while (i < dir.queues.size() && dir.queues[i].key != name) ++i;
        if (i == dir.queues.size()) {
            if (dir.queues.size() >= kNoQueue) return kNoQueue;
            QueueInfo q;
            q.key = std::string(name);
            q.name_en = q.key;
            q.name_zh = q.key;
            q.sl = config.default_sl;
            q.wrap_up_s = config.default_wrap_up_s;
            q.wrap_up_by_system = config.wrap_up_by_system;
            dir.queues.push_back(std::move(q));
            queue_seen.push_back(false);
            ++revision;
        }
        idx = static_cast<uint16_t>(i);
        queue_index.emplace(std::string(name), idx);
    }
    if (!queue_seen[idx]) {
        queue_seen[idx] = true;
        ++summary.queues;
    }
    QueueCounts(idx);
    last_queue = idx;
    last_queue_name = queue_index.find(name)->first;
    return idx;
}

uint32_t QueueLogMapper::Impl::AgentIndex(std::string_view member) {
    if (last_agent != kNoAgent && member == last_agent_name) return last_agent;
    if (IsNone(member)) return kNoAgent;
    auto it = agent_index.find(member);
    uint32_t idx = kNoAgent;
    if (it != agent_index.end()) {
        idx = it->second;
    } else {
        const QueueLogAgentMap* m = nullptr;
        for (const QueueLogAgentMap& a : config.agents)
            if (a.member == member) { m = &a; break; }
        const std::string key = m != nullptr && !m->key.empty() ? m->key : std::string(member);
        size_t i = 0;
        while (i < dir.agents.size() && dir.agents[i].key != key) ++i;
        if (i == dir.agents.size()) {
            AgentInfo a;
            a.key = key;
            a.name_en = key;
            a.name_zh = key;
            a.team = TeamIndex(m != nullptr ? std::string_view(m->team) : std::string_view{});
            uint16_t in_team = 0;
            for (const AgentInfo& o : dir.agents) in_team += o.team == a.team;
            a.seat_row = static_cast<uint16_t>(in_team / 7);
            a.seat_col = static_cast<uint16_t>(in_team % 7);
            dir.agents.push_back(std::move(a));
            agents.emplace_back();
            ++revision;
        }
        if (m != nullptr) {
            if (!m->name_en.empty()) dir.agents[i].name_en = m->name_en;
            if (!m->name_zh.empty()) dir.agents[i].name_zh = m->name_zh;
            for (const std::string& name : m->queues) {  // configured queues (or ones seen already)
                auto q = queue_index.find(name);
                if (q != queue_index.end() && q->second < 32) dir.agents[i].skills |= 1u << q->second;
            }
        }
        idx = static_cast<uint32_t>(i);
        agent_index.emplace(std::string(member), idx);
    }
    if (!agents[idx].seen) {
        agents[idx].seen = true;
        ++summary.agents;
    }
    last_agent = idx;
    last_agent_name = agent_index.find(member)->first;
    return idx;
}

NotReadyReason QueueLogMapper::Impl::ReasonFor(std::string_view text) const {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    if (text.empty()) return NotReadyReason::None;
    for (const QueueLogReasonRule& r : config.reasons)
        if (ContainsNoCase(text, r.text)) return r.reason;
    return NotReadyReason::Other;
}

}  // namespace cb
