// The workload's Engine over a Confidant store (store/store.hpp), opened with
// its shipping settings; only the durability follows --sync.
#pragma once

#include <memory>

#include "bench_options.hpp"
#include "bench_workload.hpp"

namespace confidant::bench {

std::unique_ptr<Engine> make_confidant_engine(Sync sync);

}  // namespace confidant::bench
