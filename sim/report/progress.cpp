#include "report/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "headroom/core/units.hpp"

namespace headroom {

std::string progress_line(SimTime now, SimTime end, std::uint64_t events, double wall_s) {
  const double done = end > 0 ? std::clamp(static_cast<double>(now) / static_cast<double>(end), 0.0, 1.0) : 1.0;
  constexpr int kWidth = 24;
  const int filled = static_cast<int>(done * kWidth);
  const double rate = wall_s > 0 ? static_cast<double>(events) / wall_s : 0;
  std::string eta = "–";
  if (done > 0 && wall_s > 0) eta = format_duration(static_cast<Duration>(wall_s * (1 - done) / done * 1e9) / kSecond * kSecond);
  return fmt::format("[{}{}] {:3.0f}%  {} of {} simulated  {:.1f}M events/s  ETA {}", std::string(filled, '#'),
                     std::string(kWidth - filled, ' '), done * 100, format_duration(now / kSecond * kSecond),
                     format_duration(end), rate / 1e6, eta);
}

ProgressBar::ProgressBar() : tty_(::isatty(STDERR_FILENO) == 1), start_(std::chrono::steady_clock::now()), last_(start_) {}

std::function<void(SimTime, SimTime, std::uint64_t)> ProgressBar::callback() {
  if (!tty_) return {};
  return [this](SimTime now, SimTime end, std::uint64_t events) {
    const auto t = std::chrono::steady_clock::now();
    const double wall = std::chrono::duration<double>(t - start_).count();
    // Only runs longer than a second get a bar, redrawn at most ten times a second.
    if (wall < 1.0 || std::chrono::duration<double>(t - last_).count() < 0.1) return;
    last_ = t;
    shown_ = true;
    std::fprintf(stderr, "\r%s\x1b[K", progress_line(now, end, events, wall).c_str());
    std::fflush(stderr);
  };
}

void ProgressBar::finish() {
  if (!shown_) return;
  std::fprintf(stderr, "\r\x1b[K");
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace headroom
