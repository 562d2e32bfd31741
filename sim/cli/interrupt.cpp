// The one signal handler of the CLI. It only stores the signal, raises the flag and restores the
// default actions (all async-signal-safe), so that a second Ctrl-C kills a command that is slow
// to stop.
#include "cli/interrupt.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdlib>
#include <memory>

namespace headroom {
namespace {

std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};

extern "C" void on_stop_signal(int sig) {
  g_signal.store(sig);
  g_stop.store(true);
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(SIGINT, &dfl, nullptr);
  sigaction(SIGTERM, &dfl, nullptr);
}

struct sigaction g_previous_int {}, g_previous_term {};

/// HEADROOM_TEST_RAISE (see StopOnSignal).
void add_test_hook(RunOptions& run) {
  const char* env = std::getenv("HEADROOM_TEST_RAISE");
  if (env == nullptr) return;
  const std::string spec = env;
  const auto at = spec.find('@');
  const int sig = spec.substr(0, at) == "TERM" ? SIGTERM : SIGINT;
  const std::string count = at == std::string::npos ? "0" : spec.substr(at + 1);
  const std::uint64_t after = std::stoull(count);
  if (count.ends_with("runs")) {
    // Shared by every copy of the options: the N-th simulation to end, on whichever thread.
    auto ended = std::make_shared<std::atomic<std::uint64_t>>(0);
    run.finished = [ended, sig, after] {
      if (++*ended == after) std::raise(sig);
    };
    return;
  }
  run.progress = [progress = run.progress, sig, after, raised = false](SimTime now, SimTime end,
                                                                         std::uint64_t events) mutable {
    if (progress) progress(now, end, events);
    if (!raised && events >= after) {
      raised = true;
      std::raise(sig);
    }
  };
}

}  // namespace

StopOnSignal::StopOnSignal(RunOptions& run) {
  run.stop = &g_stop;
  add_test_hook(run);
  struct sigaction on {};
  on.sa_handler = on_stop_signal;
  sigemptyset(&on.sa_mask);
  sigaction(SIGINT, &on, &g_previous_int);
  sigaction(SIGTERM, &on, &g_previous_term);
}

StopOnSignal::~StopOnSignal() {
  // After the first signal the default actions stay: a second one still kills while the
  // command writes what it has.
  if (stopped()) return;
  sigaction(SIGINT, &g_previous_int, nullptr);
  sigaction(SIGTERM, &g_previous_term, nullptr);
}

bool StopOnSignal::stopped() const { return g_stop.load(); }

int StopOnSignal::status() const { return 128 + (g_signal.load() != 0 ? g_signal.load() : SIGINT); }

std::string StopOnSignal::signal_name() const { return stop_signal(); }

std::string stop_signal() {
  const int sig = g_signal.load();
  return sig == SIGTERM ? "SIGTERM" : sig == SIGINT ? "SIGINT" : "";
}

std::string StopOnSignal::notice() const {
  return fmt::format("headroom: interrupted by {}: what was done so far is printed and written, marked partial\n",
                     signal_name());
}

void mark_interrupted(nlohmann::json& doc, const std::string& signal) {
  doc["partial"] = true;
  doc["stop_reason"] = "interrupted";
  doc["signal"] = signal;
}

void stop_as_if(const std::string& signal) {
  int expected = 0;
  g_signal.compare_exchange_strong(expected, signal == "SIGTERM" ? SIGTERM : SIGINT);
  g_stop.store(true);
}

const std::atomic<bool>& stop_flag() { return g_stop; }

}  // namespace headroom
