#include "server/wfm/mip_solver.h"

#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <CoinPackedMatrix.hpp>
#include <CoinPackedVector.hpp>
#include <ClpSolve.hpp>
#include <OsiClpSolverInterface.hpp>

namespace cb::wfm {
namespace {

// CBC's callback between its steps: nothing to do.
int NoCallback(CbcModel*, int) { return 0; }

// Loads the model into a CLP interface: columns, rows, costs, integrality. False with the reason
// in out->message for a row naming a variable that is not there.
bool Load(const MipModel& m, OsiClpSolverInterface& solver, MipSolution* out) {
    const int n = static_cast<int>(m.vars.size());
    const double inf = solver.getInfinity();
    auto bound = [inf](double v) { return std::isinf(v) ? (v > 0 ? inf : -inf) : v; };
    std::vector<double> col_lb(static_cast<size_t>(n)), col_ub(static_cast<size_t>(n)), cost(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        const MipModel::Var& v = m.vars[static_cast<size_t>(i)];
        col_lb[static_cast<size_t>(i)] = bound(v.lower);
        col_ub[static_cast<size_t>(i)] = bound(v.upper);
        cost[static_cast<size_t>(i)] = v.cost;
    }
    CoinPackedMatrix matrix(false, 0, 0);
    matrix.setDimensions(0, n);
    std::vector<double> row_lb, row_ub;
    for (const MipModel::Row& r : m.rows) {
        CoinPackedVector row;
        for (const auto& [var, coef] : r.terms) {
            if (var < 0 || var >= n) {
                out->status = MipSolution::Status::Error;
                out->message = "row '" + r.name + "' names a variable that is not there";
                return false;
            }
            row.insert(var, coef);
        }
        matrix.appendRow(row);
        row_lb.push_back(bound(r.lower));
        row_ub.push_back(bound(r.upper));
    }
    solver.loadProblem(matrix, col_lb.data(), col_ub.data(), cost.data(), row_lb.data(), row_ub.data());
    for (int i = 0; i < n; ++i) {
        if (m.vars[static_cast<size_t>(i)].integer) solver.setInteger(i);
    }
    solver.messageHandler()->setLogLevel(0);
    return true;
}

}  // namespace

MipSolution SolveLpRelaxation(const MipModel& m, double max_seconds) {
    MipSolution out;
    const auto start = std::chrono::steady_clock::now();
    const int n = static_cast<int>(m.vars.size());
    if (n == 0) {
        out.status = MipSolution::Status::Optimal;
        return out;
    }
    OsiClpSolverInterface solver;
    if (!Load(m, solver, &out)) return out;
    for (int i = 0; i < n; ++i) solver.setContinuous(i);
    solver.getModelPtr()->setMaximumSeconds(max_seconds);
    solver.getModelPtr()->setMaximumWallSeconds(max_seconds);  // wall clock, like the MIP's limit
    // Primal simplex: on rosters' relaxations many times faster than dual (measured,
    // bench/results/wfm_roster.md).
    ClpSolve how;
    how.setSolveType(ClpSolve::usePrimal);
    solver.setSolveOptions(how);
    solver.initialSolve();
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (solver.isProvenOptimal()) {
        out.status = MipSolution::Status::Optimal;
        out.values.assign(solver.getColSolution(), solver.getColSolution() + n);
        out.objective = out.best_bound = solver.getObjValue();
    } else if (solver.isProvenPrimalInfeasible()) {
        out.status = MipSolution::Status::Infeasible;
    } else if (solver.isProvenDualInfeasible()) {
        out.status = MipSolution::Status::Unbounded;
    } else {
        out.status = MipSolution::Status::NoSolution;
        out.message = "the LP relaxation was not solved within " + std::to_string(max_seconds) + " s";
    }
    return out;
}

MipSolution SolveMip(const MipModel& m, const MipOptions& options) {
    MipSolution out;
    const auto start = std::chrono::steady_clock::now();
    const int n = static_cast<int>(m.vars.size());
    if (n == 0) {
        out.status = MipSolution::Status::Optimal;
        return out;
    }
    OsiClpSolverInterface solver;
    if (!Load(m, solver, &out)) return out;
    CbcModel model(solver);
    model.messageHandler()->setLogLevel(0);
    CbcSolverUsefulData data;
    data.noPrinting_ = true;
    CbcMain0(model, data);
    const std::string seconds = std::to_string(options.max_seconds);
    const std::string ratio = std::to_string(options.relative_gap);
    const std::string threads = std::to_string(options.threads);
    // Wall-clock seconds (CBC counts CPU time unless told), CBC's full solve, nothing printed.
    const char* argv[] = {"callboard", "-log", "0", "-timeMode", "elapsed", "-sec", seconds.c_str(), "-ratio", ratio.c_str(),
                          "-threads", threads.c_str(), "-solve", "-quit"};
    CbcMain1(static_cast<int>(std::size(argv)), argv, model, NoCallback, data);
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double* best = model.bestSolution();
    if (model.isProvenInfeasible()) {
        out.status = MipSolution::Status::Infeasible;
    } else if (model.isContinuousUnbounded()) {
        out.status = MipSolution::Status::Unbounded;
    } else if (best == nullptr) {
        out.status = MipSolution::Status::NoSolution;  // stopped before any was found
        out.message = "no solution found within " + seconds + " s";
    } else {
        out.status = model.isProvenOptimal() ? MipSolution::Status::Optimal : MipSolution::Status::Feasible;
        out.values.assign(best, best + n);
        for (int i = 0; i < n; ++i) {
            if (m.vars[static_cast<size_t>(i)].integer) out.values[static_cast<size_t>(i)] = std::round(out.values[static_cast<size_t>(i)]);
        }
        out.objective = model.getObjValue();
        out.best_bound = model.getBestPossibleObjValue();
        if (out.status == MipSolution::Status::Optimal) {
            out.best_bound = out.objective;
            out.gap = 0;
        } else {
            out.gap = std::fabs(out.objective - out.best_bound) / std::max(1.0, std::fabs(out.objective));
        }
    }
    return out;
}

}  // namespace cb::wfm
