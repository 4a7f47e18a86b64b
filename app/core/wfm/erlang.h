// Queueing models for staffing (docs/wfm.md): Erlang B (no queue), Erlang C (callers wait as long
// as it takes) and Erlang A (callers abandon after an exponential patience). Pure math, finite
// and accurate for thousands of Erlangs (recursions and log-space sums, never A^N / N!). An
// unstable Erlang C queue (agents <= offered load) is reported as such, never as a number.
#pragma once
#include <cstdint>
#include <vector>
#include <string>

namespace cb::wfm {

// Offered load: `calls` arriving in `interval_s` seconds, each taking `aht_s` seconds to handle.
struct Load {
    double calls = 0;
    double interval_s = 1800;
    double aht_s = 180;
    double erlangs() const { return interval_s > 0 ? calls * aht_s / interval_s : 0; }
    double arrivals_per_s() const { return interval_s > 0 ? calls / interval_s : 0; }
};

// Blocking probability of n trunks offered a Erlangs (a call finding all busy is lost).
double ErlangB(int64_t n, double a);

struct QueueResult {
    bool stable = false;       // Erlang C: agents > load; Erlang A: always
    double p_wait = 0;         // an arriving caller waits (all agents busy)
    double service_level = 0;  // answered within T / all callers
    double asa_s = 0;          // mean wait (Erlang C: of all callers; Erlang A: of all arrivals)
    double occupancy = 0;      // busy agents / agents
    double p_abandon = 0;      // Erlang A: a caller abandons; Erlang C: 0
};

// Erlang C with n agents: p_wait = C(n, A), SL(T) = 1 - C e^{-(n - A) T / AHT},
// ASA = C AHT / (n - A), occupancy A / n. stable == false (and nothing else set) when n <= A.
QueueResult ErlangC(int64_t n, const Load& load, double t_s);
// ErlangC for every n in [n_from, n_to] at once (one Erlang B recursion; element i equals
// ErlangC(n_from + i, load, t_s)): for figures over several agent counts, e.g. live staffing.
// Empty when n_to < n_from or n_from < 0.
std::vector<QueueResult> ErlangCRange(int64_t n_from, int64_t n_to, const Load& load, double t_s);
// Erlang A (M/M/n+M) with mean patience patience_s, from the exact stationary distribution of
// its birth-death chain; SL counts callers answered within T over all arrivals.
QueueResult ErlangA(int64_t n, const Load& load, double patience_s, double t_s);

// What staffing must reach: a service level (fraction within T) or an average speed of answer,
// at most max_occupancy busy, then spread over (1 - shrinkage) for breaks and absence.
struct Target {
    enum class Kind { ServiceLevel, Asa } kind = Kind::ServiceLevel;
    double service_level = 0.8;  // Kind::ServiceLevel: fraction of callers within t_s
    double t_s = 20;
    double asa_s = 20;           // Kind::Asa: the mean wait allowed
    double max_occupancy = 1.0;  // (0, 1]
    double shrinkage = 0.0;      // [0, 1)
    double patience_s = 0;       // > 0: Erlang A with this mean patience; 0: Erlang C
};

struct Staffing {
    bool ok = false;
    std::string why;        // when !ok: which input cannot be met and why
    int64_t raw_agents = 0; // on the phones
    int64_t agents = 0;     // scheduled: raw / (1 - shrinkage), rounded up
    QueueResult at_raw;     // the model's figures with raw_agents
};

// The smallest number of agents meeting the target (SL or ASA, and max occupancy), searched
// from the load upwards with the Erlang B recursion carried along (cheap per interval).
Staffing RequiredAgents(const Load& load, const Target& target);

// A target as "80/20" (percent / seconds): false with why when malformed.
bool ParseServiceLevelTarget(const std::string& text, double* fraction, double* t_s, std::string* why);

}  // namespace cb::wfm
