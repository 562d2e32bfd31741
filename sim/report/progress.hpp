#pragma once
// The progress bar of a run on a terminal (stderr): simulated time, events/s and an ETA. It
// shows only when stderr is a terminal and the run has taken more than a second of wall time,
// and erases itself at the end, so that output meant for a file or a pipe never sees it.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "headroom/core/time.hpp"

namespace headroom {

/// One line of the bar: `[#####     ]  42%  25m of 1h simulated  12.3M events/s  ETA 3s`.
std::string progress_line(SimTime now, SimTime end, std::uint64_t events, double wall_s);

/// A RunOptions::progress callback drawing on stderr when it is a terminal; empty otherwise.
/// `finish()` erases the bar if it was drawn.
class ProgressBar {
 public:
  ProgressBar();
  std::function<void(SimTime, SimTime, std::uint64_t)> callback();
  void finish();

 private:
  bool tty_ = false, shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace headroom
