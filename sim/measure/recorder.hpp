#pragma once
// Aggregates what the runner emits — request outcomes and per-component latencies — into
// histograms and counters, excluding everything that arrived during warmup. Fixed memory.
#include <cstdint>
#include <vector>

#include "headroom/measure/histogram.hpp"
#include "headroom/measure/report.hpp"

namespace headroom {

enum class ErrorKind : std::uint8_t { None, Rejected, Timeout, Unavailable, Throttled, Failed, ServerError };

struct ClassTally {
  Histogram latency;
  std::uint64_t requests = 0, errors = 0;
};

/// One half of the measured window for one class (Recorder::track_halves): whether the queue had
/// settled, judged by comparing the halves (docs/capacity.md).
struct HalfTally {
  Histogram latency;
  std::uint64_t requests = 0, errors = 0;
};

class Recorder {
 public:
  Recorder(std::size_t classes, std::size_t components, SimTime warmup, SimTime end)
      : classes_(classes), component_latency_(components), warmup_(warmup), end_(end) {}

  SimTime warmup() const { return warmup_; }
  SimTime end() const { return end_; }

  void offered() { ++offered_; }
  /// One attempt sent by a measured request (the first, or a retry).
  void attempt() { ++attempts_; }
  /// Also tallies each class over the two halves of the measured window, split at its middle by
  /// the time a request was first sent.
  void track_halves() {
    halves_.assign(2 * classes_.size(), HalfTally{});
    split_ = warmup_ + (end_ - warmup_) / 2;
  }
  /// Class k's tally over half h (0 or 1); only after track_halves().
  const HalfTally& half(std::size_t k, int h) const { return halves_[2 * k + static_cast<std::size_t>(h)]; }
  bool tracks_halves() const { return !halves_.empty(); }

  /// A measured request, first sent at `sent`, came back to its client, successfully or not.
  void finished(std::uint16_t cls, ErrorKind error, Duration latency, SimTime sent) {
    if (!halves_.empty()) {
      HalfTally& h = halves_[2 * std::size_t{cls} + (sent >= split_ ? 1 : 0)];
      ++h.requests;
      if (error == ErrorKind::None)
        h.latency.record(latency);
      else
        ++h.errors;
    }
    ClassTally& c = classes_[cls];
    ++c.requests;
    time_in_system_ns_ += static_cast<double>(latency);
    ++finished_;
    if (error == ErrorKind::None) {
      overall_.record(latency);
      // With one class its histogram is the overall one: skip the second record.
      if (classes_.size() > 1) c.latency.record(latency);
      return;
    }
    ++c.errors;
    switch (error) {
      case ErrorKind::Rejected: ++errors_.rejected; break;
      case ErrorKind::Timeout: ++errors_.timeout; break;
      case ErrorKind::Unavailable: ++errors_.unavailable; break;
      case ErrorKind::Throttled: ++errors_.throttled; break;
      case ErrorKind::Failed: ++errors_.failed; break;
      case ErrorKind::ServerError: ++errors_.server_error; break;
      case ErrorKind::None: break;
    }
  }
  void component_latency(std::uint16_t component, Duration d) { component_latency_[component].record(d); }

  // Weighted forms for the hybrid engine: `n` requests at once, each as the one-request form.
  void offered(std::uint64_t n) { offered_ += n; }
  void attempt(std::uint64_t n) { attempts_ += n; }
  void finished(std::uint16_t cls, ErrorKind error, Duration latency, std::uint64_t n) {
    if (n == 0) return;
    ClassTally& c = classes_[cls];
    c.requests += n;
    time_in_system_ns_ += static_cast<double>(latency) * static_cast<double>(n);
    finished_ += n;
    // Little's law without a clock per request: n requests in flight for `latency` each.
    in_flight_area_ += static_cast<double>(latency) * static_cast<double>(n);
    if (error == ErrorKind::None) {
      overall_.record(latency, n);
      if (classes_.size() > 1) c.latency.record(latency, n);
      return;
    }
    c.errors += n;
    switch (error) {
      case ErrorKind::Rejected: errors_.rejected += n; break;
      case ErrorKind::Timeout: errors_.timeout += n; break;
      case ErrorKind::Unavailable: errors_.unavailable += n; break;
      case ErrorKind::Throttled: errors_.throttled += n; break;
      case ErrorKind::Failed: errors_.failed += n; break;
      case ErrorKind::ServerError: errors_.server_error += n; break;
      case ErrorKind::None: break;
    }
  }
  void component_latency(std::uint16_t component, Duration d, std::uint64_t n) { component_latency_[component].record(d, n); }
  void freshness(std::uint16_t component, Duration age, std::uint64_t n) {
    if (freshness_.empty()) freshness_.resize(component_latency_.size());
    freshness_[component].record(age, n);
  }
  /// The age of data when it landed at `component` through an asynchronous pipeline.
  void freshness(std::uint16_t component, Duration age) {
    if (freshness_.empty()) freshness_.resize(component_latency_.size());  // only pipelines pay for these
    freshness_[component].record(age);
  }
  /// The freshness histogram of component i, or nullptr when nothing landed there.
  const Histogram* freshness_of(std::size_t i) const {
    return i < freshness_.size() && freshness_[i].count() > 0 ? &freshness_[i] : nullptr;
  }

  /// Requests in flight changed at `now` (Little's law bookkeeping over [warmup, end]).
  void in_flight_changed(SimTime now, std::int64_t in_flight_before) {
    if (now > warmup_) {
      const SimTime from = last_change_ > warmup_ ? last_change_ : warmup_;
      in_flight_area_ += static_cast<double>(in_flight_before) * static_cast<double>(now - from);
    }
    last_change_ = now;
  }

  const Histogram& overall() const { return overall_; }
  const std::vector<ClassTally>& classes() const { return classes_; }
  /// The latency histogram of class k (the overall one when there is a single class).
  const Histogram& class_latency(std::size_t k) const { return classes_.size() > 1 ? classes_[k].latency : overall_; }
  const Histogram& component(std::size_t i) const { return component_latency_[i]; }
  std::uint64_t offered_count() const { return offered_; }
  std::uint64_t attempts() const { return attempts_; }
  std::uint64_t finished_count() const { return finished_; }
  const ErrorCounts& errors() const { return errors_; }
  double in_flight_area() const { return in_flight_area_; }
  double time_in_system_ns() const { return time_in_system_ns_; }

 private:
  Histogram overall_;
  std::vector<ClassTally> classes_;
  std::vector<Histogram> component_latency_;
  std::vector<Histogram> freshness_;
  std::vector<HalfTally> halves_;  // 2 per class when tracked
  ErrorCounts errors_;
  std::uint64_t offered_ = 0, attempts_ = 0, finished_ = 0;
  double in_flight_area_ = 0, time_in_system_ns_ = 0;
  SimTime warmup_, end_, last_change_ = 0, split_ = 0;
};

/// Milliseconds summary of a histogram of nanoseconds.
LatencySummary summarize(const Histogram& h);

}  // namespace headroom
