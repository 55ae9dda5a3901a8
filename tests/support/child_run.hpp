// Runs part of a test in a forked child under a deadline, so a call that may
// hang (an open() of a FIFO blocks until a writer comes) fails the test
// instead of stalling the run. A thread cannot be used for this: a thread
// stuck in a system call cannot be stopped, and a std::async future waits for
// it in its destructor.
//
// Thread-safety: call from a single-threaded test (fork() copies only the
// calling thread). The child must not use Catch2's assertions: it reports
// through the string it returns.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace confidant::testing {

// Forks; the child runs `body` and sends back what it returns (an exception
// becomes "exception: <what>"), then exits without running destructors or
// atexit handlers. The parent waits at most `timeout` for the whole answer:
// nullopt when the child did not finish by then (it is killed with SIGKILL)
// or died before answering. The child also dies by SIGALRM a little after the
// deadline, should the parent itself be gone.
std::optional<std::string> run_in_child(const std::function<std::string()>& body, std::chrono::seconds timeout);

// Writes all of `text` to `fd`, across short writes and EINTR; stops
// silently when the reader has gone (a child reporting to its parent).
void write_all(int fd, const std::string& text);

}  // namespace confidant::testing
