// The time series: a periodic event samples what the runner counted since the last one, and
// each pool's instances, CPU, queues and cost rate at that moment (Runner::sample_series).
#include <algorithm>

#include "runtime/runner.hpp"

namespace headroom {

TimeSeriesRow SeriesSampler::take(SimTime now) {
  TimeSeriesRow row;
  row.t_s = static_cast<double>(now) / 1e9;  // exact for whole seconds, unlike now × 1e-9
  const double width = std::max(1e-9, to_seconds(now - last_));
  auto rate = [&](ErrorKind k) { return static_cast<double>(outcomes_[static_cast<std::size_t>(k)]) / width; };
  row.offered_rps = static_cast<double>(offered_) / width;
  row.ok_rps = rate(ErrorKind::None);
  row.rejected_rps = rate(ErrorKind::Rejected);
  row.timeout_rps = rate(ErrorKind::Timeout);
  row.unavailable_rps = rate(ErrorKind::Unavailable);
  row.throttled_rps = rate(ErrorKind::Throttled);
  row.failed_rps = rate(ErrorKind::Failed);
  row.server_error_rps = rate(ErrorKind::ServerError);
  std::uint64_t errors = 0;
  for (std::size_t k = 1; k < outcomes_.size(); ++k) errors += outcomes_[k];
  row.error_rps = static_cast<double>(errors) / width;
  if (latency_.count() > 0) {
    row.p50_ms = latency_.quantile(0.50) * 1e-6;
    row.p99_ms = latency_.quantile(0.99) * 1e-6;
  }
  offered_ = 0;
  outcomes_.fill(0);
  latency_ = Histogram{};
  last_ = now;
  return row;
}

void Runner::enable_series(Duration interval, std::vector<PoolPrice> prices) {
  TimeSeries& s = series_.series();
  s.interval_s = static_cast<double>(interval) / 1e9;
  for (const PoolPrice& p : prices) s.pools.push_back(model_.components[p.component].name);
  for (const Function& f : model_.functions) s.services.push_back(model_.components[f.component].name + ".concurrency");
  for (const Stream& st : model_.streams) {
    const std::string& n = model_.components[st.component].name;
    if (st.consumer < 0) continue;
    s.services.push_back(n + (st.data_stream ? "" : ".stream") + ".iterator_age_ms");
    s.services.push_back(n + (st.data_stream ? "" : ".stream") + ".pending");
  }
  // Burstable pools: their instances' mean CPU credit balance and the surplus credits they owe.
  for (const PoolPrice& p : prices)
    if (burstable(p.component)) {
      s.services.push_back(model_.components[p.component].name + ".credit_balance");
      s.services.push_back(model_.components[p.component].name + ".surplus_credits");
    }
  for (std::size_t d = 0; d < model_.components.size(); ++d)
    if (!model_.states[d].replicas.empty()) s.services.push_back(model_.components[d].name + ".replica_lag_ms");
  // Connection pools: connections lent and requests waiting for one, over the instances alive.
  for (const Component& c : model_.components)
    if (c.pool_timeout > 0) {
      s.services.push_back(c.name + ".pool_busy");
      s.services.push_back(c.name + ".pool_waiting");
    }
  series_.start(interval, std::move(prices));
}

void Runner::sample_series() {
  const SimTime now = engine_.now();
  const Duration width = now - series_.last();
  TimeSeriesRow row = series_.take(now);
  const auto& prices = series_.prices();
  auto& busy_mark = series_.busy_mark();
  for (std::size_t p = 0; p < prices.size(); ++p) {
    const PoolPrice& price = prices[p];
    const Component& c = model_.components[price.component];
    const ComponentState& st = model_.states[price.component];
    PoolSample s;
    std::int64_t busy = 0;
    std::int32_t cores = 0;
    for (std::uint32_t i = c.first; i < c.first + c.count; ++i) {
      const Instance& in = model_.instances[i];
      busy += in.busy_total;
      if (!in.alive) continue;
      const Cpu& cpu = model_.cpus[in.cpu];
      cores += cpu.cores;
      s.queue += static_cast<double>(in.worker_wait.size()) + (in.guest ? 0.0 : static_cast<double>(cpu.wait.size()));
    }
    s.instances = st.alive;
    s.spot = st.billed_spot;
    // Demand is booked when service starts, so a busy interval can read a little over 100%.
    if (cores > 0 && width > 0)
      s.cpu = std::clamp(static_cast<double>(busy - busy_mark[p]) / (static_cast<double>(cores) * static_cast<double>(width)), 0.0, 1.0);
    busy_mark[p] = busy;
    const double spot = st.billed_spot, on_demand = static_cast<double>(st.billed) - spot;
    s.usd_per_hour = price.fixed_usd_per_hour + on_demand * price.on_demand_usd_per_hour + spot * price.spot_usd_per_hour;
    row.pools.push_back(s);
  }
  for (Function& f : model_.functions) {
    row.services.push_back(f.interval_peak);
    f.interval_peak = f.busy;
  }
  for (const Stream& st : model_.streams) {
    if (st.consumer < 0) continue;
    SimTime oldest = now;
    double pending = 0;
    for (const StreamShard& sh : st.shards) {
      pending += sh.records.size();
      if (!sh.records.empty()) oldest = std::min(oldest, sh.records.front().in);
    }
    row.services.push_back(to_seconds(now - oldest) * 1e3);
    row.services.push_back(pending);
  }
  for (const PoolPrice& p : prices)
    if (burstable(p.component)) {
      const CreditSample cs = credit_sample(p.component);
      row.services.push_back(cs.balance);
      row.services.push_back(cs.surplus);
    }
  for (std::uint16_t d = 0; d < model_.components.size(); ++d) {
    if (model_.states[d].replicas.empty()) continue;
    Duration lag = 0;
    for (std::uint32_t k = 0; k < model_.states[d].replicas.size(); ++k) lag = std::max(lag, replica_lag(d, k));
    row.services.push_back(to_seconds(lag) * 1e3);
  }
  for (std::uint16_t p = 0; p < model_.components.size(); ++p) {
    const Component& c = model_.components[p];
    if (c.pool_timeout <= 0) continue;
    double busy = 0, waiting = 0;
    if (hybrid_ && !hybrid_->zoomed) {
      // At the rate level: the fluid backlog, or Little's law on the step's M/M/c (busy = λh,
      // waiting = λ·Wq).
      const HybridState& hy = *hybrid_;
      const double lambda = hy.pool_flow[p], hold = hy.pool_hold[p] * 1e-9;
      busy = std::min(lambda * hold, static_cast<double>(model_.states[p].alive) * model_.instances[c.first].pool);
      waiting = hy.pool_backlog[p] + lambda * hy.pool_wait_p[p] * hy.pool_wait_mean[p] * 1e-9;
    } else {
      for (std::uint32_t i = c.first; i < c.first + c.count; ++i)
        if (const Instance& in = model_.instances[i]; in.alive) {
          busy += in.pool_busy;
          waiting += in.pool_wait.size();
        }
    }
    row.services.push_back(busy);
    row.services.push_back(waiting);
  }
  series_.series().rows.push_back(std::move(row));
  if (now + series_.interval() <= recorder_.end()) engine_.schedule_in(series_.interval(), kSample, 0, 0);
}

void Runner::finish_series() {
  // The last, shorter interval of a run whose length is not a multiple of the interval, or the
  // one a stopped run was in.
  if (series_.on() && engine_.now() > series_.last()) sample_series();
}

}  // namespace headroom
