#pragma once
// Ctrl-C and SIGTERM in every command (issue 16): the first signal raises one stop flag that every
// simulation checks (RunOptions::stop), so no new simulation starts and the running ones end at
// their next check; the command then prints and writes what it has, marked partial, and exits
// 128 + the signal (130 for SIGINT, 143 for SIGTERM), as a shell reports a killed process. A second
// signal takes the default action: it kills at once.
#include <nlohmann/json_fwd.hpp>

#include <atomic>
#include <string>

#include "headroom/runtime/run_options.hpp"

namespace headroom {

/// Installs the handlers for its lifetime (restoring the previous ones after) and hooks `run`
/// up to the stop flag and to the test hook HEADROOM_TEST_RAISE:
///   SIGNAL@N      raise SIGNAL (INT or TERM) at the first progress check past N events;
///   SIGNAL@Nruns  raise it as the N-th simulation ends (use --threads 1 for a fixed point),
/// so that tests interrupt a command at a deterministic point without sleeping.
class StopOnSignal {
 public:
  explicit StopOnSignal(RunOptions& run);
  ~StopOnSignal();
  StopOnSignal(const StopOnSignal&) = delete;
  StopOnSignal& operator=(const StopOnSignal&) = delete;

  /// A signal came.
  bool stopped() const;
  /// 128 + the signal.
  int status() const;
  /// "SIGINT" or "SIGTERM"; "" before any signal.
  std::string signal_name() const;
  /// The line commands print on standard error when stopped: "headroom: interrupted by SIGINT; …".
  std::string notice() const;
};

/// Marks a command's JSON document as what an interrupted command had: "partial": true,
/// "stop_reason": "interrupted" (the keys run's partial report uses) and "signal" (`signal`).
void mark_interrupted(nlohmann::json& doc, const std::string& signal);

/// Stops this process as if `signal` ("SIGINT", "SIGTERM") had come to it, when no signal has:
/// under mpirun, rank 0 learns that another rank was interrupted (docs/scaling-out.md).
void stop_as_if(const std::string& signal);

/// The signal that raised the stop flag ("SIGINT", "SIGTERM"; "" when none has).
std::string stop_signal();

/// The stop flag itself, for code paths without a RunOptions (e.g. a loop of studies).
const std::atomic<bool>& stop_flag();

}  // namespace headroom
