// Schedule adherence and conformance (adherence.h).
#include "adherence.h"

#include <algorithm>

namespace cb::wfm {
namespace {

constexpr std::string_view kActivityNames[] = {"on_queue", "break", "lunch", "meeting", "training", "other", "off"};
constexpr std::string_view kImpactNames[] = {"none", "positive", "negative", "neutral"};
constexpr std::string_view kStatusNames[] = {"in_adherence", "out_of_adherence", "unscheduled", "unknown"};

}  // namespace

std::string_view ActivityName(Activity a) {
    const auto i = static_cast<size_t>(a);
    return i < std::size(kActivityNames) ? kActivityNames[i] : "unknown";
}

bool ParseActivity(std::string_view name, Activity* out) {
    for (size_t i = 0; i < std::size(kActivityNames); ++i) {
        if (kActivityNames[i] == name) {
            *out = static_cast<Activity>(i);
            return true;
        }
    }
    return false;
}

bool ParseImpact(std::string_view name, Impact* out) {
    for (size_t i = 0; i < std::size(kImpactNames); ++i) {
        if (kImpactNames[i] == name) {
            *out = static_cast<Impact>(i);
            return true;
        }
    }
    return false;
}

bool ParseLiveStatus(std::string_view name, LiveStatus* out) {
    for (size_t i = 0; i < std::size(kStatusNames); ++i) {
        if (kStatusNames[i] == name) {
            *out = static_cast<LiveStatus>(i);
            return true;
        }
    }
    return false;
}

bool IsOnQueue(Activity a) { return a == Activity::OnQueue; }

Activity ActivityOf(AgentState state, NotReadyReason reason) {
    switch (state) {
    case AgentState::Available:
    case AgentState::Ringing:
    case AgentState::OnCall:
    case AgentState::OnHold:
    case AgentState::WrapUp: return Activity::OnQueue;
    case AgentState::NotReady:
        switch (reason) {
        case NotReadyReason::Break: return Activity::Break;
        case NotReadyReason::Lunch: return Activity::Lunch;
        case NotReadyReason::Meeting: return Activity::Meeting;
        case NotReadyReason::Training:
        case NotReadyReason::Coaching: return Activity::Training;
        default: return Activity::Other;
        }
    case AgentState::LoggedOut:
    case AgentState::kCount: break;
    }
    return Activity::Off;
}

std::string_view ImpactName(Impact i) {
    const auto k = static_cast<size_t>(i);
    return k < std::size(kImpactNames) ? kImpactNames[k] : "none";
}

Impact ImpactOf(Activity scheduled, Activity actual) {
    if (scheduled == actual) return Impact::None;
    if (IsOnQueue(actual)) return Impact::Positive;    // working instead of being off queue
    if (IsOnQueue(scheduled)) return Impact::Negative; // off queue when it should answer
    if (actual == Activity::Off || scheduled == Activity::Off) return Impact::Negative;
    return Impact::Neutral;                             // one off-queue activity for another
}

std::string_view LiveStatusName(LiveStatus s) {
    const auto i = static_cast<size_t>(s);
    return i < std::size(kStatusNames) ? kStatusNames[i] : "unknown";
}

AdherenceResult Adherence(std::vector<Planned> schedule, std::vector<Spell> spells, int64_t from_ms, int64_t to_ms,
                          const AdherenceOptions& options) {
    AdherenceResult r;
    if (to_ms <= from_ms) return r;
    std::sort(schedule.begin(), schedule.end(), [](const Planned& a, const Planned& b) { return a.start_ms < b.start_ms; });
    std::sort(spells.begin(), spells.end(), [](const Spell& a, const Spell& b) { return a.start_ms < b.start_ms; });
    // Cut [from, to) at every boundary; each piece has one planned and one actual activity.
    std::vector<int64_t> cuts{from_ms, to_ms};
    for (const Planned& p : schedule) cuts.insert(cuts.end(), {p.start_ms, p.end_ms});
    for (const Spell& s : spells) cuts.insert(cuts.end(), {s.start_ms, s.end_ms});
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    struct Piece {
        int64_t start, end;
        Activity scheduled, actual;
    };
    std::vector<Piece> pieces;
    size_t spell = 0;
    for (size_t i = 0; i + 1 < cuts.size(); ++i) {
        const int64_t a = cuts[i], b = cuts[i + 1];
        if (a < from_ms || b > to_ms || a >= b) continue;
        while (spell < spells.size() && spells[spell].end_ms <= a) ++spell;
        Activity actual = Activity::Off;
        for (size_t k = spell; k < spells.size() && spells[k].start_ms <= a; ++k) {
            if (a < spells[k].end_ms) actual = ActivityOf(spells[k].state, spells[k].reason);
        }
        const Piece piece{a, b, ScheduledAt(schedule, a), actual};
        if (!pieces.empty() && pieces.back().end == a && pieces.back().scheduled == piece.scheduled &&
            pieces.back().actual == piece.actual) {
            pieces.back().end = b;
        } else {
            pieces.push_back(piece);
        }
    }
    // Contiguous out-of-adherence time decides whether its deviations count.
    for (size_t i = 0; i < pieces.size();) {
        if (pieces[i].scheduled == pieces[i].actual) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < pieces.size() && pieces[j].scheduled != pieces[j].actual &&
               (j == i || pieces[j].start == pieces[j - 1].end)) {
            ++j;
        }
        const int64_t length = pieces[j - 1].end - pieces[i].start;
        for (size_t k = i; k < j; ++k) {
            Deviation d;
            d.start_ms = pieces[k].start;
            d.end_ms = pieces[k].end;
            d.scheduled = pieces[k].scheduled;
            d.actual = pieces[k].actual;
            d.impact = ImpactOf(d.scheduled, d.actual);
            d.counted = length >= options.exception_threshold_ms;
            d.severe = length >= options.severe_threshold_ms;
            r.deviations.push_back(d);
        }
        i = j;
    }
    for (const Piece& p : pieces) {
        const int64_t ms = p.end - p.start;
        if (p.scheduled != Activity::Off) r.scheduled_ms += ms;
        if (IsOnQueue(p.scheduled)) r.scheduled_on_queue_ms += ms;
        if (IsOnQueue(p.actual)) r.actual_on_queue_ms += ms;
        if (options.count_outside_shift && p.scheduled == Activity::Off && IsOnQueue(p.actual)) r.scheduled_ms += ms;
    }
    for (const Deviation& d : r.deviations) {
        if (!d.counted) continue;
        if (d.scheduled != Activity::Off || (options.count_outside_shift && IsOnQueue(d.actual))) {
            r.exception_ms += d.end_ms - d.start_ms;
        }
    }
    r.valid = r.scheduled_ms > 0;
    if (r.valid) {
        r.adherence = std::max(0.0, 1.0 - static_cast<double>(r.exception_ms) / static_cast<double>(r.scheduled_ms));
    }
    if (r.scheduled_on_queue_ms > 0) {
        r.conformance = static_cast<double>(r.actual_on_queue_ms) / static_cast<double>(r.scheduled_on_queue_ms);
    }
    return r;
}

LiveAdherence LiveStatusOf(const std::vector<Planned>& schedule_in, AgentState state, NotReadyReason reason,
                           int64_t state_since_ms, int64_t now_ms, bool known, const AdherenceOptions& options) {
    LiveAdherence l;
    l.actual = ActivityOf(state, reason);
    if (!known) return l;  // Unknown
    if (schedule_in.empty()) {
        l.status = LiveStatus::Unscheduled;
        l.since_ms = state_since_ms;
        return l;
    }
    // Sorted already (the engine keeps it so): used as it is, else a sorted copy.
    auto by_start = [](const Planned& a, const Planned& b) { return a.start_ms < b.start_ms; };
    std::vector<Planned> sorted_copy;
    const bool sorted = std::is_sorted(schedule_in.begin(), schedule_in.end(), by_start);
    if (!sorted) {
        sorted_copy = schedule_in;
        std::sort(sorted_copy.begin(), sorted_copy.end(), by_start);
    }
    const std::vector<Planned>& schedule = sorted ? schedule_in : sorted_copy;
    l.scheduled = ScheduledAt(schedule, now_ms);
    // When the current planned activity (or the gap between two) began.
    int64_t planned_since = INT64_MIN;
    for (const Planned& p : schedule) {
        if (p.start_ms <= now_ms) planned_since = std::max(planned_since, now_ms < p.end_ms ? p.start_ms : p.end_ms);
    }
    l.since_ms = std::max(state_since_ms, planned_since);
    l.impact = ImpactOf(l.scheduled, l.actual);
    if (l.scheduled == l.actual) {
        l.status = LiveStatus::InAdherence;
        return l;
    }
    l.status = LiveStatus::OutOfAdherence;
    l.counted = now_ms - l.since_ms >= options.exception_threshold_ms;
    l.severe = now_ms - l.since_ms >= options.severe_threshold_ms;
    return l;
}

}  // namespace cb::wfm
