#include "mip.h"

namespace cb::wfm {

const char* MipStatusName(MipSolution::Status s) {
    switch (s) {
    case MipSolution::Status::Optimal: return "optimal";
    case MipSolution::Status::Feasible: return "feasible";
    case MipSolution::Status::Infeasible: return "infeasible";
    case MipSolution::Status::Unbounded: return "unbounded";
    case MipSolution::Status::NoSolution: return "no_solution";
    case MipSolution::Status::Error: break;
    }
    return "error";
}

}  // namespace cb::wfm
