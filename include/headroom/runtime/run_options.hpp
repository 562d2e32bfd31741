#pragma once
/// The guards and switches of one simulation run: event and memory limits, a stop flag, the
/// time-series interval and a progress callback.
#include <atomic>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "headroom/core/time.hpp"

namespace headroom {

/// How finely a run simulates its data plane. `Request`: every request is a chain of events (exact).
/// `Hybrid`: the control plane stays events while the requests advance as rates in steps
/// (docs/design.md, "The hybrid engine"). `Auto`: per request when the estimated events fit
/// RunOptions::event_budget, hybrid beyond.
enum class Fidelity : std::uint8_t { Auto, Request, Hybrid };

/// Guards and switches for one run. The limits stop a runaway run cleanly (a partial report with
/// the reason), never by exhausting memory.
struct RunOptions {
  /// Stop after this many events (about 2 per request per hop).
  std::uint64_t max_events = 20'000'000'000ULL;
  /// Stop when more requests than this are in flight at once: the topology is not draining its
  /// load and memory would grow without bound. Each request in flight takes about 150 bytes.
  std::uint64_t max_in_flight = 4'000'000;
  /// Per request or hybrid (see Fidelity).
  Fidelity fidelity = Fidelity::Auto;
  /// Auto picks per request while its estimated events (requests × hops × 2) stay under this:
  /// about a minute of one core at the per-request engine's ~25M events/s (docs/design.md).
  double event_budget = 1.5e9;
  /// Zoom windows of a hybrid run, [from, to) in simulated time: inside each, the clients'
  /// requests run per request (events) from the hybrid state, so that a fault's timeline and the
  /// requests it loses are exact (docs/design.md, "Zoom windows"). Empty: simulate() puts one
  /// around each scheduled fault. Ignored by a per-request run.
  std::vector<std::pair<SimTime, SimTime>> zoom;
  /// Set from another thread or a signal handler (Ctrl-C) to stop early with a partial report.
  const std::atomic<bool>* stop = nullptr;
  /// Sample Report::timeseries every this long (0: no series). Costs one event per interval.
  Duration series_interval = 0;
  /// Fill ClassReport::halves: each class over the two halves of the measured window (a capacity
  /// probe's steady-state test, docs/capacity.md). Costs one more histogram record per request.
  bool halves = false;
  /// Called every 65,536 events (256 in a hybrid run, whose events are steps) with the
  /// simulated time and the events run so far (a progress bar); empty: never.
  std::function<void(SimTime now, SimTime end, std::uint64_t events)> progress;
  /// Called as each simulation ends, stopped or not (a CLI test hook counts them to raise a signal
  /// at a fixed point); empty: never. Shared by every copy of the options, so it must be
  /// thread-safe.
  std::function<void()> finished;
};

}  // namespace headroom
