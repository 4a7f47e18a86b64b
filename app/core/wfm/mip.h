// A mixed-integer linear program as plain data (docs/wfm.md): variables with bounds, costs and
// integrality; rows lower <= sum(coefficient x variable) <= upper; minimise the cost. The domain
// code (rosters, shift selection, breaks) states its problems in it; a solver outside the core
// (COIN-OR CBC, server/wfm) solves them. No solver code here: the core stays portable.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace cb::wfm {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

struct MipModel {
    struct Var {
        std::string name;
        double lower = 0, upper = kInf, cost = 0;
        bool integer = true;
    };
    struct Row {
        std::string name;  // says which rule it is, for messages ("coverage day 1 hour 21")
        double lower = -kInf, upper = kInf;
        std::vector<std::pair<int, double>> terms;  // (variable, coefficient)
    };
    std::vector<Var> vars;
    std::vector<Row> rows;

    int AddVar(std::string name, double lower, double upper, double cost, bool integer = true) {
        vars.push_back({std::move(name), lower, upper, cost, integer});
        return static_cast<int>(vars.size() - 1);
    }
    int AddRow(std::string name, double lower, double upper, std::vector<std::pair<int, double>> terms) {
        rows.push_back({std::move(name), lower, upper, std::move(terms)});
        return static_cast<int>(rows.size() - 1);
    }
};

struct MipOptions {
    double max_seconds = 60;    // stop there with the best solution found and its gap
    double relative_gap = 0.0;  // stop when proven within this of the optimum (0: optimal)
    int threads = 1;
};

struct MipSolution {
    enum class Status { Optimal, Feasible, Infeasible, Unbounded, NoSolution, Error } status = Status::Error;
    std::vector<double> values;   // per variable (integers rounded)
    double objective = 0;
    double best_bound = 0;        // a proven lower bound on the optimum
    double gap = 0;               // (objective - bound) / max(1, |objective|); 0 when optimal
    double seconds = 0;
    std::string message;          // what the solver said, for Error
    bool has_solution() const { return status == Status::Optimal || status == Status::Feasible; }
};
const char* MipStatusName(MipSolution::Status s);  // "optimal", "feasible", "infeasible", ...

}  // namespace cb::wfm
