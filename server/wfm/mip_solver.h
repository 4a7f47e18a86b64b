// Solves a MIP (app/core/wfm/mip.h) with COIN-OR CBC, Debian's coinor-libcbc-dev: CBC's own
// solve (presolve, cuts, heuristics, branch and bound), a time limit and a gap. Quiet: nothing is
// printed. Safe to call from several threads at once (one CBC model per call).
#pragma once
#include "core/wfm/mip.h"

namespace cb::wfm {

MipSolution SolveMip(const MipModel& model, const MipOptions& options = {});
// The LP relaxation (integrality dropped), solved by CLP's primal simplex: its objective is a
// proven lower bound on the MIP's optimum. Status Optimal with the values, or why not.
MipSolution SolveLpRelaxation(const MipModel& model, double max_seconds = 60);

}  // namespace cb::wfm
