#include "rank_command.hpp"

#include "output.hpp"

namespace confidant::cli {

// When the ranking layer lands, this reads the candidates from args.candidates
// before opening the store (as track does), then ranks inside
// with_store(session, "rank", ...) and prints one JSON line. Until then the
// store is not opened at all: the answer must not depend on its state.
Exit run_rank(const Session& /*session*/, const Rank& /*args*/) {
  error("rank: not available yet");
  return Exit::kUsage;
}

}  // namespace confidant::cli
