#pragma once
// What the runner counts between two samples of the time series: requests offered and finished
// (by outcome) and a latency histogram of the interval, emptied at each sample. Counts every
// request, warmup included: the series shows the whole run. Off (and free but for one branch
// per request) unless a series was asked for.
#include <array>
#include <cstdint>
#include <vector>

#include "headroom/measure/histogram.hpp"
#include "headroom/measure/timeseries.hpp"
#include "measure/recorder.hpp"

namespace headroom {

/// The price of one pool's instances, fixed when the series is switched on (from the catalog).
struct PoolPrice {
  std::uint16_t component = 0;
  double on_demand_usd_per_hour = 0;  ///< per billed on-demand instance
  double spot_usd_per_hour = 0;       ///< per billed Spot instance (at its discount)
  double fixed_usd_per_hour = 0;      ///< rds, elasticache: every instance, whatever its state
};

class SeriesSampler {
 public:
  bool on() const { return interval_ > 0; }
  Duration interval() const { return interval_; }
  void start(Duration interval, std::vector<PoolPrice> prices) {
    interval_ = interval;
    prices_ = std::move(prices);
    busy_mark_.assign(prices_.size(), 0);
  }
  void offered() {
    if (on()) ++offered_;
  }
  void finished(ErrorKind error, Duration latency) {
    if (!on()) return;
    ++outcomes_[static_cast<std::size_t>(error)];
    if (error == ErrorKind::None) latency_.record(latency);
  }
  void offered(std::uint64_t n) {
    if (on()) offered_ += n;
  }
  void finished(ErrorKind error, Duration latency, std::uint64_t n) {
    if (!on()) return;
    outcomes_[static_cast<std::size_t>(error)] += n;
    if (error == ErrorKind::None) latency_.record(latency, n);
  }
  /// The request counts of (last sample, now] as a row (pools still empty), and a fresh interval.
  TimeSeriesRow take(SimTime now);

  const std::vector<PoolPrice>& prices() const { return prices_; }
  std::vector<std::int64_t>& busy_mark() { return busy_mark_; }
  SimTime last() const { return last_; }
  TimeSeries& series() { return series_; }

 private:
  Duration interval_ = 0;
  std::vector<PoolPrice> prices_;
  std::vector<std::int64_t> busy_mark_;  // per pool: core-ns started by the last sample
  std::uint64_t offered_ = 0;
  std::array<std::uint64_t, 16> outcomes_{};  // by ErrorKind (room for kinds to come)
  Histogram latency_;
  SimTime last_ = 0;
  TimeSeries series_;
};

}  // namespace headroom
