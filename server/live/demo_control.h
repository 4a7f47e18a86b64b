// Where POST /api/demo hands a trainer's command: the server's demo source. The HTTP layer
// sees only this; ServeApp connects it while a demo source runs (DemoApi::target) and leaves
// it null for a real source, which has no simulation to control.
#pragma once
#include <atomic>
#include <string>
#include "core/demo_run.h"

namespace cb {

class DemoController {
public:
    virtual ~DemoController() = default;
    // Carries out the command on the running demo and publishes the result to every stream.
    // false (nothing changed) with *error when a value is out of range.
    virtual bool Control(const DemoCommand& command, std::string* error) = 0;
    virtual DemoStatus GetStatus() = 0;
};

struct DemoApi {
    std::atomic<DemoController*> target{nullptr};  // null: no demo runs (real data): 409
};

}  // namespace cb
