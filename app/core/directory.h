// Who and what exists in a center: queues (with their service-level definition), teams and
// agents with their seats. Sources intern their external ids here; events carry the indices.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "kpi.h"

namespace cb {

struct QueueInfo {
    std::string key;        // external id, e.g. "orders" or the Asterisk queue name
    std::string name_en;
    std::string name_zh;
    ServiceLevelDef sl;     // how this queue's service level is defined and its target
    // After-call work the phone system allows (Asterisk's wrapuptime): wrap-up ends by itself
    // this many seconds after a call of this queue. 0: it ends with a WrapUpEnded event or the
    // agent's next state change (sources that report wrap-up themselves).
    int32_t wrap_up_s = 0;
    // The phone system ends wrap-up itself and never reports it (Asterisk: the queue's
    // wrapuptime, 0 = none, the agent is free as soon as the call ends). Wrap-up is then the
    // allowance, wrap_up_s - also when it is 0 - or less if the agent's next state change comes
    // first; it is never the idle time until the agent's next event. Set for every queue of a
    // queue_log source (docs/metrics.md, "Talk, hold, wrap-up and handled").
    bool wrap_up_by_system = false;
};

struct TeamInfo {
    std::string key;
    std::string name_en;
    std::string name_zh;
    uint32_t lead = 0xFFFFFFFFu;  // index of the team lead in agents, if known
};

struct AgentInfo {
    std::string key;        // external id, e.g. "1001" or "SIP/8007"
    std::string name_en;
    std::string name_zh;
    uint16_t team = 0;      // index into teams
    uint16_t seat_row = 0;  // seat position on the floor, within the team's block
    uint16_t seat_col = 0;
    uint16_t tenure_months = 0;
    uint32_t skills = 0;    // bit i set: may take calls of queue i
};

struct Directory {
    std::vector<QueueInfo> queues;
    std::vector<TeamInfo> teams;
    std::vector<AgentInfo> agents;
};

}  // namespace cb
