// The tag ranges of the dashboard's API requests (ApiRequest::tag): each page's controller tags
// its requests from its own range, and DashboardApp hands every answer to the controller whose
// range holds its tag. One list, so that no two pages share a range.
#pragma once

namespace cb::api_tags {

struct Range {
    int first;
    int last;
};

inline constexpr int kSettings = 1;  // the thresholds panel
inline constexpr Range kAdmin{100, 199};
inline constexpr Range kReconcile{200, 299};
inline constexpr Range kForecast{300, 399};
inline constexpr Range kRoster{400, 499};
inline constexpr Range kReports{500, 599};
inline constexpr Range kScorecards{600, 699};
inline constexpr Range kIncident{700, 799};
inline constexpr Range kReportFiles{800, 899};
inline constexpr Range kQa{900, 999};
inline constexpr Range kAlerts{1000, 1099};

inline constexpr Range kAll[] = {kAdmin, kReconcile, kForecast, kRoster, kReports, kScorecards, kIncident, kReportFiles, kQa,
                                 kAlerts};

constexpr bool Disjoint() {
    for (const Range& a : kAll) {
        if (a.first > a.last || (kSettings >= a.first && kSettings <= a.last)) return false;
        for (const Range& b : kAll)
            if (&a != &b && a.first <= b.last && b.first <= a.last) return false;
    }
    return true;
}
static_assert(Disjoint(), "two pages share API request tags");

}  // namespace cb::api_tags
